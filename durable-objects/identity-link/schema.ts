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
];
