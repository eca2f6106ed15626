import { env } from "cloudflare:workers";
import Stripe from "stripe";
import { call } from "./api";

export const WEBHOOK_SECRET = "whsec_test_autocrea";

let counter = 0;

/** A Stripe event body as Stripe sends it (only the fields that matter, plus the envelope). */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_test_${Date.now()}_${counter++}`): string {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object },
  });
}

/** Signs `payload` with Stripe's own test helper; `timestamp` in seconds moves it in time. */
export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

export async function deliver(payload: string, signature?: string): Promise<Response> {
  return call("/stripe/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature ?? (await sign(payload)) },
    body: payload,
  });
}

/** The requests the fake Stripe server received (test/fake/stripe-server.mjs). */
export async function stripeRequests(): Promise<
  Array<{ method: string; path: string; authorization: string; form: Record<string, string> }>
> {
  const base = env.STRIPE_API_BASE;
  return (await fetch(`${base}/__requests`)).json();
}
