import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ensureAccount } from "../../../workers/accounts/accounts";
import { createLinkCode, redeemLinkCode } from "../../../workers/accounts/linking";
import { randomId } from "../../../shared/ids";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";

describe("GET /api/account", () => {
  it("shows the credits, plan, identities and the ledger, paged newest first", async () => {
    const { auth, accountId } = await newSession();
    const store = env.ACCOUNTS.getByName(accountId);
    for (let i = 1; i <= 4; i++) await store.adjust(`gift-${i}`, i, `gift ${i}`);
    const first = await getAccountJson(auth, "?limit=2");
    expect(first).toMatchObject({ id: accountId, credits: 110, plan: null, identities: [] });
    expect(first.ledger.entries.map((e) => e.amount)).toEqual([4, 3]);
    expect(first.ledger.next).toBe(first.ledger.entries[1]?.seq);
    const second = await getAccountJson(auth, `?limit=2&before=${first.ledger.next}`);
    expect(second.ledger.entries.map((e) => e.amount)).toEqual([2, 1]);
    const last = await getAccountJson(auth, `?limit=2&before=${second.ledger.next}`);
    expect(last.ledger.entries).toEqual([expect.objectContaining({ kind: "trial", amount: 100, ref: "trial" })]);
    expect(last.ledger.next).toBeNull();
    expect((await call("/api/account?limit=0", { headers: auth })).status).toBe(400);
    expect((await call("/api/account")).status).toBe(401);
  });
});

describe("vincular: one-time link codes", () => {
  it("links a chat identity to the account that made the code, so they share credits", async () => {
    const { auth, accountId } = await newSession();
    const telegram = `telegram:${randomId("u").slice(2)}`;
    // The identity already had its own account (first contact), listed there.
    const own = await env.IDENTITIES.getByName(telegram).resolve();
    await ensureAccount(env, own.accountId, telegram);
    expect((await env.ACCOUNTS.getByName(own.accountId).summary(own.accountId, 0)).identities).toHaveLength(1);

    const res = await postJson("/api/account/link-codes", {}, auth);
    expect(res.status).toBe(201);
    const { code, expiresAt } = (await res.json()) as { code: string; expiresAt: string };
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const ttl = Date.parse(expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);

    // Typed by hand in a chat: any case, no dash.
    expect(await redeemLinkCode(env, code.toLowerCase().replace("-", " "), telegram)).toEqual({ accountId });
    expect(await env.IDENTITIES.getByName(telegram).current()).toBe(accountId);
    expect((await getAccountJson(auth)).identities.map((i) => i.identity)).toEqual([telegram]);
    expect((await env.ACCOUNTS.getByName(own.accountId).summary(own.accountId, 0)).identities).toHaveLength(0);
    // Once only.
    expect(await redeemLinkCode(env, code, `discord:${randomId("u").slice(2)}`)).toBeNull();
  });

  it("refuses unknown, malformed and expired codes", async () => {
    const accountId = randomId("acc");
    const identity = `discord:${randomId("u").slice(2)}`;
    expect(await redeemLinkCode(env, "ABCD-EFGH", identity)).toBeNull();
    expect(await redeemLinkCode(env, "not a code at all", identity)).toBeNull();
    const { code } = await createLinkCode(env, accountId);
    const raw = code.toLowerCase().replace("-", "");
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(raw))), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    await env.IDENTITIES.getByName(`link-code:${digest}`).offerCode(accountId, Date.now() - 1);
    expect(await redeemLinkCode(env, code, identity)).toBeNull();
    expect(await env.IDENTITIES.getByName(identity).current()).toBeNull();
    await expect(redeemLinkCode(env, code, "email:someone")).rejects.toThrow(/not an identity/);
  });

  it("lets a console session join another account with a code, bringing its identities", async () => {
    const owner = await newSession();
    const other = await newSession();
    const discord = `discord:${randomId("u").slice(2)}`;
    await env.IDENTITIES.getByName(discord).relink(other.accountId);
    await ensureAccount(env, other.accountId, discord);
    const { code } = (await (await postJson("/api/account/link-codes", {}, owner.auth)).json()) as { code: string };
    const res = await postJson("/api/account/link", { code }, other.auth);
    expect(res.status).toBe(200);
    const joined = (await res.json()) as { accountId: string; token: string; identities: string[] };
    expect(joined).toMatchObject({ accountId: owner.accountId, identities: [discord] });
    const account = await getAccountJson({ authorization: `Bearer ${joined.token}` });
    expect(account.id).toBe(owner.accountId);
    expect(account.identities.map((i) => i.identity)).toEqual([discord]);
    const again = await postJson("/api/account/link", { code }, other.auth);
    expect(again.status).toBe(404);
    expect(((await again.json()) as ErrorJson).error).toMatchObject({ code: "invalid_code", field: "code" });
  });
});
