import { Hono } from "hono";
import type { Context } from "hono";
import type { ProjectView } from "../../shared/protocol";
import { blobKey, zipKey } from "../../workflows/files/storage";
import { sha256Hex } from "../../shared/ids";
import { clientKey } from "../lib/client-ip";
import { contentTypeFor } from "../lib/content-type";
import { apiError, notFound } from "../lib/errors";
import { decodePath } from "../lib/path-param";
import { cloneInfo } from "../git/clone-info";
import { healedView } from "../runs/sweep";

/**
 * Everything a project offers to whoever may see it (its view, its files, its ZIP, its live
 * events, its clone command), written once and mounted under each way in: the owner's API
 * (`/api/projects/:id`), share links (`/p/:id`) and, for the ZIP only, chat download links
 * (`/dl/:id`). Each way in resolves access
 * in its own middleware (access.ts) and sets `project`; nothing here checks who is asking, so an
 * artifact has the same bytes, headers and errors wherever it is served.
 */

/** How the request got in: decides nothing here except the socket's tag. */
export type Access = "owner" | "share" | "public" | "download";

export interface ProjectAccess {
  id: string;
  view: ProjectView;
  via: Access;
}

export interface ArtifactsEnv {
  Bindings: Env;
  Variables: { accountId: string; project: ProjectAccess };
}

type ArtifactsContext = Context<ArtifactsEnv>;

/**
 * Nothing served here may be kept by a shared cache (each is private or behind a capability),
 * or be sniffed into something else.
 */
const COMMON_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" } as const;

/** Served files can be model-written HTML: never let them run as a page on this origin. */
const FILE_HEADERS = { ...COMMON_HEADERS, "content-security-policy": "default-src 'none'; sandbox" } as const;

/**
 * The project view (its latest run, and the list of runs). Looking at a run that stopped making
 * progress heals it (workers/runs/heal.ts), and the answer shows the result.
 */
export async function serveView(c: ArtifactsContext): Promise<Response> {
  return c.json(await healedView(c.env, c.var.project.view, "view"), 200, COMMON_HEADERS);
}

/** One file as the latest run has it. */
export async function serveFile(c: ArtifactsContext): Promise<Response> {
  const { id } = c.var.project;
  // The path is everything after `/files/` (it may hold slashes); the id comes before it in every prefix.
  const marker = "/files/";
  const at = c.req.path.indexOf(marker, c.req.path.indexOf(id) + id.length);
  if (at < 0) throw notFound("file");
  const path = decodePath(c.req.path.slice(at + marker.length));
  const file = (await c.env.PROJECTS.getByName(id).currentFiles()).find((f) => f.path === path);
  const object = file ? await c.env.ARTIFACTS.get(blobKey(id, file.sha256)) : null;
  if (!file || !object) throw notFound(`file ${path}`);
  return new Response(object.body, {
    headers: { "content-type": contentTypeFor(path), "content-length": String(file.size), ...FILE_HEADERS },
  });
}

/**
 * The ZIP of the latest completed run: while a later run is in progress, the download is the
 * project as it last stood finished. 409 until some run has completed.
 */
export async function serveZip(c: ArtifactsContext): Promise<Response> {
  const { id, view } = c.var.project;
  const packaged = await c.env.PROJECTS.getByName(id).packagedRun();
  if (!packaged) throw apiError(409, "not_ready", `the project is ${view.status}; the ZIP exists once a run has completed`);
  const object = await c.env.ARTIFACTS.get(zipKey(packaged));
  if (!object) throw notFound("ZIP");
  return new Response(object.body, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(object.size),
      "content-disposition": `attachment; filename="${zipName(view)}"`,
      ...COMMON_HEADERS,
    },
  });
}

/** One run in full: what it was asked, its steps, the files it wrote, an explanation's answer. */
export async function serveRun(c: ArtifactsContext): Promise<Response> {
  const detail = await c.env.PROJECTS.getByName(c.var.project.id).runDetail(c.req.param("run") ?? "");
  if (!detail) throw notFound("run");
  return c.json(detail, 200, COMMON_HEADERS);
}

/** The live events (protocol.ts), forwarded to the project's room after access was checked. */
export async function serveEvents(c: ArtifactsContext): Promise<Response> {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw apiError(426, "upgrade_required", "this endpoint is a WebSocket: connect with Upgrade: websocket");
  }
  const { id, via, view } = c.var.project;
  // In the background: the socket then sees the heal's events live.
  c.executionCtx.waitUntil(healedView(c.env, view, "socket"));
  const url = new URL("https://project/events");
  // Share-link and public-page sockets are tagged so revoking the link, or going private, closes
  // exactly them (viewer-tags.ts), and counted per address, which the room gets hashed, not in
  // plain text.
  if (via === "share" || via === "public") {
    url.searchParams.set("via", via);
    url.searchParams.set("client", (await sha256Hex(clientKey(c.req.raw.headers))).slice(0, 16));
  }
  const after = c.req.query("after");
  if (after !== undefined) url.searchParams.set("after", after);
  // Opt-in viewer counts (protocol.ts, ViewersMessage): the console asks, older clients do not.
  if (c.req.query("viewers") === "1") url.searchParams.set("viewers", "1");
  return c.env.PROJECTS.getByName(id).fetch(url, { headers: { Upgrade: "websocket" } });
}

/**
 * How to `git clone` the project: the owner and download-link holders get the URL with the
 * project's clone token; a share link's viewers get it with their link's own token, which stops
 * working when the link is revoked; visitors of a public or unlisted project get it with no
 * password at all (never the clone token: it would outlive the project going private).
 */
export async function serveClone(c: ArtifactsContext): Promise<Response> {
  const { id, via } = c.var.project;
  const password = via === "share" ? (c.req.query("s") ?? "") : via === "public" ? "" : await c.env.PROJECTS.getByName(id).cloneToken();
  return c.json(await cloneInfo(c.env, new URL(c.req.url).origin, id, password), 200, COMMON_HEADERS);
}

/** The artifacts below a way in; its own root (`/`) is mounted by each (view, page or ZIP). */
export const artifacts = new Hono<ArtifactsEnv>()
  .get("/project", serveView)
  .get("/files/*", serveFile)
  .get("/zip", serveZip)
  .get("/runs/:run", serveRun)
  .get("/events", serveEvents)
  .get("/git", serveClone);

/** The ZIP's file name, the same everywhere: the project's name as a slug, else its id. */
export function zipName(view: ProjectView): string {
  return `${slug(view.name) || view.id}.zip`;
}

function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}
