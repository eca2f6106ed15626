import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { ACCOUNT_ID } from "../../shared/ids";
import { isCrossSiteWrite, readSessionCookie } from "../console/session-cookie";

/**
 * Bearer tokens are `<accountId>.<secret>`: the account id says which account's store to ask, and
 * that store keeps only the secret's hash. Browsers cannot set headers on a WebSocket, so a
 * WebSocket upgrade (and only that) may carry the token as `?token=`. The console signs in with
 * an HttpOnly session cookie holding the same kind of token (see workers/console/).
 */
export const requireAccount = createMiddleware<AppEnv>(async (c, next) => {
  // Already checked by a middleware of an enclosing route.
  if (c.get("accountId")) return next();
  const allowQuery = c.req.header("upgrade")?.toLowerCase() === "websocket";
  const header = c.req.header("authorization");
  const explicit = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (allowQuery ? c.req.query("token") : undefined);
  const cookie = explicit ? undefined : readSessionCookie(c);
  if (cookie && isCrossSiteWrite(c)) throw apiError(403, "cross_site", "a cross-site request cannot use the session cookie");
  const token = explicit ?? cookie;
  if (!token) throw apiError(401, "unauthorized", "missing Authorization: Bearer <token>");
  const dot = token.indexOf(".");
  const accountId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !ACCOUNT_ID.test(accountId) || !/^[0-9a-f]{64}$/.test(secret)) {
    throw apiError(401, "unauthorized", "invalid token");
  }
  if (!(await c.env.ACCOUNTS.getByName(accountId).hasToken(secret))) {
    throw apiError(401, "unauthorized", "invalid token");
  }
  c.set("accountId", accountId);
  await next();
});
