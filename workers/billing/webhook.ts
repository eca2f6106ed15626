import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { log } from "../lib/log";
import { BillingUnavailableError, verifyWebhook } from "./stripe-client";
import { eventSchema, reduceEvent } from "./webhook-events";
import type { Attribution, Reduced } from "./webhook-events";

const MAX_BODY = 512 * 1024;

/**
 * `POST /stripe/webhook`. The signature is checked over the raw body before anything parses it;
 * a bad or stale one is a 400 that changes nothing. Each event is applied by the account it is
 * about, which records the event id with the change, so Stripe's resends are acknowledged and
 * ignored. Events we do not handle, or cannot attribute, are acknowledged too: a retry would not
 * change the answer.
 */
export const stripeWebhook = new Hono<AppEnv>().post("/webhook", async (c) => {
  const signature = c.req.header("stripe-signature");
  if (!signature) throw apiError(400, "invalid_signature", "missing Stripe-Signature header");
  if (Number(c.req.header("content-length") ?? "0") > MAX_BODY) throw apiError(413, "body_too_large", "the event is too large");
  const raw = await c.req.text();
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
    log("stripe.webhook", { event: event.id, type: event.type, outcome: "ignored", detail: reduced.reason });
    return c.json({ received: true, outcome: "ignored" });
  }
  const accountId = await resolveAccount(c.env, reduced.who);
  if (!accountId) {
    log("stripe.webhook", { event: event.id, type: event.type, outcome: "error", detail: "no account for this event" });
    return c.json({ received: true, outcome: "ignored" });
  }
  const outcome = await c.env.ACCOUNTS.getByName(accountId).applyBillingChange(reduced.change);
  log("stripe.webhook", { event: event.id, type: event.type, account: accountId, outcome });
  return c.json({ received: true, outcome });
});

/**
 * The account an event is about. Our Checkout Sessions and subscriptions carry it in metadata; a
 * customer seen with an account is remembered (an IdentityLink named `stripe:<customer>`) for
 * events that carry only the customer.
 */
async function resolveAccount(env: Env, who: Attribution): Promise<string | null> {
  const link = who.customer ? env.IDENTITIES.getByName(`stripe:${who.customer}`) : null;
  if (who.accountId) {
    if (link && (await link.current()) !== who.accountId) await link.relink(who.accountId);
    return who.accountId;
  }
  return link ? link.current() : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
