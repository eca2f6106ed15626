import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { log } from "../lib/log";
import { requireAccount } from "./auth";

/** The label the account's store keeps the assistant token under; one per account. */
export const ASSISTANT_TOKEN_LABEL = "assistant (MCP)";

/**
 * `/api/account/assistant-token`: the long-lived token an AI assistant sends to `/mcp` (the
 * console's own session token expires with its cookie). `POST` makes a new one, shown once, and
 * revokes the previous; `GET` says whether one exists; `DELETE` revokes it.
 */
export const assistantToken = new Hono<AppEnv>();

assistantToken.use("*", requireAccount);

assistantToken.get("/", async (c) => {
  const createdAt = await c.env.ACCOUNTS.getByName(c.get("accountId")).tokenCreatedAt(ASSISTANT_TOKEN_LABEL);
  return c.json({ active: createdAt !== null, createdAt });
});

assistantToken.post("/", async (c) => {
  const accountId = c.get("accountId");
  const account = c.env.ACCOUNTS.getByName(accountId);
  const token = await account.replaceToken(accountId, ASSISTANT_TOKEN_LABEL);
  log("account.assistant_token", { account: accountId, outcome: "issued" });
  return c.json({ token, createdAt: await account.tokenCreatedAt(ASSISTANT_TOKEN_LABEL) }, 201, { "cache-control": "no-store" });
});

assistantToken.delete("/", async (c) => {
  const accountId = c.get("accountId");
  await c.env.ACCOUNTS.getByName(accountId).revokeTokens(ASSISTANT_TOKEN_LABEL);
  log("account.assistant_token", { account: accountId, outcome: "revoked" });
  return c.body(null, 204);
});
