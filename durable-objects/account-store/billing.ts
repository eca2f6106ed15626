import { append } from "./ledger";
import { recordPurchase, reverse } from "./reversals";
import type { Reversal } from "./reversals";

/**
 * What Stripe told us about an account (plan, its status, the customer) and the chat identities
 * linked to it. Stripe events are applied here in one synchronous call: the event id is recorded
 * together with its effect, so however often Stripe resends an event it changes the account once.
 */

export interface PlanState {
  id: string;
  status: string;
  subscription: string | null;
}

/** An event from Stripe, already verified and reduced to what it changes on this account. */
export interface BillingChange {
  eventId: string;
  type: string;
  /** The event's creation time (seconds): an older event never overwrites a newer plan status. */
  created: number;
  credit?: { kind: "purchase" | "subscription_grant"; credits: number; reason: string; ref: string; paymentIntent?: string };
  /** A refund or dispute of a payment: the credits it bought are taken back. */
  reversal?: Reversal;
  plan?: { id: string; status: string; subscription: string | null };
  customer?: string;
}

/**
 * `unknown_account`: no account was ever created under this id (the id is well-formed, so the
 * object exists only because this call reached it). Nothing is written, not even the event id.
 */
export type ChangeOutcome = "applied" | "duplicate" | "unknown_account";

export function applyChange(sql: SqlStorage, change: BillingChange): ChangeOutcome {
  if (sql.exec("SELECT 1 FROM account").toArray().length === 0) return "unknown_account";
  if (sql.exec("SELECT 1 FROM stripe_events WHERE id = ?", change.eventId).toArray().length > 0) return "duplicate";
  sql.exec("INSERT INTO stripe_events (id, type, applied_at) VALUES (?, ?, ?)", change.eventId, change.type, new Date().toISOString());
  if (change.credit) {
    const { kind, credits, reason, ref, paymentIntent } = change.credit;
    // Keyed by the Stripe object too: two events about one invoice still credit it once.
    const credited = append(sql, `stripe:${ref}`, kind, credits, reason, ref);
    if (credited && paymentIntent) recordPurchase(sql, paymentIntent, ref, credits);
  }
  if (change.reversal) reverse(sql, change.eventId, change.reversal);
  if (change.customer) put(sql, "stripe_customer", change.customer);
  if (change.plan && change.created >= Number(get(sql, "plan_at") ?? "0")) {
    put(sql, "plan", change.plan.id);
    put(sql, "plan_status", change.plan.status);
    put(sql, "plan_at", String(change.created));
    if (change.plan.subscription) put(sql, "stripe_subscription", change.plan.subscription);
  }
  return "applied";
}

export function planState(sql: SqlStorage): PlanState | null {
  const id = get(sql, "plan");
  if (!id) return null;
  return { id, status: get(sql, "plan_status") ?? "unknown", subscription: get(sql, "stripe_subscription") };
}

export function customerId(sql: SqlStorage): string | null {
  return get(sql, "stripe_customer");
}

export function addIdentity(sql: SqlStorage, identity: string): void {
  sql.exec("INSERT OR IGNORE INTO identities (identity, linked_at) VALUES (?, ?)", identity, new Date().toISOString());
}

export function removeIdentity(sql: SqlStorage, identity: string): void {
  sql.exec("DELETE FROM identities WHERE identity = ?", identity);
}

export function listIdentities(sql: SqlStorage): Array<{ identity: string; linkedAt: string }> {
  return sql
    .exec<{ identity: string; linked_at: string }>("SELECT identity, linked_at FROM identities ORDER BY linked_at, identity")
    .toArray()
    .map((row) => ({ identity: row.identity, linkedAt: row.linked_at }));
}

function get(sql: SqlStorage, key: string): string | null {
  return sql.exec<{ value: string }>("SELECT value FROM billing WHERE key = ?", key).toArray()[0]?.value ?? null;
}

function put(sql: SqlStorage, key: string, value: string): void {
  sql.exec("INSERT INTO billing (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
}
