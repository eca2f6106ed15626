import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { PROJECT_ID } from "../../shared/ids";
import { readText } from "../lib/body";
import { log } from "../lib/log";
import { zipKey } from "../../workflows/files/storage";
import { downloadPage, downloadProblem } from "./download-page";
import { zipResponse } from "./zip-response";

/**
 * The ZIP behind a chat message's download button. Chat users have no API token in their browser,
 * so the link carries a per-project capability token, in its fragment: `/dl/<id>#<token>`.
 *
 * - `GET /dl/:id`: what a click in a chat opens (a plain GET). A static page whose script reads
 *   the fragment and POSTs it here. The fragment never leaves the browser, so no access log
 *   (wrangler's prints the path and query), proxy or link preview sees the token.
 * - `POST /dl/:id` (form field `token`): the ZIP, if the token is live. Expired: 410; unknown or
 *   revoked: 404; the project not finished: 409. Each says in words what to do (`/estado`).
 * - `GET /dl/:id/:token`: the old form, from before links expired, and with the token in the path;
 *   those tokens no longer work, so it only says to ask `/estado` for a new link.
 */
export const downloads = new Hono<AppEnv>();

downloads.get("/:id", (c) => {
  const id = c.req.param("id");
  if (!PROJECT_ID.test(id)) return downloadProblem(404, "unknown");
  return downloadPage(id);
});

downloads.post("/:id", async (c) => {
  const id = c.req.param("id");
  if (!PROJECT_ID.test(id)) return downloadProblem(404, "unknown");
  const token = new URLSearchParams(await readText(c.req.raw, 1024)).get("token") ?? "";
  const room = c.env.PROJECTS.getByName(id);
  const check = await room.checkDownloadToken(token);
  const found = check === "valid" ? await room.read() : null;
  if (!found) {
    log("download.refused", { project: id, outcome: check === "valid" ? "unknown" : check });
    return check === "expired" ? downloadProblem(410, "expired") : downloadProblem(404, "unknown");
  }
  if (found.view.status !== "completed") return downloadProblem(409, "not_ready");
  const object = await c.env.ARTIFACTS.get(zipKey(id));
  if (!object) return downloadProblem(404, "unknown");
  const res = zipResponse(object, found.view);
  res.headers.set("cache-control", "no-store");
  return res;
});

downloads.get("/:id/:token", () => downloadProblem(410, "old_link"));
