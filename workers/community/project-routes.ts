import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { VISIBILITIES, isOpen } from "../../shared/community";
import { PROJECT_ID } from "../../shared/ids";
import type { AppEnv } from "../app-env";
import { requireAccount } from "../api/auth";
import { config } from "../config/config";
import { readJson } from "../lib/body";
import { apiError, notFound } from "../lib/errors";
import { log } from "../lib/log";
import { MAX_AUTHOR } from "./authors";
import { addStar, removeStar } from "./counters";
import { addReport } from "./moderation-db";
import { communityInfo } from "./info";
import { NotOwnerError, RemovedError, changeVisibility } from "./publish";
import { NothingToRemixError, remixProject } from "./remix";
import { MAX_PROMPT_CHARS } from "../../shared/limits";

const visibilitySchema = z.strictObject({
  visibility: z.enum(VISIBILITIES),
  /** The name to publish under (kept for the account's later projects too). */
  author: z.string().trim().min(1).max(MAX_AUTHOR).optional(),
});

const remixSchema = z.strictObject({ instruction: z.string().trim().min(1).max(MAX_PROMPT_CHARS).optional() });

const reportSchema = z.strictObject({ reason: z.string().trim().min(3, "say what is wrong, in a few words").max(500) });

/**
 * The community's routes on one project, mounted at `/api/projects/:id` before the owner's own
 * routes: visibility is the owner's, stars and reports are any signed-in account's, on projects
 * they can see. A project someone cannot see answers 404 as if it did not exist.
 */
export const communityProject = new Hono<AppEnv>();

communityProject.use("*", requireAccount);

communityProject.patch("/", async (c) => {
  const body = await readJson(c, visibilitySchema);
  try {
    const publication = await changeVisibility(c.env, {
      projectId: projectId(c),
      accountId: c.get("accountId"),
      visibility: body.visibility,
      ...(body.author ? { author: body.author } : {}),
    });
    return c.json({ publication });
  } catch (err) {
    if (err instanceof NotOwnerError) throw notFound("project");
    if (err instanceof RemovedError) throw apiError(409, "project_removed", err.message);
    throw err;
  }
});

communityProject.get("/community", async (c) => {
  const id = projectId(c);
  const found = PROJECT_ID.test(id) ? await c.env.PROJECTS.getByName(id).read() : null;
  if (!found || found.accountId !== c.get("accountId")) throw notFound("project");
  const { removed: _removed, ...publication } = found.publication;
  return c.json(await communityInfo(c.env, id, publication, c.get("accountId"), true), 200, { "cache-control": "no-store" });
});

communityProject.put("/star", async (c) => {
  const id = await visibleProject(c);
  const stars = await addStar(c.env.DB, c.get("accountId"), id);
  return c.json({ starred: true, stars });
});

communityProject.delete("/star", async (c) => {
  const id = await visibleProject(c);
  const stars = await removeStar(c.env.DB, c.get("accountId"), id);
  return c.json({ starred: false, stars });
});

communityProject.post("/report", async (c) => {
  const { reason } = await readJson(c, reportSchema);
  const id = projectId(c);
  const found = PROJECT_ID.test(id) ? await c.env.PROJECTS.getByName(id).read() : null;
  if (!found || !isOpen(found.publication.visibility)) throw notFound("project");
  if (found.accountId === c.get("accountId")) throw apiError(400, "own_project", "you cannot report your own project");
  const outcome = await addReport(c.env.DB, id, c.get("accountId"), reason, config(c.env).REPORTS_TO_HIDE);
  log("community.report", { project: id, account: c.get("accountId"), recorded: outcome.recorded, hidden: outcome.hidden });
  // Whether it is hidden now is the admins' business, not the reporter's.
  return c.json({ reported: true }, 202);
});

/**
 * `POST /api/projects/:id/remix {"instruction"?}`: a copy in the caller's account (free), with
 * its parent's history; 201 with the new project. An instruction becomes an edit run once edits
 * exist (workers/community/remix.ts `followUpEdit`).
 */
communityProject.post("/remix", async (c) => {
  const body = await readJson(c, remixSchema);
  try {
    const remix = await remixProject(c.env, {
      sourceId: projectId(c),
      accountId: c.get("accountId"),
      ...(body.instruction ? { instruction: body.instruction } : {}),
      origin: "api",
    });
    return c.json({ project: remix.view, parent: remix.parent, edit: remix.edit }, 201);
  } catch (err) {
    if (err instanceof NotOwnerError) throw notFound("project");
    if (err instanceof RemovedError) throw apiError(409, "project_removed", err.message);
    if (err instanceof NothingToRemixError) throw apiError(409, "not_ready", err.message);
    throw err;
  }
});

/** The project's id when the caller may see it: its owner, or anyone while it is unlisted or public. */
async function visibleProject(c: Context<AppEnv>): Promise<string> {
  const id = projectId(c);
  const found = PROJECT_ID.test(id) ? await c.env.PROJECTS.getByName(id).read() : null;
  if (!found || (found.accountId !== c.get("accountId") && !isOpen(found.publication.visibility))) throw notFound("project");
  return id;
}

// Mounted under a path with `:id`, so it is always there; an empty one is no project.
function projectId(c: Context<AppEnv>): string {
  return c.req.param("id") ?? "";
}
