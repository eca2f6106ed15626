import { z } from "zod";

/**
 * Billing, metering and rate-limit settings, read from the Worker's vars (wrangler.toml [vars],
 * overridable per environment). Parsed with zod rather than trusted: a typo in a deployed var
 * fails loudly at the first request that needs it instead of silently granting the wrong amount.
 */

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const packSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  name: z.string().min(1).max(80),
  credits: z.number().int().positive(),
  /** In the currency's minor unit (cents). */
  price: z.number().int().positive(),
  currency: z.string().regex(/^[a-z]{3}$/),
  /** A Stripe Price id; without one, Checkout is given the amount inline (price_data). */
  stripePrice: z.string().startsWith("price_").optional(),
});

const planSchema = packSchema.extend({ id: z.enum(["basic", "pro"]) });

export type Pack = z.infer<typeof packSchema>;
export type Plan = z.infer<typeof planSchema>;

const json = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

const configSchema = z.object({
  TRIAL_CREDITS: count(100),
  CREDITS_RESERVE: count(50),
  GENERATIONS_PER_HOUR: count(10),
  GENERATIONS_CONCURRENT: count(2),
  RATE_API_PER_MINUTE: count(120),
  RATE_WEBHOOK_PER_MINUTE: count(600),
  PUBLIC_URL: z.url().default("http://127.0.0.1:8787"),
  BUY_URL: z.url().default("http://127.0.0.1:8787/#/account"),
  STRIPE_API_BASE: z.union([z.literal(""), z.url()]).default(""),
  BILLING_PACKS: json(z.array(packSchema)).default([]),
  BILLING_PLANS: json(z.array(planSchema)).default([]),
});

export type BillingConfig = z.infer<typeof configSchema>;

/** Secrets are optional: with no Stripe key the rest of the product still works, offline. */
const secretsSchema = z.object({
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
});

export type BillingSecrets = z.infer<typeof secretsSchema>;

export class BillingConfigError extends Error {
  override readonly name = "BillingConfigError";
}

export function billingConfig(env: Env): BillingConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BillingConfigError(`billing configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

export function billingSecrets(env: Env): BillingSecrets {
  const parsed = secretsSchema.safeParse(env);
  return parsed.success ? parsed.data : {};
}
