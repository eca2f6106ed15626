import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { randomId } from "../../../shared/ids";
import { newSession } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { deliver, stripeEvent } from "../../helpers/stripe";

/** A paid pack as Stripe completes it: 100 credits for 500 cents, paid through `paymentIntent`. */
const paidPack = (accountId: string, paymentIntent: string) => ({
  id: `cs_test_${crypto.randomUUID()}`,
  object: "checkout.session",
  mode: "payment",
  payment_status: "paid",
  client_reference_id: accountId,
  customer: `cus_${crypto.randomUUID().slice(0, 8)}`,
  payment_intent: paymentIntent,
  subscription: null,
  metadata: { account_id: accountId, pack: "small", credits: "100" },
});

/** A Charge as `charge.refunded` carries it: only the payment and the amounts name the purchase. */
const refundedCharge = (paymentIntent: string, refunded: number) => ({
  id: `ch_${crypto.randomUUID().slice(0, 12)}`,
  object: "charge",
  amount: 500,
  amount_refunded: refunded,
  refunded: refunded === 500,
  payment_intent: paymentIntent,
  customer: null,
  metadata: {},
});

const dispute = (paymentIntent: string) => ({
  id: `dp_${crypto.randomUUID().slice(0, 12)}`,
  object: "dispute",
  amount: 500,
  charge: `ch_${crypto.randomUUID().slice(0, 12)}`,
  payment_intent: paymentIntent,
  reason: "fraudulent",
  status: "needs_response",
  metadata: {},
});

const newPayment = () => `pi_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;

async function buy(accountId: string): Promise<string> {
  const paymentIntent = newPayment();
  const res = await deliver(stripeEvent("checkout.session.completed", paidPack(accountId, paymentIntent)));
  expect(await res.json()).toEqual({ received: true, outcome: "applied" });
  return paymentIntent;
}

describe("Stripe: events about an account that was never created", () => {
  it("ignores and logs a paid checkout for a well-formed, unknown account id: no credits written", async () => {
    const ghost = randomId("acc");
    const session = paidPack(ghost, newPayment());
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
    let res: Response;
    try {
      res = await deliver(stripeEvent("checkout.session.completed", session, "evt_test_ghost"));
    } finally {
      spy.mockRestore();
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
    // Logged under its own name, so an operator filtering on event = stripe.webhook sees a payment that credited no one.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "stripe.webhook");
    expect(logged).toEqual([
      expect.objectContaining({ stripeEvent: "evt_test_ghost", account: ghost, outcome: "error", detail: "unknown account" }),
    ]);
    const rows = await runInDurableObject(env.ACCOUNTS.getByName(ghost), (_instance, state) => ({
      ledger: state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM ledger").one().n,
      events: state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM stripe_events").one().n,
      account: state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM account").one().n,
    }));
    expect(rows).toEqual({ ledger: 0, events: 0, account: 0 });
    // Neither its customer nor its payment now points at the ghost.
    expect(await env.IDENTITIES.getByName(`stripe:${session.customer}`).current()).toBeNull();
    expect(await env.IDENTITIES.getByName(`stripe-payment:${session.payment_intent}`).current()).toBeNull();
  });
});

describe("Stripe: refunds and disputes take back what the purchase granted", () => {
  it("takes back all 100 credits on a full refund, once however often it is resent", async () => {
    const { auth, accountId } = await newSession();
    const paymentIntent = await buy(accountId);
    expect((await getAccountJson(auth)).credits).toBe(200);
    const refund = stripeEvent("charge.refunded", refundedCharge(paymentIntent, 500));
    expect(await (await deliver(refund)).json()).toEqual({ received: true, outcome: "applied" });
    expect(await (await deliver(refund)).json()).toEqual({ received: true, outcome: "duplicate" });
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100);
    expect(account.ledger.entries.filter((e) => e.kind === "reversal")).toEqual([
      expect.objectContaining({ amount: -100, reason: expect.stringContaining("was refunded") }),
    ]);
  });

  it("takes back a partial refund's share, then the rest when the refund grows", async () => {
    const { auth, accountId } = await newSession();
    const paymentIntent = await buy(accountId);
    await deliver(stripeEvent("charge.refunded", refundedCharge(paymentIntent, 250)));
    expect((await getAccountJson(auth)).credits).toBe(150);
    // amount_refunded is the running total: 500 of 500 now, so 50 more, not 100.
    await deliver(stripeEvent("charge.refunded", refundedCharge(paymentIntent, 500)));
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100);
    expect(account.ledger.entries.filter((e) => e.kind === "reversal").map((e) => e.amount)).toEqual([-50, -50]);
  });

  it("never takes the balance below zero on a dispute, and records the shortfall in the ledger", async () => {
    const { auth, accountId } = await newSession();
    const paymentIntent = await buy(accountId);
    // The buyer spends 170 of the 200 credits, then disputes the payment.
    expect(await env.ACCOUNTS.getByName(accountId).adjust(`spent-${accountId}`, -170, "spent in the test")).toBe(true);
    const res = await deliver(stripeEvent("charge.dispute.created", dispute(paymentIntent)));
    expect(await res.json()).toEqual({ received: true, outcome: "applied" });
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(0);
    const [entry] = account.ledger.entries.filter((e) => e.kind === "reversal");
    expect(entry).toMatchObject({ amount: -30 });
    expect(entry?.reason).toContain("was disputed; 70 more could not be taken (the balance was 30)");
    // A refund that follows the dispute has nothing left to take.
    await deliver(stripeEvent("charge.refunded", refundedCharge(paymentIntent, 500)));
    expect((await getAccountJson(auth)).credits).toBe(0);
  });

  it("records the shortfall even when nothing at all can be taken", async () => {
    const { auth, accountId } = await newSession();
    const paymentIntent = await buy(accountId);
    expect(await env.ACCOUNTS.getByName(accountId).adjust(`spent-${accountId}`, -200, "spent in the test")).toBe(true);
    await deliver(stripeEvent("charge.refunded", refundedCharge(paymentIntent, 500)));
    const [entry] = (await getAccountJson(auth)).ledger.entries.filter((e) => e.kind === "reversal");
    expect(entry).toMatchObject({ amount: 0, reason: expect.stringContaining("100 more could not be taken (the balance was 0)") });
  });

  it("takes back a plan's monthly credits when an invoice that names its payment is refunded", async () => {
    const { auth, accountId } = await newSession();
    const paymentIntent = newPayment();
    const invoice = {
      id: `in_${crypto.randomUUID()}`,
      object: "invoice",
      customer: null,
      billing_reason: "subscription_cycle",
      payment_intent: paymentIntent,
      parent: { subscription_details: { subscription: "sub_r", metadata: { account_id: accountId, plan: "basic" } } },
    };
    await deliver(stripeEvent("invoice.paid", invoice));
    expect((await getAccountJson(auth)).credits).toBe(400);
    await deliver(stripeEvent("charge.refunded", { ...refundedCharge(paymentIntent, 900), amount: 900 }));
    expect((await getAccountJson(auth)).credits).toBe(100);
  });

  it("ignores a refund of a payment that bought nothing here", async () => {
    const res = await deliver(stripeEvent("charge.refunded", refundedCharge(newPayment(), 500)));
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
  });
});
