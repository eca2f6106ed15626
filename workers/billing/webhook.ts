import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import type { BillingChange } from "../../durable-objects/account-store/billing";
import { readText } from "../lib/body";
import { apiError } from "../lib/errors";
import { log } from "../lib/log";
import { BillingUnavailableError, verifyWebhook } from "./stripe-client";
import { eventSchema, reduceEvent } from "./webhook-events";
import type { Attribution, Reduced } from "./webhook-events";

/** Stripe events are a few KiB; a larger body is refused unread. */
const MAX_BODY = 512 * 1024;

/**
 * `POST /stripe/webhook`. The signature is checked over the raw body before anything parses it;
 * a bad or stale one is a 400 that changes nothing. Each event is applied by the account it is
 * about, which records the event id with the change, so Stripe's resends are acknowledged and
 * ignored. Events we do not handle, or cannot attribute (no account, or an account id that was
 * never created), are acknowledged and logged: a retry would not change the answer.
 */
export const stripeWebhook = new Hono<AppEnv>().post("/webhook", async (c) => {
  const signature = c.req.header("stripe-signature");
  if (!signature) throw apiError(400, "invalid_signature", "missing Stripe-Signature header");
  const raw = await readText(c.req.raw, MAX_BODY);
  try {
    await verifyWebhook(c.env, raw, signature);
  } catch (err) {
    if (err instanceof BillingUnavailableError) throw apiError(503, "billing_unavailable", err.message);
    log("stripe.webhook", { outcome: "rejected", detail: err instanceof Error ? err.message.slice(0, 120) : "unknown" });
    throw apiError(400, "invalid_signature", "the Stripe signature is invalid or too old");
  }
  const parsed = eventSchema.safeParse(parseJson(raw));
  if (!parsed.success) throw apiError(400, "invalid_request", "not a Stripe event");
  const event = parsed.data;
  let reduced: Reduced;
  try {
    reduced = reduceEvent(c.env, event);
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    reduced = { kind: "ignored", reason: "unexpected event shape" } as const;
  }
  if (reduced.kind === "ignored") {
    log("stripe.webhook", { stripeEvent: event.id, type: event.type, outcome: "ignored", detail: reduced.reason });
    return c.json({ received: true, outcome: "ignored" });
  }
  const accountId = await resolveAccount(c.env, reduced.who);
  if (!accountId) {
    log("stripe.webhook", { stripeEvent: event.id, type: event.type, outcome: "error", detail: "no account for this event" });
    return c.json({ received: true, outcome: "ignored" });
  }
  const outcome = await c.env.ACCOUNTS.getByName(accountId).applyBillingChange(reduced.change);
  if (outcome === "unknown_account") {
    // A well-formed id no account was ever created under: nothing is credited or remembered.
    log("stripe.webhook", { stripeEvent: event.id, type: event.type, account: accountId, outcome: "error", detail: "unknown account" });
    return c.json({ received: true, outcome: "ignored" });
  }
  await remember(c.env, reduced.who, reduced.change, accountId);
  log("stripe.webhook", { stripeEvent: event.id, type: event.type, account: accountId, outcome });
  return c.json({ received: true, outcome });
});

/**
 * The account an event is about. Our Checkout Sessions and subscriptions carry it in metadata;
 * otherwise the payment (refunds and disputes name only that) or the Stripe customer seen with an
 * account before, each remembered as an IdentityLink (`stripe-payment:<id>`, `stripe:<customer>`).
 */
async function resolveAccount(env: Env, who: Attribution): Promise<string | null> {
  if (who.accountId) return who.accountId;
  if (who.paymentIntent) {
    const paid = await env.IDENTITIES.getByName(`stripe-payment:${who.paymentIntent}`).current();
    if (paid) return paid;
  }
  return who.customer ? env.IDENTITIES.getByName(`stripe:${who.customer}`).current() : null;
}

/** After an event applied to a real account: its customer and its payment point there from now on. */
async function remember(env: Env, who: Attribution, change: BillingChange, accountId: string): Promise<void> {
  const names = [
    ...(who.customer ? [`stripe:${who.customer}`] : []),
    ...(change.credit?.paymentIntent ? [`stripe-payment:${change.credit.paymentIntent}`] : []),
  ];
  for (const name of names) {
    const link = env.IDENTITIES.getByName(name);
    if ((await link.current()) !== accountId) await link.relink(accountId);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
