import { DurableObject } from "cloudflare:workers";
import { hex, sha256Hex } from "../../shared/ids";
import { addIdentity, applyChange, customerId, listIdentities, planState, removeIdentity } from "./billing";
import type { BillingChange, ChangeOutcome, PlanState } from "./billing";
import { admit, finish, unsettled } from "./runs";
import type { AdmitLimits, Admission, RunKey, UnsettledRun } from "./runs";
import { runRef } from "../../shared/runs";
import { migrateOnStart } from "../schema";
import type { MigrateOptions } from "../schema";
import { ACCOUNT_STORE_MIGRATIONS } from "./schema";
import { append, balance, charge, entries, extend, getHold, refund, settleUnfinished } from "./ledger";
import type { ExtendResult, Hold, LedgerEntry } from "./ledger";
import { KeyVault } from "./key-vault";
import type { StoredKeyRef } from "./key-vault";

export interface AccountSummary {
  id: string;
  credits: number;
  plan: PlanState | null;
  identities: Array<{ identity: string; linkedAt: string }>;
  entries: LedgerEntry[];
  /** Providers the user brought a key for: last 4 characters at most, never the key. */
  keys: StoredKeyRef[];
}

export interface ProjectRef {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * One per account, addressed by the account id. Holds the account's API tokens and login codes
 * (hashed, never the secrets themselves), its projects, its credit ledger and runs (ledger.ts,
 * runs.ts), plan and linked identities (billing.ts), and the user's own model
 * keys, encrypted (key-vault.ts).
 */
export class AccountStore extends DurableObject<Env> {
  private readonly keys: KeyVault;

  /** `schema` exists for the upgrade tests, which write data as an older release did. */
  constructor(ctx: DurableObjectState, env: Env, schema?: MigrateOptions) {
    super(ctx, env);
    migrateOnStart(ctx, ACCOUNT_STORE_MIGRATIONS, schema);
    this.keys = new KeyVault(ctx.storage.sql, env);
  }

  /** Creates the account if needed and issues a new token for it. The token is returned once. */
  async issueToken(accountId: string, label: string): Promise<string> {
    this.ctx.storage.sql.exec("INSERT OR IGNORE INTO account (id, created_at) VALUES (?, ?)", accountId, new Date().toISOString());
    const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
    this.ctx.storage.sql.exec(
      "INSERT INTO tokens (hash, label, created_at) VALUES (?, ?, ?)",
      await sha256Hex(secret),
      label,
      new Date().toISOString(),
    );
    return `${accountId}.${secret}`;
  }

  /**
   * Whether `secret` is one of this account's tokens. Looking up by SHA-256 means the comparison
   * never touches the secret itself, so its timing reveals nothing about it.
   */
  async hasToken(secret: string): Promise<boolean> {
    const hash = await sha256Hex(secret);
    return (
      this.ctx.storage.sql
        .exec(
          "SELECT 1 FROM tokens t LEFT JOIN token_expiry e ON e.hash = t.hash WHERE t.hash = ? AND (e.expires_at IS NULL OR e.expires_at > ?)",
          hash,
          Date.now(),
        )
        .toArray().length > 0
    );
  }

  /**
   * A new token under `label`, replacing (revoking) any earlier one with that label: a user keeps
   * one assistant token, and making a new one is how a leaked one is cut off. Returned once.
   */
  async replaceToken(accountId: string, label: string): Promise<string> {
    this.revokeTokens(label);
    return this.issueToken(accountId, label);
  }

  /** Revokes every token under `label`; how many there were. */
  revokeTokens(label: string): number {
    const hashes = this.ctx.storage.sql.exec<{ hash: string }>("DELETE FROM tokens WHERE label = ? RETURNING hash", label).toArray();
    for (const { hash } of hashes) this.ctx.storage.sql.exec("DELETE FROM token_expiry WHERE hash = ?", hash);
    return hashes.length;
  }

  /** When the token under `label` was made, or null when there is none. */
  tokenCreatedAt(label: string): string | null {
    const row = this.ctx.storage.sql
      .exec<{ created_at: string }>("SELECT created_at FROM tokens WHERE label = ? ORDER BY created_at DESC LIMIT 1", label)
      .toArray()[0];
    return row?.created_at ?? null;
  }

  /** Makes a token stop working after `ttlSeconds` (a console session lives as long as its cookie). */
  async expireToken(secret: string, ttlSeconds: number): Promise<void> {
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO token_expiry (hash, expires_at) VALUES (?, ?)",
      await sha256Hex(secret),
      Date.now() + ttlSeconds * 1000,
    );
  }

  /** Ends a token now (signing out of the console). */
  async revokeToken(secret: string): Promise<void> {
    const hash = await sha256Hex(secret);
    this.ctx.storage.sql.exec("DELETE FROM tokens WHERE hash = ?", hash);
    this.ctx.storage.sql.exec("DELETE FROM token_expiry WHERE hash = ?", hash);
  }

  /**
   * A one-time code that signs its holder into this account (the bots' `consola` link). Shaped like
   * a token, `<accountId>.<secret>`, so whoever consumes it knows which account to ask.
   */
  async issueLoginCode(accountId: string, ttlSeconds: number): Promise<string> {
    const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
    this.ctx.storage.sql.exec("DELETE FROM login_codes WHERE expires_at < ?", Date.now());
    this.ctx.storage.sql.exec(
      "INSERT INTO login_codes (hash, expires_at) VALUES (?, ?)",
      await sha256Hex(secret),
      Date.now() + ttlSeconds * 1000,
    );
    return `${accountId}.${secret}`;
  }

  /** Spends a login code: a fresh session token if it was valid and unused, otherwise null. */
  async consumeLoginCode(accountId: string, secret: string): Promise<string | null> {
    const hash = await sha256Hex(secret);
    const row = this.ctx.storage.sql
      .exec<{ expires_at: number }>("DELETE FROM login_codes WHERE hash = ? RETURNING expires_at", hash)
      .toArray()[0];
    if (!row || row.expires_at < Date.now()) return null;
    return this.issueToken(accountId, "console session");
  }

  addProject(ref: ProjectRef): void {
    this.ctx.storage.sql.exec("INSERT OR IGNORE INTO projects (id, name, created_at) VALUES (?, ?, ?)", ref.id, ref.name, ref.createdAt);
  }

  /** Newest first. */
  listProjects(limit: number): ProjectRef[] {
    return this.ctx.storage.sql
      .exec<{ id: string; name: string; created_at: string }>(
        "SELECT id, name, created_at FROM projects ORDER BY created_at DESC, id DESC LIMIT ?",
        limit,
      )
      .toArray()
      .map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  /**
   * Creates the account on first contact and grants the free trial, exactly once however often
   * it is called (the entry's key is "trial"). `trialGranted` is true only on the call that did it.
   */
  ensure(accountId: string, trialCredits: number): { created: boolean; trialGranted: boolean; credits: number } {
    return this.ctx.storage.transactionSync(() => {
      const sql = this.ctx.storage.sql;
      const created = sql.exec("SELECT 1 FROM account").toArray().length === 0;
      if (created) sql.exec("INSERT INTO account (id, created_at) VALUES (?, ?)", accountId, new Date().toISOString());
      const trialGranted =
        trialCredits > 0 && append(this.ctx.storage.sql, "trial", "trial", trialCredits, `${trialCredits} free trial credits`, "trial");
      return { created, trialGranted, credits: balance(this.ctx.storage.sql) };
    });
  }

  credits(): number {
    return balance(this.ctx.storage.sql);
  }

  /** The account as `GET /api/account` shows it; `before` pages the ledger (newest first). */
  summary(accountId: string, limit: number, before?: number): AccountSummary {
    const sql = this.ctx.storage.sql;
    return {
      id: accountId,
      credits: balance(sql),
      plan: planState(sql),
      identities: listIdentities(sql),
      entries: entries(sql, limit, before),
      keys: this.keys.list(),
    };
  }

  /** Rate limits and the credit reservation of a new run, checked and recorded at once. */
  admitRun(run: RunKey, limits: AdmitLimits): Admission {
    return this.ctx.storage.transactionSync(() => admit(this.ctx.storage.sql, run, limits));
  }

  /** After each role step: widen the run's hold to what it has used so far, within the balance. */
  meterRun(run: RunKey, used: number): ExtendResult {
    return this.ctx.storage.transactionSync(() => extend(this.ctx.storage.sql, runRef(run.projectId, run.runId), used));
  }

  chargeRun(run: RunKey, used: number): Hold {
    return this.ctx.storage.transactionSync(() => {
      finish(this.ctx.storage.sql, run);
      return charge(this.ctx.storage.sql, runRef(run.projectId, run.runId), used);
    });
  }

  /**
   * A run that will not complete (failed, or its Workflow instance was lost): it pays what its
   * finished roles metered and the rest is released; it stops counting as running. Idempotent.
   */
  settleUnfinishedRun(run: RunKey): Hold | null {
    return this.ctx.storage.transactionSync(() => {
      finish(this.ctx.storage.sql, run);
      return settleUnfinished(this.ctx.storage.sql, runRef(run.projectId, run.runId));
    });
  }

  /** The run's hold, or null when none was ever made. */
  runHold(run: RunKey): Hold | null {
    return getHold(this.ctx.storage.sql, runRef(run.projectId, run.runId));
  }

  /** Runs whose credits are still held: the ones a healer looks at. */
  unsettledRuns(): UnsettledRun[] {
    return unsettled(this.ctx.storage.sql);
  }

  refundRun(run: RunKey): Hold | null {
    return this.ctx.storage.transactionSync(() => {
      finish(this.ctx.storage.sql, run);
      return refund(this.ctx.storage.sql, runRef(run.projectId, run.runId));
    });
  }

  /**
   * An operator's correction, keyed so it applies once. It may not take the balance below zero.
   * Returns false when it would have, or when `key` was used before.
   */
  adjust(key: string, amount: number, reason: string): boolean {
    return this.ctx.storage.transactionSync(() => {
      if (balance(this.ctx.storage.sql) + amount < 0) return false;
      return append(this.ctx.storage.sql, `adjust:${key}`, "adjustment", amount, reason, key);
    });
  }

  applyBillingChange(change: BillingChange): ChangeOutcome {
    return this.ctx.storage.transactionSync(() => applyChange(this.ctx.storage.sql, change));
  }

  stripeCustomer(): string | null {
    return customerId(this.ctx.storage.sql);
  }

  linkIdentity(identity: string): void {
    addIdentity(this.ctx.storage.sql, identity);
  }

  unlinkIdentity(identity: string): void {
    removeIdentity(this.ctx.storage.sql, identity);
  }

  /** Stores (or replaces) the account's own key for a model provider, encrypted. */
  setKey(accountId: string, provider: string, apiKey: string): Promise<StoredKeyRef> {
    return this.keys.set(accountId, provider, apiKey);
  }

  /** Whether a key was there to delete. */
  deleteKey(provider: string): boolean {
    return this.keys.delete(provider);
  }

  /** Which providers have a key, with its last 4 characters at most; never the key. */
  listKeys(): StoredKeyRef[] {
    return this.keys.list();
  }

  /** The decrypted key, for the Workflow step that builds the model (and nothing else). */
  providerKey(accountId: string, provider: string): Promise<string | null> {
    return this.keys.get(accountId, provider);
  }
}
