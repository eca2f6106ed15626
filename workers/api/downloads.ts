import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { apiError, notFound } from "../lib/errors";
import { PROJECT_ID } from "../../shared/ids";
import { secureEqual } from "../lib/secure-compare";
import { zipKey } from "../../workflows/files/storage";
import { zipResponse } from "./zip-response";

/**
 * `GET /dl/:id/:token`: the ZIP behind a chat message's download button. Chat users have no API
 * token in their browser, so the link itself carries a per-project capability token.
 */
export const downloads = new Hono<AppEnv>().get("/:id/:token", async (c) => {
  const id = c.req.param("id");
  if (!PROJECT_ID.test(id)) throw notFound("project");
  const room = c.env.PROJECTS.getByName(id);
  const found = await room.read();
  if (!found || !secureEqual(c.req.param("token"), await room.downloadToken())) throw notFound("project");
  if (found.view.status !== "completed") {
    throw apiError(409, "not_ready", `the project is ${found.view.status}; the ZIP exists once it has completed`);
  }
  const object = await c.env.ARTIFACTS.get(zipKey(id));
  if (!object) throw notFound("ZIP");
  return zipResponse(object, found.view);
});
