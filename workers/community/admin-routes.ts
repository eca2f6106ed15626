import { Hono } from "hono";
import type { Context } from "hono";
import { PROJECT_ID } from "../../shared/ids";
import type { AppEnv } from "../app-env";
import { requireAccount } from "../api/auth";
import { apiError, notFound } from "../lib/errors";
import { log } from "../lib/log";
import { isAdmin } from "./config";
import { setListedVisibility } from "./gallery-db";
import { hiddenListings, removeListing, restoreListing } from "./moderation-db";
import { changeVisibility } from "./publish";

/**
 * `/api/admin`: what admins (ADMIN_ACCOUNTS) decide about reported projects. Restoring puts a
 * hidden project back in the gallery (and lifts a removal: the project is visible again as its
 * owner last asked, after a fresh secret scan); removing takes it out of the gallery for good and
 * closes its public page.
 */
export const admin = new Hono<AppEnv>();

admin.use("*", requireAccount);
admin.use("*", async (c, next) => {
  if (!isAdmin(c.env, c.get("accountId"))) throw apiError(403, "forbidden", "only admins (ADMIN_ACCOUNTS) may do this");
  await next();
});

admin.get("/reports", async (c) => c.json({ projects: await hiddenListings(c.env.DB) }));

admin.post("/projects/:id/restore", async (c) => {
  const id = await existing(c);
  const room = c.env.PROJECTS.getByName(id);
  await restoreListing(c.env.DB, id);
  const before = await room.publication();
  if (before.removed) {
    await room.moderate(false);
    // Back to what its owner last asked for, through the same checks as any publication.
    const found = await room.read();
    if (found && before.requested !== "private") {
      await changeVisibility(c.env, { projectId: id, accountId: found.accountId, visibility: before.requested });
    }
  }
  log("community.restore", { project: id, admin: c.get("accountId") });
  return c.json({ restored: true, publication: await publicationOf(c, id) });
});

admin.post("/projects/:id/remove", async (c) => {
  const id = await existing(c);
  // The room first: its page closes before the gallery forgets it.
  await c.env.PROJECTS.getByName(id).moderate(true);
  await removeListing(c.env.DB, id);
  await setListedVisibility(c.env.DB, id, "private");
  log("community.remove", { project: id, admin: c.get("accountId") });
  return c.json({ removed: true, publication: await publicationOf(c, id) });
});

async function existing(c: Context<AppEnv>): Promise<string> {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id) || !(await c.env.PROJECTS.getByName(id).read())) throw notFound("project");
  return id;
}

async function publicationOf(c: Context<AppEnv>, id: string) {
  const { removed, ...publication } = await c.env.PROJECTS.getByName(id).publication();
  return { ...publication, removed };
}
