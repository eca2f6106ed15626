import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/**
 * The console's session cookie. `__Host-` makes the browser insist on Secure, Path=/ and no
 * Domain, so no subdomain can plant or read it; HttpOnly keeps it out of page scripts; SameSite=Lax
 * lets the chat's link (a top-level navigation from another site) sign in while cross-site
 * requests from other pages never carry it.
 */
export const SESSION_COOKIE = "__Host-autocrea_session";

/** How long a console session lasts, cookie and token alike. */
export const SESSION_MINUTES = 60;

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: SESSION_MINUTES * 60,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/**
 * A cookie rides along with every request to this origin, including ones another site triggers.
 * Requests that change something, and WebSocket upgrades (which skip CORS), are refused when the
 * browser says they come from elsewhere.
 */
export function isCrossSiteWrite(c: Context): boolean {
  const method = c.req.method;
  const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
  if (!upgrade && (method === "GET" || method === "HEAD" || method === "OPTIONS")) return false;
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}
