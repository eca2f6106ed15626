import { z } from "zod";
import { ACCOUNT_ID } from "../../shared/ids";
import { DEFAULTS } from "./defaults";
import { baseUrl, count, json, positive, secret, text, textOr, url, urlOr } from "./fields";

/**
 * Every var and secret the Worker, the Durable Objects and the Workflow read, each with its zod
 * schema. docs/configuration.md describes each one; wrangler.toml sets the vars, .dev.vars.example
 * lists the secrets.
 */

const offerName = z.string().min(1).max(80);

const packSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  /** One name for every language, or one per language the front-ends speak. */
  name: z.union([offerName, z.object({ es: offerName, en: offerName })]),
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

/** The bot's getMe answer; only what grammY needs is required. */
const botInfoSchema = z.object({
  id: z.number(),
  is_bot: z.literal(true),
  first_name: z.string(),
  username: z.string(),
  can_join_groups: z.boolean().default(true),
  can_read_all_group_messages: z.boolean().default(false),
  supports_inline_queries: z.boolean().default(false),
  can_connect_to_business: z.boolean().default(false),
  has_main_web_app: z.boolean().default(false),
  has_topics_enabled: z.boolean().default(false),
  allows_users_to_create_topics: z.boolean().default(false),
  can_manage_bots: z.boolean().default(false),
  supports_join_request_queries: z.boolean().default(false),
});

export const VARS = {
  /** "development" turns on the dev-only routes and the local key vault; anything else is a deploy. */
  ENVIRONMENT: text(),
  PUBLIC_URL: baseUrl(DEFAULTS.PUBLIC_URL),

  DISCORD_APPLICATION_ID: text(),
  DISCORD_API_BASE: urlOr(DEFAULTS.DISCORD_API_BASE),
  TELEGRAM_API_ROOT: urlOr(DEFAULTS.TELEGRAM_API_ROOT),
  TELEGRAM_BOT_INFO: text().pipe(json(botInfoSchema).optional()),
  DISCORD_PUBLIC_KEY: secret(),
  DISCORD_BOT_TOKEN: secret(),
  TELEGRAM_BOT_TOKEN: secret(),
  TELEGRAM_WEBHOOK_SECRET: secret(),

  TRIAL_CREDITS: count(DEFAULTS.TRIAL_CREDITS),
  CREDITS_RESERVE: count(DEFAULTS.CREDITS_RESERVE),
  EXPLAIN_CREDITS_RESERVE: count(DEFAULTS.EXPLAIN_CREDITS_RESERVE),
  GENERATIONS_PER_HOUR: count(DEFAULTS.GENERATIONS_PER_HOUR),
  GENERATIONS_CONCURRENT: count(DEFAULTS.GENERATIONS_CONCURRENT),
  RATE_API_PER_MINUTE: count(DEFAULTS.RATE_API_PER_MINUTE),
  RATE_WEBHOOK_PER_MINUTE: count(DEFAULTS.RATE_WEBHOOK_PER_MINUTE),
  /** Live sockets one project takes at once (owner and share viewers together). */
  MAX_VIEWERS_PER_PROJECT: positive(DEFAULTS.MAX_VIEWERS_PER_PROJECT),
  /** Live sockets one address (an IPv6 /64) may open through a project's share link. */
  MAX_SHARE_VIEWERS_PER_IP: positive(DEFAULTS.MAX_SHARE_VIEWERS_PER_IP),
  /** How long a chat's ZIP link works after it was made or last renewed by `/estado`. */
  DOWNLOAD_LINK_TTL_HOURS: positive(DEFAULTS.DOWNLOAD_LINK_TTL_HOURS, { integer: false }),
  BUY_URL: url(DEFAULTS.BUY_URL),
  /** Empty: api.stripe.com. Tests point it at a fake Stripe server. */
  STRIPE_API_BASE: z.union([z.literal(""), z.url()]).default(DEFAULTS.STRIPE_API_BASE),
  BILLING_PACKS: json(z.array(packSchema)).default([]),
  BILLING_PLANS: json(z.array(planSchema)).default([]),
  STRIPE_SECRET_KEY: secret(),
  STRIPE_WEBHOOK_SECRET: secret(),

  /** Distinct reporters that take a project out of the gallery until an admin decides (docs/community.md). */
  REPORTS_TO_HIDE: z.coerce.number().int().min(1).default(DEFAULTS.REPORTS_TO_HIDE),
  /** Comma-separated account ids that may restore or remove reported projects; empty: nobody. */
  ADMIN_ACCOUNTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    )
    .pipe(z.array(z.string().regex(ACCOUNT_ID, "must be account ids (acc_…), comma-separated"))),
  /** The GitHub REST API exports talk to (GitHub Enterprise: https://<host>/api/v3; tests: a fake). */
  GITHUB_API_BASE: urlOr(DEFAULTS.GITHUB_API_BASE),

  /** No sign of life for this long (seconds) and the healer looks at a run (workers/runs/heal.ts). */
  HEAL_AFTER_SECONDS: count(DEFAULTS.HEAL_AFTER_SECONDS),
  /** No progress for this long (seconds), however often it was woken, and a run is given up. */
  HEAL_GIVE_UP_SECONDS: count(DEFAULTS.HEAL_GIVE_UP_SECONDS),
  /** How many indexed runs one cron sweep looks at: each costs a few subrequests. */
  HEAL_SWEEP_BATCH: z.coerce.number().int().min(1).max(200).default(DEFAULTS.HEAL_SWEEP_BATCH),

  /** Unset: no JoxCoder, and the offline `blueprint` model is the default. */
  JOXCODER_ENDPOINT_URL: text().pipe(z.url().optional()),
  JOXCODER_MODEL: textOr(DEFAULTS.JOXCODER_MODEL),
  OPENAI_BASE_URL: urlOr(DEFAULTS.OPENAI_BASE_URL),
  OPENAI_MODEL: textOr(DEFAULTS.OPENAI_MODEL),
  ANTHROPIC_BASE_URL: urlOr(DEFAULTS.ANTHROPIC_BASE_URL),
  ANTHROPIC_MODEL: textOr(DEFAULTS.ANTHROPIC_MODEL),
  HF_TOKEN: secret(),
  OPENAI_API_KEY: secret(),
  ANTHROPIC_API_KEY: secret(),
  /** 32 random bytes, base64; workers/lib/key-crypto.ts checks the length. */
  KEYS_ENCRYPTION_KEY: secret(),
} satisfies Record<string, z.ZodType>;

export type VarName = keyof typeof VARS;
