import Stripe from "stripe";
import { billingConfig, billingSecrets } from "./config";

/** Payments are not set up on this deployment (no STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET). */
export class BillingUnavailableError extends Error {
  override readonly name = "BillingUnavailableError";
}

/**
 * A Stripe client that works inside workerd (fetch, not Node's http). STRIPE_API_BASE moves the
 * API, for the tests' fake Stripe server or stripe-mock; empty means api.stripe.com.
 */
export function stripeClient(env: Env): Stripe {
  const key = billingSecrets(env).STRIPE_SECRET_KEY;
  if (!key) throw new BillingUnavailableError("payments are not configured on this server (STRIPE_SECRET_KEY is not set)");
  const base = billingConfig(env).STRIPE_API_BASE;
  const location = base ? new URL(base) : null;
  return new Stripe(key, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 1,
    timeout: 10_000,
    ...(location
      ? {
          host: location.hostname,
          port: location.port || (location.protocol === "http:" ? 80 : 443),
          protocol: location.protocol === "http:" ? "http" : "https",
        }
      : {}),
  });
}

/**
 * Verifies a webhook over the raw body (the signature covers the exact bytes, so nothing may
 * parse or re-encode them first) and its timestamp (Stripe's default tolerance, 5 minutes).
 * Throws on a bad, missing or stale signature.
 */
export async function verifyWebhook(env: Env, raw: string, signature: string): Promise<void> {
  const secret = billingSecrets(env).STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new BillingUnavailableError("the Stripe webhook is not configured (STRIPE_WEBHOOK_SECRET is not set)");
  await Stripe.webhooks.constructEventAsync(raw, signature, secret, undefined, Stripe.createSubtleCryptoProvider());
}
