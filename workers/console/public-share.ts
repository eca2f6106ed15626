import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { PROJECT_ID } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import { serveFile, serveZip } from "./artifacts";
import { CONSOLE_PAGE_HEADERS } from "./csp";
import { decodePath } from "../lib/path-param";
import { cloneInfo } from "../git/clone-info";

/**
 * What anyone holding a share link sees, mounted at `/p`: the console page in read-only mode, the
 * live events, the files and the ZIP. Every route takes the link's token as `?s=`; there is no
 * route here that changes anything, and the room ignores what viewers send.
 */
export const publicShare = new Hono<AppEnv>();

publicShare.get("/:id", async (c) => {
  const id = c.req.param("id");
  if (!(await sharedView(c, id))) {
    return c.text("Este enlace no existe o fue revocado. / This link does not exist or was revoked.", 404, CONSOLE_PAGE_HEADERS);
  }
  const page = await c.env.ASSETS.fetch(new Request(new URL("/", c.req.url)));
  return new Response(page.body, {
    status: page.status,
    headers: { "content-type": "text/html; charset=utf-8", "x-robots-tag": "noindex", ...CONSOLE_PAGE_HEADERS },
  });
});

publicShare.get("/:id/project", async (c) => c.json(await requireShared(c, c.req.param("id"))));

publicShare.get("/:id/events", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw apiError(426, "upgrade_required", "this endpoint is a WebSocket: connect with Upgrade: websocket");
  }
  const id = c.req.param("id");
  await requireShared(c, id);
  const url = new URL("https://project/events?via=share");
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

/** The clone command for share-link viewers: their link's token is the clone password. */
publicShare.get("/:id/git", async (c) => {
  const id = c.req.param("id");
  await requireShared(c, id);
  return c.json(await cloneInfo(c.env, new URL(c.req.url).origin, id, c.req.query("s") ?? ""), 200, { "cache-control": "no-store" });
});

publicShare.get("/:id/zip", async (c) => serveZip(c.env, await requireShared(c, c.req.param("id"))));

/** The project when `?s=` is its live share token; null otherwise (unknown, revoked, malformed). */
async function sharedView(c: Context<AppEnv>, id: string): Promise<ProjectView | null> {
  const token = c.req.query("s") ?? "";
  if (!PROJECT_ID.test(id) || !/^[0-9a-f]{64}$/.test(token)) return null;
  const room = c.env.PROJECTS.getByName(id);
  if (!(await room.hasShare(token))) return null;
  return (await room.read())?.view ?? null;
}

/** A wrong link looks the same as a missing project. */
async function requireShared(c: Context<AppEnv>, id: string): Promise<ProjectView> {
  const view = await sharedView(c, id);
  if (!view) throw apiError(404, "not_found", "share link not found or revoked");
  return view;
}
