import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { notFound } from "../lib/errors";
import { randomId } from "../../shared/ids";
import { ensureAccount } from "../accounts/accounts";
import { config } from "../config/config";
import { optionalAccount } from "./auth";
import { isAdmin } from "../community/config";

export const session = new Hono<AppEnv>();

/**
 * Development sign-in: a fresh local account and its token, so the API can be tried with curl and
 * no account anywhere. Production answers 404: there, tokens come from the chat bots.
 */
session.post("/", async (c) => {
  if (config(c.env).ENVIRONMENT !== "development") throw notFound("route");
  const accountId = randomId("acc");
  const token = await c.env.ACCOUNTS.getByName(accountId).issueToken(accountId, "development session");
  await ensureAccount(c.env, accountId);
  return c.json({ token, accountId }, 201);
});

/**
 * Who the request's credentials belong to, always 200: the console asks this first, so a visitor
 * who is not signed in yet never triggers a 401 (which the browser would log as an error). An
 * unknown or expired token is the same as none.
 */
session.get("/", async (c) => {
  const accountId = await optionalAccount(c);
  // Whether `POST /auth/dev-link` exists, so the console asks it only where it does.
  const development = config(c.env).ENVIRONMENT === "development";
  const body = accountId ? { signedIn: true, accountId, admin: isAdmin(c.env, accountId), development } : { signedIn: false, development };
  return c.json(body, 200, { "cache-control": "no-store" });
});
