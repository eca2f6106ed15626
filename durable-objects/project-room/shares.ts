import { hex, sha256Hex } from "../../shared/ids";

/**
 * A project's share link (the console's `/p/<id>?s=<token>`): at most one at a time, and only its
 * hash is kept, so a stolen database reveals no working link.
 */
export class ProjectShares {
  constructor(private readonly sql: SqlStorage) {}

  /** Replaces any link with a new one; the token is returned once. */
  async create(): Promise<{ token: string; createdAt: string }> {
    this.clear();
    const token = hex(crypto.getRandomValues(new Uint8Array(32)));
    const createdAt = new Date().toISOString();
    this.sql.exec("INSERT INTO shares (hash, created_at) VALUES (?, ?)", await sha256Hex(token), createdAt);
    return { token, createdAt };
  }

  info(): { createdAt: string } | null {
    const row = this.sql.exec<{ created_at: string }>("SELECT created_at FROM shares LIMIT 1").toArray()[0];
    return row ? { createdAt: row.created_at } : null;
  }

  /** Looked up by hash, so the comparison never touches the token and its timing reveals nothing. */
  async has(token: string): Promise<boolean> {
    const hash = await sha256Hex(token);
    return this.sql.exec("SELECT 1 FROM shares WHERE hash = ?", hash).toArray().length > 0;
  }

  clear(): void {
    this.sql.exec("DELETE FROM shares");
  }
}
