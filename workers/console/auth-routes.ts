import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { apiError, notFound } from "../lib/errors";
import { ACCOUNT_ID, randomId } from "../../shared/ids";
import { log } from "../lib/log";
import { ensureAccount } from "../accounts/accounts";
import { SESSION_MINUTES, clearSessionCookie, isCrossSiteWrite, readSessionCookie, setSessionCookie } from "./session-cookie";
import { signInPage } from "./signin-page";
import { config } from "../config/config";

/** A login code is shaped like a token: `<accountId>.<64 hex>`. */
const codeSchema = z.string().regex(/^acc_[a-z2-9]{20}\.[0-9a-f]{64}$/);

/** Login links carry a secret in the URL: never cache them, never pass them on as a referrer. */
const LINK_HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/**
 * Console sign-in. The bots send `/auth/console?code=<one-time code>`; opening it shows a page
 * whose button POSTs the code back, which spends it, sets the session cookie and lands on the
 * console. A used, expired or malformed code lands on the console too, which then says the link
 * no longer works.
 */
export const consoleAuth = new Hono<AppEnv>();

consoleAuth.get("/console", (c) => {
  const parsed = codeSchema.safeParse(c.req.query("code"));
  if (!parsed.success) return c.redirect("/?signin=expired", 302);
  return signInPage(parsed.data);
});

consoleAuth.post("/console", async (c) => {
  // Another site cannot post a code of its own choosing into this browser.
  if (isCrossSiteWrite(c)) throw apiError(403, "cross_site", "sign-in must come from this site's own page");
  const form = await c.req.parseBody();
  const parsed = codeSchema.safeParse(form.code);
  const [accountId, secret] = parsed.success ? parsed.data.split(".") : [];
  const token =
    accountId && secret && ACCOUNT_ID.test(accountId)
      ? await c.env.ACCOUNTS.getByName(accountId).consumeLoginCode(accountId, secret)
      : null;
  if (!token || !accountId) {
    log("console.signin", { outcome: "rejected" });
    return c.redirect("/?signin=expired", 303);
  }
  const tokenSecret = token.slice(token.indexOf(".") + 1);
  await c.env.ACCOUNTS.getByName(accountId).expireToken(tokenSecret, SESSION_MINUTES * 60);
  setSessionCookie(c, token);
  log("console.signin", { outcome: "ok", account: accountId });
  for (const [name, value] of Object.entries(LINK_HEADERS)) c.header(name, value);
  return c.redirect("/", 303);
});

/** Signs out: the token stops working at once, not only in this browser. */
consoleAuth.post("/logout", async (c) => {
  const token = readSessionCookie(c);
  const dot = token?.indexOf(".") ?? -1;
  if (token && dot > 0) {
    const accountId = token.slice(0, dot);
    if (ACCOUNT_ID.test(accountId)) await c.env.ACCOUNTS.getByName(accountId).revokeToken(token.slice(dot + 1));
  }
  clearSessionCookie(c);
  return c.body(null, 204);
});

/**
 * Development only: what a bot's `consola` reply holds, for a fresh local account, so the sign-in
 * link can be tried (and tested in a browser) without a chat. 404 in production.
 */
consoleAuth.post("/dev-link", async (c) => {
  if (config(c.env).ENVIRONMENT !== "development") throw notFound("route");
  const accountId = randomId("acc");
  // A console session is a first contact too: the trial is granted here, once.
  await ensureAccount(c.env, accountId);
  const code = await c.env.ACCOUNTS.getByName(accountId).issueLoginCode(accountId, 10 * 60);
  const url = new URL(`/auth/console?code=${encodeURIComponent(code)}`, c.req.url).toString();
  return c.json({ accountId, url, code }, 201, LINK_HEADERS);
});
