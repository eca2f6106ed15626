import type { Migration } from "../schema";

/**
 * IdentityLink's SQLite schema, as ordered migrations (applied by durable-objects/schema.ts).
 * Version 1 is the schema as it was before versions: `offer` used to be created on first use by
 * the link-code methods, and now exists from the start.
 */
export const IDENTITY_LINK_MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE IF NOT EXISTS link (account_id TEXT NOT NULL, linked_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS offer (account_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
  `,
  // Version 2: the Discord interaction ids an identity sent, kept until a replay of them would be
  // too old anyway (workers/chat/discord.ts).
  "CREATE TABLE seen_interactions (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);",
];
