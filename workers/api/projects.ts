import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { readJson } from "../lib/body";
import type { ProjectView } from "../../shared/protocol";
import { startProject } from "../projects/start";
import { startErrorResponse } from "../projects/start-errors";
import { requireAccount } from "./auth";

const createSchema = z.object({
  prompt: z.string().trim().min(1, "must not be empty"),
  name: z.string().trim().min(1).max(80).optional(),
  model: z.string().min(1).max(40).optional(),
});

/**
 * Starting and listing projects. One project's view, files, ZIP and events are the shared
 * artifacts (workers/artifacts/), mounted at `/api/projects/:id` behind the owner's access check.
 */
export const projects = new Hono<AppEnv>();

projects.use("*", requireAccount);

projects.post("/", async (c) => {
  const body = await readJson(c, createSchema);
  try {
    const { view } = await startProject(c.env, { ...body, accountId: c.get("accountId"), origin: "api" });
    return c.json(view, 202);
  } catch (err) {
    throw startErrorResponse(err);
  }
});

projects.get("/", async (c) => {
  const refs = await c.env.ACCOUNTS.getByName(c.get("accountId")).listProjects(50);
  const views = await Promise.all(refs.map(async (ref) => (await c.env.PROJECTS.getByName(ref.id).read())?.view));
  const list = views.filter((v): v is ProjectView => v !== undefined).map(summary);
  return c.json({ projects: list });
});

function summary(view: ProjectView) {
  const { id, name, model, status, createdAt, updatedAt } = view;
  return { id, name, model, status, createdAt, updatedAt, files: view.files.length };
}
