import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { getAccount } from "../accounts/accounts";
import { createLinkCode, moveIdentity, takeLinkCode } from "../accounts/linking";
import { readJson } from "../lib/body";
import { apiError } from "../lib/errors";
import { requireAccount } from "./auth";
import { SESSION_MINUTES } from "../console/session-cookie";

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().positive().optional(),
});

const redeemSchema = z.object({ code: z.string().min(1).max(20) });

/** `/api/account`: the balance, plan, linked identities and ledger; `vincular` codes. */
export const account = new Hono<AppEnv>();

account.use("*", requireAccount);

account.get("/", async (c) => {
  const page = pageSchema.safeParse({ limit: c.req.query("limit"), before: c.req.query("before") });
  if (!page.success) throw apiError(400, "invalid_request", "limit must be 1..100 and before a ledger seq", { field: "limit" });
  const { limit, before } = page.data;
  const summary = await getAccount(c.env, c.get("accountId"), limit + 1, before);
  const entries = summary.entries.slice(0, limit);
  const next = summary.entries.length > limit ? (entries.at(-1)?.seq ?? null) : null;
  return c.json({
    id: summary.id,
    credits: summary.credits,
    plan: summary.plan ? { id: summary.plan.id, status: summary.plan.status } : null,
    identities: summary.identities,
    keys: summary.keys,
    ledger: { entries, next },
  });
});

/** A one-time code another identity redeems (`vincular <code>` in a bot) to share this account. */
account.post("/link-codes", async (c) => c.json(await createLinkCode(c.env, c.get("accountId")), 201));

/**
 * Redeems a code made by another account: this account's chat identities move to it and the
 * caller gets a token for it, so the console and the bots see the same credits.
 */
account.post("/link", async (c) => {
  const { code } = await readJson(c, redeemSchema);
  const target = await takeLinkCode(c.env, code);
  if (!target) throw apiError(404, "invalid_code", "that code is unknown, used or expired: ask for a new one", { field: "code" });
  const self = c.get("accountId");
  if (target === self) return c.json({ accountId: self, identities: [] });
  const own = (await getAccount(c.env, self, 0)).identities.map((i) => i.identity);
  for (const identity of own) await moveIdentity(c.env, identity, target);
  const linked = c.env.ACCOUNTS.getByName(target);
  const token = await linked.issueToken(target, "linked console session");
  // As long-lived as the session that asked for it, never longer.
  await linked.expireToken(token.slice(token.indexOf(".") + 1), SESSION_MINUTES * 60);
  return c.json({ accountId: target, token, identities: own });
});
