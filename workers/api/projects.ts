import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { readJson } from "../lib/body";
import { contentTypeFor } from "../lib/content-type";
import { apiError, notFound } from "../lib/errors";
import { PROJECT_ID } from "../../shared/ids";
import { decodePath } from "../lib/path-param";
import type { ProjectView } from "../../shared/protocol";
import { blobKey, zipKey } from "../../workflows/files/storage";
import { startProject } from "../projects/start";
import { startErrorResponse } from "../projects/start-errors";
import { requireAccount } from "./auth";
import { zipResponse } from "./zip-response";

const createSchema = z.object({
  prompt: z.string().trim().min(1, "must not be empty"),
  name: z.string().trim().min(1).max(80).optional(),
  model: z.string().min(1).max(40).optional(),
});

/** Served files can be model-written HTML: never let them run as a page on this origin. */
const FILE_HEADERS = {
  "content-security-policy": "default-src 'none'; sandbox",
  "x-content-type-options": "nosniff",
};

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

projects.get("/:id", async (c) => c.json(await ownedProject(c.env, c.req.param("id"), c.get("accountId"))));

projects.get("/:id/files/*", async (c) => {
  const id = c.req.param("id");
  await ownedProject(c.env, id, c.get("accountId"));
  const prefix = `/${id}/files/`;
  const raw = c.req.path.slice(c.req.path.indexOf(prefix) + prefix.length);
  const path = decodePath(raw);
  const file = (await c.env.PROJECTS.getByName(id).currentFiles()).find((f) => f.path === path);
  if (!file) throw notFound(`file ${path}`);
  const object = await c.env.ARTIFACTS.get(blobKey(id, file.sha256));
  if (!object) throw notFound(`file ${path}`);
  return new Response(object.body, {
    headers: { "content-type": contentTypeFor(path), "content-length": String(file.size), ...FILE_HEADERS },
  });
});

projects.get("/:id/zip", async (c) => {
  const id = c.req.param("id");
  const view = await ownedProject(c.env, id, c.get("accountId"));
  if (view.status !== "completed") {
    throw apiError(409, "not_ready", `the project is ${view.status}; the ZIP exists once it has completed`);
  }
  const object = await c.env.ARTIFACTS.get(zipKey(id));
  if (!object) throw notFound("ZIP");
  return zipResponse(object, view);
});

projects.get("/:id/events", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw apiError(426, "upgrade_required", "this endpoint is a WebSocket: connect with Upgrade: websocket");
  }
  const id = c.req.param("id");
  await ownedProject(c.env, id, c.get("accountId"));
  const url = new URL("https://project/events");
  const after = c.req.query("after");
  if (after !== undefined) url.searchParams.set("after", after);
  // Opt-in viewer counts (protocol.ts, ViewersMessage): the console asks, older clients do not.
  if (c.req.query("viewers") === "1") url.searchParams.set("viewers", "1");
  return c.env.PROJECTS.getByName(id).fetch(url, { headers: { Upgrade: "websocket" } });
});

/** The project if `accountId` owns it. Someone else's project is indistinguishable from none. */
export async function ownedProject(env: Env, id: string, accountId: string): Promise<ProjectView> {
  if (!PROJECT_ID.test(id)) throw notFound("project");
  const found = await env.PROJECTS.getByName(id).read();
  if (!found || found.accountId !== accountId) throw notFound("project");
  return found.view;
}

function summary(view: ProjectView) {
  const { id, name, model, status, createdAt, updatedAt } = view;
  return { id, name, model, status, createdAt, updatedAt, files: view.files.length };
}
