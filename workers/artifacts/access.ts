import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { PROJECT_ID } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import { requireAccount } from "../api/auth";
import { ownedProject as findOwned } from "../projects/lookup";
import { CONSOLE_PAGE_HEADERS } from "../console/csp";
import { apiError, notFound } from "../lib/errors";
import { readText } from "../lib/body";
import { log } from "../lib/log";
import { downloadPage, downloadProblem } from "./download-page";
import { artifacts, serveView, serveZip } from "./app";
import { countView, visitorAccess, visitorCommunity } from "../community/access";
import type { ArtifactsEnv } from "./app";

/**
 * The three ways into a project, each one middleware that decides access and sets `project`,
 * then the same artifacts (app.ts) below it. A project the caller may not see is always
 * indistinguishable from one that does not exist.
 */

/** The project if `accountId` owns it, else 404: someone else's project is indistinguishable from none. */
export async function ownedProject(env: Env, id: string, accountId: string): Promise<ProjectView> {
  const view = await findOwned(env, accountId, id);
  if (!view) throw notFound("project");
  return view;
}

/** `/api/projects/:id/...`: the owner, by API token or console session. */
const ownerAccess = createMiddleware<ArtifactsEnv>(async (c, next) => {
  const id = c.req.param("id") ?? "";
  c.set("project", { id, view: await ownedProject(c.env, id, c.get("accountId")), via: "owner" });
  await next();
});

/**
 * `/p/:id/...`: anyone holding the live share link (`?s=<token>`), or anyone at all while the
 * project is unlisted or public (workers/community/access.ts); read-only.
 */
const shareAccess = createMiddleware<ArtifactsEnv>(async (c, next) => {
  const id = c.req.param("id") ?? "";
  const access = await visitorAccess(c.env, id, c.req.query("s") ?? "");
  if (!access) throw apiError(404, "not_found", "share link not found or revoked");
  c.set("project", { id, view: access.view, via: access.via });
  await next();
});

/**
 * `POST /dl/:id` with the form field `token`: the capability in a chat message's download button
 * (chat users have no API token in their browser). The token travels in the link's fragment and
 * reaches the Worker only in this body (download-page.ts), so no URL, and no access log, holds it.
 * Expired: 410; unknown or revoked: 404; each in words that say to ask `/estado` for a new link.
 */
const downloadAccess = createMiddleware<ArtifactsEnv>(async (c, next) => {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) return downloadProblem(404, "unknown");
  const token = new URLSearchParams(await readText(c.req.raw, 1024)).get("token") ?? "";
  const room = c.env.PROJECTS.getByName(id);
  const check = await room.checkDownloadToken(token);
  const found = check === "valid" ? await room.read() : null;
  if (!found) {
    log("download.refused", { project: id, outcome: check === "valid" ? "unknown" : check });
    return check === "expired" ? downloadProblem(410, "expired") : downloadProblem(404, "unknown");
  }
  c.set("project", { id, view: found.view, via: "download" });
  await next();
});

/** Mounted at `/api/projects/:id`: `GET /api/projects/:id` is the view. */
export const ownerProject = new Hono<ArtifactsEnv>()
  .use("*", requireAccount)
  .use("*", ownerAccess)
  .get("/", serveView)
  .route("/", artifacts);

/**
 * Mounted at `/p/:id`: `GET /p/:id` is the console page in read-only mode (and counts a view);
 * the rest takes `?s=` for a share link, or nothing for a visible project.
 */
export const sharedProject = new Hono<ArtifactsEnv>()
  .get("/", async (c) => {
    const access = await visitorAccess(c.env, c.req.param("id") ?? "", c.req.query("s") ?? "");
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
  })
  .use("*", shareAccess)
  .get("/community", visitorCommunity)
  .route("/", artifacts);

/**
 * Mounted at `/dl/:id`, the chat's ZIP link `/dl/<id>#<token>`: `GET` is the page that reads the
 * fragment, `POST` (the token in the body) the ZIP. Only the ZIP: the other artifacts would need
 * the token in their URLs. The old form `/dl/<id>/<token>` (tokens in paths, never expiring) only
 * says to ask `/estado` for a new link.
 */
export const downloadProject = new Hono<ArtifactsEnv>()
  .get("/", (c) => {
    const id = c.req.param("id") ?? "";
    return PROJECT_ID.test(id) ? downloadPage(id) : downloadProblem(404, "unknown");
  })
  .post("/", downloadAccess, serveZip)
  .get("/:token{.+}", () => downloadProblem(410, "old_link"));
