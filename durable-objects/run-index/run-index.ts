import { DurableObject } from "cloudflare:workers";
import { runRef } from "../../shared/runs";
import type { RunKey } from "../account-store/runs";
import { migrateOnStart } from "../schema";
import type { Migration } from "../schema";

/** A run the periodic healer should look at: enough to find its room, account and Workflow. */
export interface IndexedRun extends RunKey {
  accountId: string;
  /** When it was admitted (ms since the epoch). */
  addedAt: number;
}

/** Version 1. Never edit a migration that has shipped: add the next one. */
const V1 = `
  CREATE TABLE runs (
    ref TEXT PRIMARY KEY, project_id TEXT NOT NULL, run_id TEXT NOT NULL, account_id TEXT NOT NULL,
    added_at INTEGER NOT NULL, checked_at INTEGER NOT NULL);
  CREATE INDEX runs_checked ON runs (checked_at);
`;

export const RUN_INDEX_MIGRATIONS: readonly Migration[] = [V1];

/**
 * The runs that may still be running, across every account: the periodic healer's worklist
 * (workers/runs/sweep.ts), so a cron never has to scan every project or account. One object, named
 * `runs`; a run is added when it is admitted and removed once a sweep finds it finished and
 * settled, so it only ever holds the runs of the last few minutes plus the stuck ones.
 */
export class RunIndex extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateOnStart(ctx, RUN_INDEX_MIGRATIONS);
  }

  /** Idempotent: a redelivered start adds nothing. */
  add(run: RunKey, accountId: string, now = Date.now()): void {
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO runs (ref, project_id, run_id, account_id, added_at, checked_at) VALUES (?, ?, ?, ?, ?, ?)",
      runRef(run.projectId, run.runId),
      run.projectId,
      run.runId,
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
        .exec<{ ref: string; project_id: string; run_id: string; account_id: string; added_at: number }>(
          "SELECT ref, project_id, run_id, account_id, added_at FROM runs ORDER BY checked_at, ref LIMIT ?",
          limit,
        )
        .toArray();
      for (const row of rows) this.ctx.storage.sql.exec("UPDATE runs SET checked_at = ? WHERE ref = ?", now, row.ref);
      return rows.map((row) => ({ projectId: row.project_id, runId: row.run_id, accountId: row.account_id, addedAt: row.added_at }));
    });
  }

  remove(run: RunKey): void {
    this.ctx.storage.sql.exec("DELETE FROM runs WHERE ref = ?", runRef(run.projectId, run.runId));
  }

  has(run: RunKey): boolean {
    return this.ctx.storage.sql.exec("SELECT 1 FROM runs WHERE ref = ?", runRef(run.projectId, run.runId)).toArray().length > 0;
  }
}
