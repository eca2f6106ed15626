import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { HTTPException } from "hono/http-exception";
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
  const found = await identify(c);
  if ("refused" in found) throw found.refused;
  c.set("accountId", found.accountId);
  await next();
});

/**
 * The account making the request, on routes anyone may use (public pages, the gallery): null for
 * a visitor with no credentials or with ones that do not work, never an error.
 */
export async function optionalAccount<E extends AppEnv>(c: Context<E>): Promise<string | null> {
  const known = c.get("accountId");
  if (known) return known;
  const found = await identify(c);
  return "accountId" in found ? found.accountId : null;
}

async function identify<E extends AppEnv>(c: Context<E>): Promise<{ accountId: string } | { refused: HTTPException }> {
  const allowQuery = c.req.header("upgrade")?.toLowerCase() === "websocket";
  const explicit = bearerToken(c.req.header("authorization")) ?? (allowQuery ? c.req.query("token") : undefined);
  const cookie = explicit ? undefined : readSessionCookie(c);
  if (cookie && isCrossSiteWrite(c)) return { refused: apiError(403, "cross_site", "a cross-site request cannot use the session cookie") };
  const token = explicit ?? cookie;
  if (!token) return { refused: apiError(401, "unauthorized", "missing Authorization: Bearer <token>") };
  const accountId = await accountForToken(c.env, token);
  if (!accountId) return { refused: apiError(401, "unauthorized", "invalid token") };
  return { accountId };
}

/** The token in an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/** The account a token belongs to, or null when it is malformed, unknown, revoked or expired. */
export async function accountForToken(env: Env, token: string): Promise<string | null> {
  const dot = token.indexOf(".");
  const accountId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !ACCOUNT_ID.test(accountId) || !/^[0-9a-f]{64}$/.test(secret)) return null;
  return (await env.ACCOUNTS.getByName(accountId).hasToken(secret)) ? accountId : null;
}
