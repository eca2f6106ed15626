import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { serveFile, serveZip } from "./artifacts";
import { CONSOLE_PAGE_HEADERS } from "./csp";
import { decodePath } from "../lib/path-param";
import { countView, visitorAccess } from "../community/access";
import type { VisitorAccess } from "../community/access";
import { communityInfo } from "../community/info";
import { optionalAccount } from "../api/auth";

/**
 * What anyone holding a share link, or anyone at all while the project is unlisted or public,
 * sees, mounted at `/p`: the console page in read-only mode, the live events, the files and the
 * ZIP (workers/community/access.ts decides). Share links take the token as `?s=`; there is no
 * route here that changes anything, and the room ignores what viewers send.
 */
export const publicShare = new Hono<AppEnv>();

publicShare.get("/:id", async (c) => {
  const access = await visitorAccess(c.env, c.req.param("id"), c.req.query("s") ?? "");
  if (!access) {
    return c.text("Este enlace no existe o fue revocado. / This link does not exist or was revoked.", 404, CONSOLE_PAGE_HEADERS);
  }
  await countView(c, access);
  const page = await c.env.ASSETS.fetch(new Request(new URL("/", c.req.url)));
  // Only what the owner made public may be indexed; share links and unlisted pages may not.
  return new Response(page.body, {
    status: page.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      ...(access.listed ? {} : { "x-robots-tag": "noindex" }),
      ...CONSOLE_PAGE_HEADERS,
    },
  });
});

publicShare.get("/:id/project", async (c) => c.json((await requireShared(c, c.req.param("id"))).view));

/** Stars, counts and the parent, for the page; `starred` when the visitor is signed in. */
publicShare.get("/:id/community", async (c) => {
  const access = await requireShared(c, c.req.param("id"));
  const { removed: _removed, hold: _hold, ...publication } = await c.env.PROJECTS.getByName(access.view.id).publication();
  const info = await communityInfo(c.env, access.view.id, { ...publication, hold: null }, await optionalAccount(c), false);
  return c.json(info, 200, { "cache-control": "no-store" });
});

publicShare.get("/:id/events", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw apiError(426, "upgrade_required", "this endpoint is a WebSocket: connect with Upgrade: websocket");
  }
  const id = c.req.param("id");
  const access = await requireShared(c, id);
  // Tagged by how they got in: revoking the link, or going private, closes exactly these.
  const url = new URL(`https://project/events?via=${access.via}`);
  const after = c.req.query("after");
  if (after !== undefined) url.searchParams.set("after", after);
  if (c.req.query("viewers") === "1") url.searchParams.set("viewers", "1");
  return c.env.PROJECTS.getByName(id).fetch(url, { headers: { Upgrade: "websocket" } });
});

publicShare.get("/:id/files/*", async (c) => {
  const id = c.req.param("id");
  await requireShared(c, id);
  const prefix = `/${id}/files/`;
  const raw = c.req.path.slice(c.req.path.indexOf(prefix) + prefix.length);
  return serveFile(c.env, id, decodePath(raw));
});

publicShare.get("/:id/zip", async (c) => serveZip(c.env, (await requireShared(c, c.req.param("id"))).view));

/** A wrong link looks the same as a missing project. */
async function requireShared(c: Context<AppEnv>, id: string): Promise<VisitorAccess> {
  const access = await visitorAccess(c.env, id, c.req.query("s") ?? "");
  if (!access) throw apiError(404, "not_found", "share link not found or revoked");
  return access;
}
