/**
 * Every default, in one place: what a var means when it is unset. wrangler.toml sets the same
 * values explicitly (vars are text there, so numbers are strings); a test keeps the two in step.
 */
export const DEFAULTS = {
  PUBLIC_URL: "http://127.0.0.1:8787",
  DISCORD_API_BASE: "https://discord.com/api/v10",
  TELEGRAM_API_ROOT: "https://api.telegram.org",

  TRIAL_CREDITS: 100,
  CREDITS_RESERVE: 50,
  EXPLAIN_CREDITS_RESERVE: 5,
  GENERATIONS_PER_HOUR: 10,
  GENERATIONS_CONCURRENT: 2,
  RATE_API_PER_MINUTE: 120,
  RATE_WEBHOOK_PER_MINUTE: 600,
  MAX_VIEWERS_PER_PROJECT: 200,
  MAX_SHARE_VIEWERS_PER_IP: 10,
  DOWNLOAD_LINK_TTL_HOURS: 72,
  BUY_URL: "http://127.0.0.1:8787/#/account",
  STRIPE_API_BASE: "",
  GITHUB_API_BASE: "https://api.github.com",

  REPORTS_TO_HIDE: 3,
  HEAL_AFTER_SECONDS: 120,
  HEAL_GIVE_UP_SECONDS: 3600,
  HEAL_SWEEP_BATCH: 10,

  JOXCODER_MODEL: "joxcoder",
  OPENAI_BASE_URL: "https://api.openai.com/v1",
  OPENAI_MODEL: "gpt-4.1-mini",
  ANTHROPIC_BASE_URL: "https://api.anthropic.com",
  ANTHROPIC_MODEL: "claude-sonnet-5-5",
} as const;
