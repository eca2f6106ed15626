import type { Locale } from "../../shared/locale";
import { findPack, findPlan, offerNames } from "./catalog";
import { billingConfig } from "./config";
import type { Pack } from "./config";
import { stripeClient } from "./stripe-client";

/** The pack or plan asked for is not in the catalog. */
export class UnknownItemError extends Error {
  override readonly name = "UnknownItemError";
  constructor(
    readonly field: "pack" | "plan",
    readonly id: string,
  ) {
    super(`there is no ${field} "${id}" in the catalog`);
  }
}

/** The Customer Portal needs a Stripe customer, which exists after the first purchase. */
export class NoCustomerError extends Error {
  override readonly name = "NoCustomerError";
}

export type CheckoutItem = { pack: string } | { plan: string };

/**
 * A Stripe Checkout Session for a pack (mode `payment`) or a plan (mode `subscription`), tied to
 * the account by `client_reference_id` and metadata. The webhook trusts only this metadata (it
 * arrives signed), so what the user was sold is what they get even if the catalog changes later.
 * The product is named in the buyer's language.
 */
export async function createCheckout(env: Env, accountId: string, item: CheckoutItem, locale: Locale = "es"): Promise<string> {
  const config = billingConfig(env);
  const customer = await env.ACCOUNTS.getByName(accountId).stripeCustomer();
  const common = {
    client_reference_id: accountId,
    success_url: `${config.PUBLIC_URL}/?checkout=success`,
    cancel_url: `${config.PUBLIC_URL}/?checkout=cancelled`,
    ...(customer ? { customer } : {}),
  };
  const stripe = stripeClient(env);
  if ("pack" in item) {
    const pack = findPack(env, item.pack);
    if (!pack) throw new UnknownItemError("pack", item.pack);
    const metadata = { account_id: accountId, pack: pack.id, credits: String(pack.credits) };
    const session = await stripe.checkout.sessions.create({
      ...common,
      mode: "payment",
      line_items: [lineItem(pack, false, locale)],
      metadata,
      // On the payment too, so a refund or dispute of it (which names only the payment) can be traced.
      payment_intent_data: { metadata },
      // A customer even for one-off payments, so the Portal can show receipts later.
      ...(customer ? {} : { customer_creation: "always" as const }),
    });
    return sessionUrl(session.url);
  }
  const plan = findPlan(env, item.plan);
  if (!plan) throw new UnknownItemError("plan", item.plan);
  const metadata = { account_id: accountId, plan: plan.id };
  const session = await stripe.checkout.sessions.create({
    ...common,
    mode: "subscription",
    line_items: [lineItem(plan, true, locale)],
    metadata,
    // Copied onto the subscription, so its invoices name the account and plan by themselves.
    subscription_data: { metadata },
  });
  return sessionUrl(session.url);
}

/** A Customer Portal session: the user manages their plan and payment methods at Stripe. */
export async function createPortal(env: Env, accountId: string): Promise<string> {
  const customer = await env.ACCOUNTS.getByName(accountId).stripeCustomer();
  if (!customer) throw new NoCustomerError("there is nothing to manage yet: the portal opens after your first purchase");
  const session = await stripeClient(env).billingPortal.sessions.create({
    customer,
    return_url: `${billingConfig(env).PUBLIC_URL}/`,
  });
  return session.url;
}

/** A configured Stripe Price, or the amount inline so the defaults work with no Stripe products. */
function lineItem(item: Pack, monthly: boolean, locale: Locale) {
  if (item.stripePrice) return { price: item.stripePrice, quantity: 1 };
  return {
    quantity: 1,
    price_data: {
      currency: item.currency,
      unit_amount: item.price,
      product_data: { name: offerNames(item.name)[locale] },
      ...(monthly ? { recurring: { interval: "month" as const } } : {}),
    },
  };
}

function sessionUrl(url: string | null): string {
  if (!url) throw new Error("Stripe returned a Checkout Session without a URL");
  return url;
}
