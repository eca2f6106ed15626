import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { ACCOUNT_ID } from "../lib/ids";

/**
 * Bearer tokens are `<accountId>.<secret>`: the account id says which account's store to ask, and
 * that store keeps only the secret's hash. Browsers cannot set headers on a WebSocket, so a
 * WebSocket upgrade (and only that) may carry the token as `?token=`.
 */
export const requireAccount = createMiddleware<AppEnv>(async (c, next) => {
    const allowQuery = c.req.header("upgrade")?.toLowerCase() === "websocket";
    const header = c.req.header("authorization");
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (allowQuery ? c.req.query("token") : undefined);
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
