/**
 * Versioned SQLite schemas for Durable Objects. Each class lists its migrations in order; the
 * constructor applies the ones this object has not seen yet, once, before any call reaches it
 * (inside `blockConcurrencyWhile`). Tables are never created inside methods, so a method can
 * always assume the current schema.
 *
 * The version lives in a one-row `_schema` table (the runtime does not allow `PRAGMA
 * user_version`). Objects written before versions existed have no `_schema` row: they count as
 * version 0, and migration 1 (today's schema, written with IF NOT EXISTS) adopts their tables.
 */

/** One step of a schema: SQL text, or a function for changes that need to read rows first. */
export type Migration = string | ((sql: SqlStorage) => void);

export interface MigrateOptions {
  /** Stop after this version: tests use it to write data as an older release did. */
  upTo?: number;
}

/** The object's schema version: 0 for an object that never recorded one. Reads only. */
export function schemaVersion(sql: SqlStorage): number {
  const exists = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_schema'").toArray().length > 0;
  if (!exists) return 0;
  return sql.exec<{ version: number }>("SELECT version FROM _schema WHERE id = 1").toArray()[0]?.version ?? 0;
}

/**
 * Applies the migrations after the recorded version, each in its own transaction together with
 * the new version number, so a migration that throws leaves the object at the version before it.
 * Returns the version the object is at afterwards. An object already current is only read.
 */
export function migrate(storage: DurableObjectStorage, migrations: readonly Migration[], options: MigrateOptions = {}): number {
  const target = Math.min(options.upTo ?? migrations.length, migrations.length);
  let version = schemaVersion(storage.sql);
  if (version > migrations.length) {
    // Written by a newer release (a rollback): running older code on it could corrupt it.
    throw new Error(`schema version ${version} is newer than this code knows (${migrations.length})`);
  }
  while (version < target) {
    const migration = migrations[version];
    const next = version + 1;
    storage.transactionSync(() => {
      storage.sql.exec("CREATE TABLE IF NOT EXISTS _schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
      if (typeof migration === "string") storage.sql.exec(migration);
      else migration?.(storage.sql);
      storage.sql.exec("INSERT INTO _schema (id, version) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version", next);
    });
    version = next;
  }
  return version;
}

/** What every Durable Object constructor calls: migrate before the first call is let in. */
export function migrateOnStart(ctx: DurableObjectState, migrations: readonly Migration[], options?: MigrateOptions): void {
  void ctx.blockConcurrencyWhile(async () => {
    migrate(ctx.storage, migrations, options);
  });
}
