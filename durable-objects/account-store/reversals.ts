import { append, balance } from "./ledger";

/**
 * Money that goes back to the buyer takes its credits with it. Each credit-granting payment is
 * remembered by its Stripe PaymentIntent; a refund (`charge.refunded`, possibly partial, its
 * running total) or a dispute (`charge.dispute.created`, all of it) takes back that share of the
 * credits it bought, minus what earlier reversals took. Never below zero: what the balance cannot
 * cover is the shortfall, written into the ledger entry's reason and kept on the purchase
 * (table `purchases`, schema.ts version 3).
 */

export interface Reversal {
  kind: "refund" | "dispute";
  paymentIntent: string;
  /** The share of the payment returned so far, 0 to 1 (a refund's running total over the amount). */
  share: number;
}

export interface ReversalResult {
  /** Credits the ledger took back by this reversal. */
  taken: number;
  /** Credits this reversal should have taken that the balance did not have. */
  shortfall: number;
}

export function recordPurchase(sql: SqlStorage, paymentIntent: string, ref: string, credits: number): void {
  sql.exec("INSERT OR IGNORE INTO purchases (payment_intent, ref, credits) VALUES (?, ?, ?)", paymentIntent, ref, credits);
}

/** Takes back the credits `reversal` says; null when no purchase of this account used that payment. */
export function reverse(sql: SqlStorage, eventId: string, reversal: Reversal): ReversalResult | null {
  const purchase = sql
    .exec<{ ref: string; credits: number; reversed: number }>(
      "SELECT ref, credits, reversed FROM purchases WHERE payment_intent = ?",
      reversal.paymentIntent,
    )
    .toArray()[0];
  if (!purchase) return null;
  // Rounded up: a partial refund of a cent still returns a credit's worth of the purchase.
  const target = Math.min(purchase.credits, Math.ceil(purchase.credits * Math.max(0, reversal.share)));
  const due = target - purchase.reversed;
  if (due <= 0) return { taken: 0, shortfall: 0 };
  const available = Math.max(0, balance(sql));
  const taken = Math.min(due, available);
  const shortfall = due - taken;
  const what = reversal.kind === "refund" ? "refunded" : "disputed";
  const reason =
    `${taken} credits taken back: the payment for ${purchase.ref} was ${what}` +
    (shortfall > 0 ? `; ${shortfall} more could not be taken (the balance was ${available})` : "");
  // An entry even when nothing could be taken, so the shortfall is in the ledger.
  append(sql, `reversal:${eventId}`, "reversal", -taken, reason, purchase.ref);
  sql.exec(
    "UPDATE purchases SET reversed = reversed + ?, shortfall = shortfall + ? WHERE payment_intent = ?",
    due,
    shortfall,
    reversal.paymentIntent,
  );
  return { taken, shortfall };
}
