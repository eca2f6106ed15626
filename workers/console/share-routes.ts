import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireAccount } from "../api/auth";
import { ownedProject } from "../artifacts/access";
import { log } from "../lib/log";

/**
 * The owner's side of share links, mounted at `/api/projects/:id/share`. One link per project:
 * making a new one revokes the old, and revoking disconnects everyone watching through it and
 * ends the chat's ZIP links too (`/dl/<id>`; `/estado` in the chat makes a new one).
 */
export const shareAdmin = new Hono<AppEnv>();

shareAdmin.use("*", requireAccount);

shareAdmin.post("/", async (c) => {
  const id = projectId(c.req.param("id"));
  await ownedProject(c.env, id, c.get("accountId"));
  const { token, createdAt } = await c.env.PROJECTS.getByName(id).createShare();
  const path = sharePath(id, token);
  log("share.created", { project: id, account: c.get("accountId") });
  return c.json({ url: new URL(path, c.req.url).toString(), path, createdAt }, 201, { "cache-control": "no-store" });
});

shareAdmin.get("/", async (c) => {
  const id = projectId(c.req.param("id"));
  await ownedProject(c.env, id, c.get("accountId"));
  const info = await c.env.PROJECTS.getByName(id).shareInfo();
  return c.json(info ? { active: true, createdAt: info.createdAt } : { active: false });
});

shareAdmin.delete("/", async (c) => {
  const id = projectId(c.req.param("id"));
  await ownedProject(c.env, id, c.get("accountId"));
  // The owner's revoke ends every link to the project: the share link and the chat's ZIP links.
  const disconnected = await c.env.PROJECTS.getByName(id).revokeShare({ withDownloads: true });
  log("share.revoked", { project: id, account: c.get("accountId"), disconnected });
  return c.body(null, 204);
});

export function sharePath(id: string, token: string): string {
  return `/p/${id}?s=${token}`;
}

// Mounted under a path with `:id`, so it is always there; an empty one fails the ownership check.
function projectId(value: string | undefined): string {
  return value ?? "";
}
