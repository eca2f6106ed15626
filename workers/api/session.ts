import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { notFound } from "../lib/errors";
import { randomId } from "../../shared/ids";
import { ensureAccount } from "../accounts/accounts";
import { config } from "../config/config";

/**
 * Development sign-in: a fresh local account and its token, so the API can be tried with curl and
 * no account anywhere. Production answers 404: there, tokens come from the chat bots.
 */
export const session = new Hono<AppEnv>().post("/", async (c) => {
  if (config(c.env).ENVIRONMENT !== "development") throw notFound("route");
  const accountId = randomId("acc");
  const token = await c.env.ACCOUNTS.getByName(accountId).issueToken(accountId, "development session");
  await ensureAccount(c.env, accountId);
  return c.json({ token, accountId }, 201);
});
