import { describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { deliver, sign, stripeEvent } from "../../helpers/stripe";

const packSession = (accountId: string, extra: Record<string, unknown> = {}) => ({
  id: `cs_test_${crypto.randomUUID()}`,
  object: "checkout.session",
  mode: "payment",
  payment_status: "paid",
  client_reference_id: accountId,
  customer: `cus_${crypto.randomUUID().slice(0, 8)}`,
  subscription: null,
  metadata: { account_id: accountId, pack: "small", credits: "100" },
  ...extra,
});

const invoice = (accountId: string, extra: Record<string, unknown> = {}) => ({
  id: `in_${crypto.randomUUID()}`,
  object: "invoice",
  customer: "cus_x",
  billing_reason: "subscription_cycle",
  amount_paid: 900,
  parent: {
    type: "subscription_details",
    subscription_details: { subscription: "sub_1", metadata: { account_id: accountId, plan: "basic" } },
  },
  ...extra,
});

describe("POST /stripe/webhook: signed events change the account exactly once", () => {
  it("credits a pack once, however often Stripe resends the event", async () => {
    const { auth, accountId } = await newSession();
    const payload = stripeEvent("checkout.session.completed", packSession(accountId));
    const first = await deliver(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: "applied" });
    for (let i = 0; i < 3; i++) expect(await (await deliver(payload)).json()).toEqual({ received: true, outcome: "duplicate" });
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(200);
    expect(account.ledger.entries.filter((e) => e.kind === "purchase")).toEqual([
      expect.objectContaining({ amount: 100, reason: "100 credits bought (pack small)" }),
    ]);
  });

  it("credits a delayed payment only when it succeeds", async () => {
    const { auth, accountId } = await newSession();
    const session = packSession(accountId, { payment_status: "unpaid" });
    await deliver(stripeEvent("checkout.session.completed", session));
    expect((await getAccountJson(auth)).credits).toBe(100);
    await deliver(stripeEvent("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" }));
    expect((await getAccountJson(auth)).credits).toBe(200);
  });

  it("records a subscription, grants its monthly credits per paid invoice, and follows its status", async () => {
    const { auth, accountId } = await newSession();
    const customer = `cus_${crypto.randomUUID().slice(0, 8)}`;
    const session = {
      ...packSession(accountId),
      mode: "subscription",
      customer,
      subscription: "sub_1",
      metadata: { account_id: accountId, plan: "basic" },
    };
    await deliver(stripeEvent("checkout.session.completed", session));
    expect((await getAccountJson(auth)).plan).toEqual({ id: "basic", status: "active" });

    const paid = invoice(accountId, { billing_reason: "subscription_create", customer });
    await deliver(stripeEvent("invoice.paid", paid));
    // Another event about the same invoice does not credit it again.
    await deliver(stripeEvent("invoice.paid", paid));
    // Older API shape, and only the customer to go by: found through the customer seen at checkout.
    const renewal = {
      id: `in_${crypto.randomUUID()}`,
      customer,
      billing_reason: "subscription_cycle",
      subscription_details: { metadata: { plan: "basic" } },
    };
    await deliver(stripeEvent("invoice.paid", renewal));
    let account = await getAccountJson(auth);
    expect(account.credits).toBe(100 + 300 + 300);
    expect(account.ledger.entries.filter((e) => e.kind === "subscription_grant")).toHaveLength(2);

    const sub = { id: "sub_1", object: "subscription", customer, status: "past_due", metadata: { account_id: accountId, plan: "basic" } };
    await deliver(stripeEvent("customer.subscription.updated", sub));
    expect((await getAccountJson(auth)).plan).toEqual({ id: "basic", status: "past_due" });
    await deliver(stripeEvent("customer.subscription.deleted", { ...sub, status: "canceled" }));
    account = await getAccountJson(auth);
    expect(account.plan).toEqual({ id: "basic", status: "canceled" });
    expect(account.credits).toBe(700);
  });

  it("never lets an older status overwrite a newer one", async () => {
    const { auth, accountId } = await newSession();
    const sub = { id: "sub_2", customer: "cus_2", status: "active", metadata: { account_id: accountId, plan: "pro" } };
    const newer = JSON.parse(stripeEvent("customer.subscription.updated", { ...sub, status: "past_due" }));
    const older = JSON.parse(stripeEvent("customer.subscription.updated", sub));
    older.created = newer.created - 60;
    await deliver(JSON.stringify(newer));
    await deliver(JSON.stringify(older));
    expect((await getAccountJson(auth)).plan).toEqual({ id: "pro", status: "past_due" });
  });

  it("does not grant credits for invoices that neither start nor renew a plan", async () => {
    const { auth, accountId } = await newSession();
    const res = await deliver(stripeEvent("invoice.paid", invoice(accountId, { billing_reason: "manual" })));
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
    expect((await getAccountJson(auth)).credits).toBe(100);
  });

  it("acknowledges event types it does not handle", async () => {
    const res = await deliver(stripeEvent("payment_intent.created", { id: "pi_1", object: "payment_intent" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
  });

  it("rejects tampered, wrongly signed, stale and unsigned events with 400 and changes nothing", async () => {
    const { auth, accountId } = await newSession();
    const payload = stripeEvent("checkout.session.completed", packSession(accountId));
    const signature = await sign(payload);
    const tampered = payload.replace('"credits":"100"', '"credits":"100000"');
    const attempts = [
      deliver(tampered, signature),
      deliver(payload, await sign(payload, { secret: "whsec_someone_else" })),
      deliver(payload, await sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 })),
      deliver(payload, "t=1,v1=deadbeef"),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe("invalid_signature");
    }
    const unsigned = await call("/stripe/webhook", { method: "POST", headers: { "content-type": "application/json" }, body: payload });
    expect(unsigned.status).toBe(400);
    expect((await getAccountJson(auth)).credits).toBe(100);
    // The genuine event still applies afterwards: nothing above recorded it as seen.
    expect(await (await deliver(payload, signature)).json()).toEqual({ received: true, outcome: "applied" });
    expect((await getAccountJson(auth)).credits).toBe(200);
  });
});
