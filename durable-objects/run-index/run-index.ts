import { DurableObject } from "cloudflare:workers";

/** A run the periodic healer should look at: enough to find its room, account and Workflow. */
export interface IndexedRun {
  projectId: string;
  accountId: string;
  /** When it was admitted (ms since the epoch). */
  addedAt: number;
}

/**
 * The runs that may still be running, across every account: the periodic healer's worklist
 * (workers/runs/sweep.ts), so a cron never has to scan every project or account. One object, named
 * `runs`; a run is added when it is admitted and removed once the healer finds it finished and
 * settled, so it only ever holds the runs of the last few minutes plus the stuck ones.
 */
export class RunIndex extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS runs (
        project_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, added_at INTEGER NOT NULL, checked_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS runs_checked ON runs (checked_at);
    `);
  }

  /** Idempotent: a redelivered start adds nothing. */
  add(projectId: string, accountId: string, now = Date.now()): void {
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO runs (project_id, account_id, added_at, checked_at) VALUES (?, ?, ?, ?)",
      projectId,
      accountId,
      now,
      now,
    );
  }

  /**
   * The `limit` runs looked at longest ago, marked as looked at now: successive sweeps go round the
   * whole index however small `limit` is.
   */
  take(limit: number, now = Date.now()): IndexedRun[] {
    return this.ctx.storage.transactionSync(() => {
      const rows = this.ctx.storage.sql
        .exec<{ project_id: string; account_id: string; added_at: number }>(
          "SELECT project_id, account_id, added_at FROM runs ORDER BY checked_at, project_id LIMIT ?",
          limit,
        )
        .toArray();
      for (const row of rows) this.ctx.storage.sql.exec("UPDATE runs SET checked_at = ? WHERE project_id = ?", now, row.project_id);
      return rows.map((row) => ({ projectId: row.project_id, accountId: row.account_id, addedAt: row.added_at }));
    });
  }

  remove(projectId: string): void {
    this.ctx.storage.sql.exec("DELETE FROM runs WHERE project_id = ?", projectId);
  }

  has(projectId: string): boolean {
    return this.ctx.storage.sql.exec("SELECT 1 FROM runs WHERE project_id = ?", projectId).toArray().length > 0;
  }
}
