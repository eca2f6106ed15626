import { z } from "zod";
import type { BillingChange } from "../../durable-objects/account-store/billing";
import { ACCOUNT_ID } from "../../shared/ids";
import { findPack, findPlan } from "./catalog";

/**
 * Stripe events, already verified, reduced to what they change on one account. Only the fields we
 * use are parsed (zod, lenient about everything else, since Stripe adds fields over time).
 */

export const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.unknown() }),
});

export type StripeEvent = z.infer<typeof eventSchema>;

const metadataSchema = z.record(z.string(), z.string()).nullish();
const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)]).nullish();

const checkoutSchema = z.object({
  id: z.string(),
  mode: z.string(),
  payment_status: z.string(),
  client_reference_id: z.string().nullish(),
  customer: idOf,
  subscription: idOf,
  payment_intent: idOf,
  metadata: metadataSchema,
});

/** A Charge (`charge.refunded`): `amount_refunded` is the running total, so partial refunds add up. */
const chargeSchema = z.object({
  id: z.string(),
  amount: z.number().int().positive(),
  amount_refunded: z.number().int().min(0),
  payment_intent: idOf,
  customer: idOf,
  metadata: metadataSchema,
});

/** A Dispute (`charge.dispute.created`): it names the payment, not the customer. */
const disputeSchema = z.object({ id: z.string(), charge: idOf, payment_intent: idOf, metadata: metadataSchema });

const invoiceSchema = z.object({
  id: z.string(),
  customer: idOf,
  billing_reason: z.string().nullish(),
  // Newer API versions put the subscription under `parent`; older ones at the top level.
  parent: z.object({ subscription_details: z.object({ metadata: metadataSchema, subscription: idOf }).nullish() }).nullish(),
  subscription_details: z.object({ metadata: metadataSchema }).nullish(),
  subscription: idOf,
  // Older API versions name the payment; newer ones list payments elsewhere (then no reversal).
  payment_intent: idOf,
});

const subscriptionSchema = z.object({ id: z.string(), customer: idOf, status: z.string(), metadata: metadataSchema });

/** Who the event is about: the account, or a Stripe payment or customer to look the account up by. */
export interface Attribution {
  accountId: string | null;
  customer: string | null;
  paymentIntent?: string | null;
}

export type Reduced = { kind: "change"; who: Attribution; change: BillingChange } | { kind: "ignored"; reason: string };

/** Invoices that start or renew a subscription grant the plan's monthly credits; others do not. */
const GRANTING_INVOICES = new Set(["subscription_create", "subscription_cycle"]);

export function reduceEvent(env: Env, event: StripeEvent): Reduced {
  const base = { eventId: event.id, type: event.type, created: event.created };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = checkoutSchema.parse(event.data.object);
      const who = attribution(session.metadata?.account_id ?? session.client_reference_id, session.customer);
      const customer = session.customer ? { customer: session.customer } : {};
      if (session.mode === "subscription") {
        const plan = session.metadata?.plan;
        if (!plan || !findPlan(env, plan)) return { kind: "ignored", reason: "unknown plan" };
        const subscription = session.subscription ?? null;
        return { kind: "change", who, change: { ...base, ...customer, plan: { id: plan, status: "active", subscription } } };
      }
      // Delayed payment methods complete the session unpaid; the async_payment_succeeded event follows.
      if (session.payment_status !== "paid") return { kind: "change", who, change: { ...base, ...customer } };
      const credits = packCredits(env, session.metadata);
      if (!credits) return { kind: "ignored", reason: "unknown pack" };
      const reason = `${credits} credits bought (pack ${session.metadata?.pack ?? "?"})`;
      // The payment is remembered with the credits, so a refund or dispute of it can take them back.
      const paymentIntent = session.payment_intent ? { paymentIntent: session.payment_intent } : {};
      const credit = { kind: "purchase" as const, credits, reason, ref: session.id, ...paymentIntent };
      return { kind: "change", who, change: { ...base, ...customer, credit } };
    }
    case "charge.refunded": {
      const charge = chargeSchema.parse(event.data.object);
      if (!charge.payment_intent) return { kind: "ignored", reason: "a charge without a payment intent" };
      const who = { ...attribution(charge.metadata?.account_id, charge.customer), paymentIntent: charge.payment_intent };
      const share = Math.min(1, charge.amount_refunded / charge.amount);
      return { kind: "change", who, change: { ...base, reversal: { kind: "refund", paymentIntent: charge.payment_intent, share } } };
    }
    case "charge.dispute.created": {
      const dispute = disputeSchema.parse(event.data.object);
      if (!dispute.payment_intent) return { kind: "ignored", reason: "a dispute without a payment intent" };
      const who = { ...attribution(dispute.metadata?.account_id, null), paymentIntent: dispute.payment_intent };
      // The disputed money is held by Stripe from now on: every credit the payment bought goes back.
      return { kind: "change", who, change: { ...base, reversal: { kind: "dispute", paymentIntent: dispute.payment_intent, share: 1 } } };
    }
    case "invoice.paid": {
      const invoice = invoiceSchema.parse(event.data.object);
      const details = invoice.parent?.subscription_details;
      const metadata = details?.metadata ?? invoice.subscription_details?.metadata;
      const who = attribution(metadata?.account_id, invoice.customer);
      const plan = metadata?.plan ? findPlan(env, metadata.plan) : undefined;
      if (!plan) return { kind: "ignored", reason: "not an invoice of a known plan" };
      if (!GRANTING_INVOICES.has(invoice.billing_reason ?? ""))
        return { kind: "ignored", reason: `billing_reason ${invoice.billing_reason}` };
      const subscription = details?.subscription ?? invoice.subscription ?? null;
      const reason = `${plan.credits} credits of the ${plan.name} plan (monthly)`;
      return {
        kind: "change",
        who,
        change: {
          ...base,
          credit: {
            kind: "subscription_grant",
            credits: plan.credits,
            reason,
            ref: invoice.id,
            ...(invoice.payment_intent ? { paymentIntent: invoice.payment_intent } : {}),
          },
          plan: { id: plan.id, status: "active", subscription },
        },
      };
    }
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const sub = subscriptionSchema.parse(event.data.object);
      const who = attribution(sub.metadata?.account_id, sub.customer);
      const plan = sub.metadata?.plan;
      if (!plan || !findPlan(env, plan)) return { kind: "ignored", reason: "not a subscription to a known plan" };
      const status = event.type === "customer.subscription.deleted" ? "canceled" : sub.status;
      return { kind: "change", who, change: { ...base, plan: { id: plan, status, subscription: sub.id } } };
    }
    default:
      return { kind: "ignored", reason: "event type not handled" };
  }
}

function attribution(accountId: string | null | undefined, customer: string | null | undefined): Attribution {
  return { accountId: accountId && ACCOUNT_ID.test(accountId) ? accountId : null, customer: customer ?? null };
}

/** The credits named when the session was created; the catalog only if the metadata lacks them. */
function packCredits(env: Env, metadata: Record<string, string> | null | undefined): number | null {
  const named = Number(metadata?.credits);
  if (Number.isInteger(named) && named > 0) return named;
  return (metadata?.pack ? findPack(env, metadata.pack)?.credits : undefined) ?? null;
}
