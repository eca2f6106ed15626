import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { readJson } from "../lib/body";
import { apiError, notFound } from "../lib/errors";
import { encryptionKeySource } from "../lib/key-crypto";
import { log } from "../lib/log";
import { BYO_PROVIDERS, isByoProvider } from "../../workflows/models/registry";
import { requireAccount } from "./auth";

/** What a key may be stored for: a model provider, or GitHub (for exports, never a model). */
const KEY_KINDS = [...BYO_PROVIDERS, "github"] as const;
type KeyKind = (typeof KEY_KINDS)[number];

const putSchema = z.object({
  apiKey: z.string().trim().min(8, "is too short to be an API key").max(500).regex(/^\S+$/, "must not contain spaces"),
});

/**
 * Bring-your-own keys: `PUT /api/account/keys/:provider` stores the account's own key for OpenAI or
 * Anthropic, or its GitHub token for exports (encrypted), `DELETE` removes it. Answers show the
 * last 4 characters at most.
 */
export const accountKeys = new Hono<AppEnv>();

accountKeys.use("*", requireAccount);

accountKeys.put("/:provider", async (c) => {
  const provider = providerParam(c.req.param("provider"));
  const { apiKey } = await readJson(c, putSchema);
  const source = encryptionKeySource(c.env);
  if (source.kind === "missing" || source.kind === "invalid") {
    throw apiError(503, "keys_unavailable", source.message);
  }
  const accountId = c.get("accountId");
  const stored = await c.env.ACCOUNTS.getByName(accountId).setKey(accountId, provider, apiKey);
  log("account.key_set", { account: accountId, provider, sealedWith: source.kind });
  return c.json(stored);
});

accountKeys.delete("/:provider", async (c) => {
  const provider = providerParam(c.req.param("provider"));
  const accountId = c.get("accountId");
  if (!(await c.env.ACCOUNTS.getByName(accountId).deleteKey(provider))) throw notFound(`${provider} key`);
  log("account.key_deleted", { account: accountId, provider });
  return c.body(null, 204);
});

function providerParam(value: string): KeyKind {
  if (isByoProvider(value) || value === "github") return value;
  throw apiError(400, "invalid_request", `provider: must be one of ${KEY_KINDS.join(", ")}`, { field: "provider" });
}
