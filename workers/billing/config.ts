import { config } from "../config/config";
import type { Config } from "../config/config";

export type { Pack, Plan } from "../config/config";

/** The vars billing, metering and the rate limits read; parsed in workers/config/. */
export type BillingConfig = Pick<
  Config,
  | "TRIAL_CREDITS"
  | "CREDITS_RESERVE"
  | "GENERATIONS_PER_HOUR"
  | "GENERATIONS_CONCURRENT"
  | "RATE_API_PER_MINUTE"
  | "RATE_WEBHOOK_PER_MINUTE"
  | "PUBLIC_URL"
  | "BUY_URL"
  | "STRIPE_API_BASE"
  | "BILLING_PACKS"
  | "BILLING_PLANS"
>;

/** Secrets are optional: with no Stripe key the rest of the product still works, offline. */
export type BillingSecrets = Pick<Config, "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET">;

export const billingConfig = (env: Env): BillingConfig => config(env);
export const billingSecrets = (env: Env): BillingSecrets => config(env);
