/**
 * What `npm start` (scripts/start.mjs) passes as the cron when it calls the scheduled handler right
 * after the local stack comes up. Cloudflare only ever sends the crons in wrangler.toml, so this one
 * means "the process just started": every indexed run was cut off, and each is healed at once.
 */
export const STARTUP_CRON = "@startup";
