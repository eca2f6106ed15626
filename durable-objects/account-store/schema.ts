import type { Migration } from "../schema";

/**
 * AccountStore's SQLite schema, as ordered migrations (applied by durable-objects/schema.ts).
 * Never edit a migration that has shipped: add the next one.
 */

/** Version 1: the schema before runs, exactly as the tables were created then. */
const V1 = `
  CREATE TABLE IF NOT EXISTS account (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, label TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS login_codes (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    amount INTEGER NOT NULL, reason TEXT NOT NULL, ref TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS holds (
    ref TEXT PRIMARY KEY, amount INTEGER NOT NULL, status TEXT NOT NULL, charged INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS runs (project_id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, finished_at INTEGER);
  CREATE TABLE IF NOT EXISTS billing (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS stripe_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, applied_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS identities (identity TEXT PRIMARY KEY, linked_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS token_expiry (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS provider_keys (
    provider TEXT PRIMARY KEY, iv TEXT NOT NULL, data TEXT NOT NULL, last4 TEXT NOT NULL,
    sealed_with TEXT NOT NULL, updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS local_vault_key (id INTEGER PRIMARY KEY CHECK (id = 1), raw TEXT NOT NULL);
`;

/**
 * Version 2: a project has runs, and each run is admitted, held and settled on its own. Run rows
 * and holds are keyed by `<projectId>/<runId>` (shared/runs.ts); what was keyed by the project
 * alone was its only run, `r1`. Ledger entries keep the reference they were written with: they
 * are history, and their idempotency keys of new runs cannot collide with the old ones.
 */
const V2_RUNS = `
  CREATE TABLE runs_v2 (
    ref TEXT PRIMARY KEY, project_id TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER
  );
  INSERT INTO runs_v2 (ref, project_id, started_at, finished_at)
    SELECT project_id || '/r1', project_id, started_at, finished_at FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_v2 RENAME TO runs;
  UPDATE holds SET ref = ref || '/r1' WHERE instr(ref, '/') = 0;
`;

/**
 * Version 3: the payments that bought credits, so a refund or dispute of one can take them back
 * (reversals.ts). `reversed` counts what reversals took or tried to take, `shortfall` what the
 * balance could not cover.
 */
const V3_PURCHASES = `
  CREATE TABLE purchases (
    payment_intent TEXT PRIMARY KEY, ref TEXT NOT NULL, credits INTEGER NOT NULL,
    reversed INTEGER NOT NULL DEFAULT 0, shortfall INTEGER NOT NULL DEFAULT 0);
`;

/**
 * Version 4: a hold remembers what the run's finished roles metered, so a run that does not
 * complete is charged that and released the rest (ledger.ts, `settleUnfinished`). Holds written
 * before have metered nothing as far as anyone knows: such a run, if it fails, is refunded in full.
 */
const V4_METERED = `
  ALTER TABLE holds ADD COLUMN metered INTEGER NOT NULL DEFAULT 0;
`;

export const ACCOUNT_STORE_MIGRATIONS: readonly Migration[] = [V1, V2_RUNS, V3_PURCHASES, V4_METERED];
