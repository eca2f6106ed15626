import { hex } from "../../shared/ids";
import { secureEqual } from "../../workers/lib/secure-compare";

/**
 * The capability behind a chat's ZIP button: whoever holds the token may download this project's
 * ZIP, until it expires or the owner revokes the project's share links. One live token per
 * project: made when the first message needs it, extended by `/estado`, replaced by a new one once
 * it expired or was revoked (so a leaked old link never comes back). Kept as given, because chat
 * messages are re-rendered with it, and compared in constant time. Every method is synchronous,
 * so two callers (a chat delivery and `/estado`) can never both mint one.
 */
export const DOWNLOAD_TOKEN = /^[0-9a-f]{48}$/;

export type TokenCheck = "valid" | "expired" | "unknown";

export interface DownloadLink {
  token: string;
  expiresAt: number;
}

export class DownloadLinks {
  /** Its table, `download_links`, is schema.ts version 3. */
  constructor(private readonly sql: SqlStorage) {}

  /** The live token, or a new one valid for `ttlMs` when there is none. */
  current(ttlMs: number, now = Date.now()): DownloadLink {
    return this.live(now) ?? this.mint(ttlMs, now);
  }

  /** The live token with its life extended to `ttlMs` from now, or a new one. */
  renew(ttlMs: number, now = Date.now()): DownloadLink {
    const live = this.live(now);
    if (!live) return this.mint(ttlMs, now);
    const expiresAt = Math.max(live.expiresAt, now + ttlMs);
    this.sql.exec("UPDATE download_links SET expires_at = ?", expiresAt);
    return { token: live.token, expiresAt };
  }

  check(token: string, now = Date.now()): TokenCheck {
    const row = this.row();
    if (!row || !DOWNLOAD_TOKEN.test(token) || !secureEqual(token, row.token)) return "unknown";
    return row.expiresAt > now ? "valid" : "expired";
  }

  revoke(): void {
    this.sql.exec("DELETE FROM download_links");
  }

  private live(now: number): DownloadLink | null {
    const row = this.row();
    return row && row.expiresAt > now ? row : null;
  }

  private row(): DownloadLink | null {
    const row = this.sql.exec<{ token: string; expires_at: number }>("SELECT token, expires_at FROM download_links LIMIT 1").toArray()[0];
    return row ? { token: row.token, expiresAt: row.expires_at } : null;
  }

  private mint(ttlMs: number, now: number): DownloadLink {
    const token = hex(crypto.getRandomValues(new Uint8Array(24)));
    const expiresAt = now + ttlMs;
    this.sql.exec("DELETE FROM download_links");
    this.sql.exec("INSERT INTO download_links (token, expires_at) VALUES (?, ?)", token, expiresAt);
    return { token, expiresAt };
  }
}
