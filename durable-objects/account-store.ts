import { DurableObject } from "cloudflare:workers";
import { hex, sha256Hex } from "../workers/lib/ids";

export interface ProjectRef {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * One per account, addressed by the account id. Holds the account's API tokens (hashed, never
 * the tokens themselves) and the list of its projects. Later: identities, credits and keys.
 */
export class AccountStore extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS account (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, label TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS login_codes (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    `);
    // Tokens with an end (the console's cookie sessions); a token without a row here never expires.
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS token_expiry (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)");
  }

  /** Creates the account if needed and issues a new token for it. The token is returned once. */
  async issueToken(accountId: string, label: string): Promise<string> {
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO account (id, created_at) VALUES (?, ?)",
      accountId, new Date().toISOString(),
    );
    const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
    this.ctx.storage.sql.exec(
      "INSERT INTO tokens (hash, label, created_at) VALUES (?, ?, ?)",
      await sha256Hex(secret), label, new Date().toISOString(),
    );
    return `${accountId}.${secret}`;
  }

  /**
   * Whether `secret` is one of this account's tokens. Looking up by SHA-256 means the comparison
   * never touches the secret itself, so its timing reveals nothing about it.
   */
  async hasToken(secret: string): Promise<boolean> {
    const hash = await sha256Hex(secret);
    return this.ctx.storage.sql
      .exec(
        "SELECT 1 FROM tokens t LEFT JOIN token_expiry e ON e.hash = t.hash WHERE t.hash = ? AND (e.expires_at IS NULL OR e.expires_at > ?)",
        hash, Date.now(),
      )
      .toArray().length > 0;
  }

  /** Makes a token stop working after `ttlSeconds` (a console session lives as long as its cookie). */
  async expireToken(secret: string, ttlSeconds: number): Promise<void> {
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO token_expiry (hash, expires_at) VALUES (?, ?)",
      await sha256Hex(secret), Date.now() + ttlSeconds * 1000,
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
      await sha256Hex(secret), Date.now() + ttlSeconds * 1000,
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
    this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO projects (id, name, created_at) VALUES (?, ?, ?)",
      ref.id, ref.name, ref.createdAt,
    );
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
}
