import { reserve } from "./ledger";
import type { Hold } from "./ledger";
import { runRef } from "../../shared/runs";

/** Which run of which project: the key of its hold and its run row. */
export interface RunKey {
  projectId: string;
  runId: string;
}

/**
 * Admission of a generation: the per-account rate limits and the credit reservation, checked and
 * recorded in one synchronous call so concurrent starts cannot slip past either. Each run of a
 * project (its first generation, each later edit) is admitted on its own, keyed by
 * `<projectId>/<runId>` (shared/runs.ts). A run counts as
 * active from its start until its hold is settled; one that never settles (a Workflow that was
 * terminated) stops counting after STALE_MS, so a lost run cannot block the account for good.
 */

const HOUR_MS = 3_600_000;
const STALE_MS = 2 * HOUR_MS;

export interface AdmitLimits {
  reserve: number;
  perHour: number;
  concurrent: number;
}

export type Admission =
  | { ok: true; hold: Hold; balance: number }
  | { ok: false; reason: "concurrent"; limit: number; retryAfter: number }
  | { ok: false; reason: "hourly"; limit: number; retryAfter: number }
  | { ok: false; reason: "credits"; balance: number; needed: number }
  | { ok: false; reason: "settled" };

export function admit(sql: SqlStorage, run: RunKey, limits: AdmitLimits, now = Date.now()): Admission {
  const ref = runRef(run.projectId, run.runId);
  const known = sql.exec("SELECT 1 FROM runs WHERE ref = ?", ref).toArray().length > 0;
  if (!known) {
    const active = sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM runs WHERE finished_at IS NULL AND started_at > ?", now - STALE_MS)
      .one().n;
    // A slot frees when a run ends, which we cannot predict: ask to retry in a minute.
    if (active >= limits.concurrent) return { ok: false, reason: "concurrent", limit: limits.concurrent, retryAfter: 60 };
    const recent = sql
      .exec<{ started_at: number }>("SELECT started_at FROM runs WHERE started_at > ? ORDER BY started_at ASC", now - HOUR_MS)
      .toArray();
    const oldest = recent[0];
    if (recent.length >= limits.perHour && oldest) {
      return {
        ok: false,
        reason: "hourly",
        limit: limits.perHour,
        retryAfter: Math.max(1, Math.ceil((oldest.started_at + HOUR_MS - now) / 1000)),
      };
    }
  }
  const reserved = reserve(sql, ref, limits.reserve);
  if (!reserved.ok) {
    return "settled" in reserved
      ? { ok: false, reason: "settled" }
      : { ok: false, reason: "credits", balance: reserved.balance, needed: reserved.needed };
  }
  sql.exec("INSERT OR IGNORE INTO runs (ref, project_id, started_at) VALUES (?, ?, ?)", ref, run.projectId, now);
  return reserved;
}

export interface UnsettledRun extends RunKey {
  startedAt: number;
}

/** Runs admitted whose hold is still held, oldest first. */
export function unsettled(sql: SqlStorage): UnsettledRun[] {
  return sql
    .exec<{ ref: string; project_id: string; started_at: number }>(
      "SELECT r.ref, r.project_id, r.started_at FROM runs r JOIN holds h ON h.ref = r.ref WHERE h.status = 'held' ORDER BY r.started_at",
    )
    .toArray()
    .map((row) => ({ projectId: row.project_id, runId: row.ref.slice(row.project_id.length + 1), startedAt: row.started_at }));
}

/** The run no longer counts against the concurrent limit. */
export function finish(sql: SqlStorage, run: RunKey, now = Date.now()): void {
  sql.exec("UPDATE runs SET finished_at = ? WHERE ref = ? AND finished_at IS NULL", now, runRef(run.projectId, run.runId));
}
