/**
 * The credit ledger of one account, inside its AccountStore. Every change of balance is a row
 * (trial, purchase, subscription grant, reservation, charge, refund, adjustment, reversal) with
 * a reason and a reference; the balance is their sum. A run's credits are held in `holds`, one row
 * per run (`<projectId>/<runId>`), and settled exactly once (charged or refunded). `metered` is what
 * the run's finished roles have used so far (the Workflow's `meter-<role>` steps): what a run that
 * does not complete is charged.
 *
 * Every function here is synchronous on purpose: the Durable Object runs one call at a time and
 * nothing awaits between the balance check and the insert, so two concurrent reservations can
 * never both see the same credits. Each write is keyed (`key` is UNIQUE), so a retried call is a
 * no-op instead of a second entry.
 */

export type EntryKind =
  | "trial"
  | "purchase"
  | "subscription_grant"
  | "reservation"
  | "charge"
  | "refund"
  | "adjustment"
  /** Credits taken back because the payment that bought them was refunded or disputed. */
  | "reversal";

export interface LedgerEntry {
  seq: number;
  kind: EntryKind;
  /** Signed change of the balance, in credits. */
  amount: number;
  reason: string;
  ref: string;
  createdAt: string;
}

export type HoldStatus = "held" | "charged" | "refunded";

export interface Hold {
  ref: string;
  amount: number;
  status: HoldStatus;
  /** What was finally taken (0 until charged). */
  charged: number;
  /** What the roles that finished have used, as the run's meter steps reported it. */
  metered: number;
}

export type ReserveResult =
  | { ok: true; hold: Hold; balance: number }
  | { ok: false; balance: number; needed: number }
  /** The run's hold was already charged or refunded: that run is over and cannot start again. */
  | { ok: false; settled: Hold };
export type ExtendResult = { ok: true; hold: Hold } | { ok: false; hold: Hold; covered: number };

export function balance(sql: SqlStorage): number {
  return sql.exec<{ total: number }>("SELECT COALESCE(SUM(amount), 0) AS total FROM ledger").one().total;
}

/** Adds an entry unless one with `key` exists. True if it was added. */
export function append(sql: SqlStorage, key: string, kind: EntryKind, amount: number, reason: string, ref: string): boolean {
  if (sql.exec("SELECT 1 FROM ledger WHERE key = ?", key).toArray().length > 0) return false;
  sql.exec(
    "INSERT INTO ledger (key, kind, amount, reason, ref, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    key,
    kind,
    amount,
    reason,
    ref,
    new Date().toISOString(),
  );
  return true;
}

export function getHold(sql: SqlStorage, ref: string): Hold | null {
  const row = sql
    .exec<{ ref: string; amount: number; status: string; charged: number; metered: number }>(
      "SELECT ref, amount, status, charged, metered FROM holds WHERE ref = ?",
      ref,
    )
    .toArray()[0];
  if (!row) return null;
  return { ref: row.ref, amount: row.amount, status: toHoldStatus(row.status), charged: row.charged, metered: row.metered };
}

/**
 * Holds `amount` credits for `ref` if the balance has them. A second call for `ref` returns the
 * first hold while it is held; a settled one (charged, refunded) never counts as a reservation
 * again, or a run abandoned and refunded could still go on, for free.
 */
export function reserve(sql: SqlStorage, ref: string, amount: number): ReserveResult {
  const existing = getHold(sql, ref);
  if (existing) return existing.status === "held" ? { ok: true, hold: existing, balance: balance(sql) } : { ok: false, settled: existing };
  const available = balance(sql);
  if (available < amount) return { ok: false, balance: available, needed: amount };
  sql.exec("INSERT INTO holds (ref, amount, status) VALUES (?, ?, 'held')", ref, amount);
  append(sql, `reserve:${ref}`, "reservation", -amount, `${amount} credits reserved for a generation`, ref);
  return { ok: true, hold: { ref, amount, status: "held", charged: 0, metered: 0 }, balance: available - amount };
}

/**
 * Records that the run's finished roles have used `total`, and raises the hold to it when the run
 * needs more than it reserved, only as far as the balance goes. Not ok means the balance cannot
 * cover `total`: `covered` is the most the run can pay (and `metered` stays what was covered).
 */
export function extend(sql: SqlStorage, ref: string, total: number): ExtendResult {
  const hold = getHold(sql, ref);
  if (!hold) throw new Error(`no hold for ${ref}`);
  // A settled hold covers only what was charged: the run must stop, not carry on unpaid.
  if (hold.status !== "held") return total <= hold.charged ? { ok: true, hold } : { ok: false, hold, covered: hold.charged };
  const metered = Math.max(hold.metered, total);
  if (total <= hold.amount) {
    sql.exec("UPDATE holds SET metered = ? WHERE ref = ?", metered, ref);
    return { ok: true, hold: { ...hold, metered } };
  }
  const delta = total - hold.amount;
  const available = balance(sql);
  if (available < delta) return { ok: false, hold, covered: hold.amount + available };
  sql.exec("UPDATE holds SET amount = ?, metered = ? WHERE ref = ?", total, metered, ref);
  append(sql, `extend:${ref}:${total}`, "reservation", -delta, `${delta} more credits reserved (the run used more than estimated)`, ref);
  return { ok: true, hold: { ...hold, amount: total, metered } };
}

/**
 * Settles a hold at what the run used, capped at the hold plus the balance so the balance never
 * goes below zero. Returns the hold as settled; a second call changes nothing.
 */
export function charge(sql: SqlStorage, ref: string, used: number): Hold {
  const hold = getHold(sql, ref);
  if (!hold) throw new Error(`no hold for ${ref}`);
  if (hold.status !== "held") return hold;
  const taken = Math.min(used, hold.amount + balance(sql));
  sql.exec("UPDATE holds SET status = 'charged', charged = ? WHERE ref = ?", taken, ref);
  append(sql, `charge:${ref}`, "charge", hold.amount - taken, `${taken} credits used (${hold.amount} were reserved)`, ref);
  return { ...hold, status: "charged", charged: taken };
}

/**
 * Settles a run that did not complete (it failed, or its Workflow instance was lost): it pays what
 * its finished roles metered and gets the rest of the hold back. Attempts that failed, and a role
 * that never finished, were never metered, so they cost nothing. A run that metered nothing is
 * refunded in full. A settled hold is left alone.
 */
export function settleUnfinished(sql: SqlStorage, ref: string): Hold | null {
  const hold = getHold(sql, ref);
  if (hold?.status !== "held") return hold;
  if (hold.metered === 0) return refund(sql, ref);
  // `extend` never records more than the hold, so this takes exactly `metered`.
  const taken = Math.min(hold.metered, hold.amount);
  sql.exec("UPDATE holds SET status = 'charged', charged = ? WHERE ref = ?", taken, ref);
  append(
    sql,
    `charge:${ref}`,
    "charge",
    hold.amount - taken,
    `${taken} credits used by the roles that finished before the generation stopped (${hold.amount} were reserved)`,
    ref,
  );
  return { ...hold, status: "charged", charged: taken };
}

/** Gives a failed run's hold back in full. A settled hold is left alone. */
export function refund(sql: SqlStorage, ref: string): Hold | null {
  const hold = getHold(sql, ref);
  if (hold?.status !== "held") return hold;
  sql.exec("UPDATE holds SET status = 'refunded' WHERE ref = ?", ref);
  append(sql, `refund:${ref}`, "refund", hold.amount, `${hold.amount} reserved credits returned (the generation failed)`, ref);
  return { ...hold, status: "refunded" };
}

/** Newest first; `before` is a `seq` from a previous page. */
export function entries(sql: SqlStorage, limit: number, before?: number): LedgerEntry[] {
  return sql
    .exec<{ seq: number; kind: string; amount: number; reason: string; ref: string; created_at: string }>(
      "SELECT seq, kind, amount, reason, ref, created_at FROM ledger WHERE seq < ? ORDER BY seq DESC LIMIT ?",
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    )
    .toArray()
    .map((row) => ({
      seq: row.seq,
      kind: toKind(row.kind),
      amount: row.amount,
      reason: row.reason,
      ref: row.ref,
      createdAt: row.created_at,
    }));
}

const KINDS: readonly EntryKind[] = [
  "trial",
  "purchase",
  "subscription_grant",
  "reservation",
  "charge",
  "refund",
  "adjustment",
  "reversal",
];
const toKind = (kind: string): EntryKind => KINDS.find((k) => k === kind) ?? "adjustment";
const toHoldStatus = (status: string): HoldStatus => (status === "charged" || status === "refunded" ? status : "held");
