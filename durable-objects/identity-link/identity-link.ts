import { DurableObject } from "cloudflare:workers";
import { randomId } from "../../shared/ids";
import { migrateOnStart } from "../schema";
import { IDENTITY_LINK_MIGRATIONS } from "./schema";

/**
 * One per outside identity (`discord:<user id>`, `telegram:<user id>`), addressed by that name.
 * It points at the account the identity belongs to, so several identities can share one account
 * (and its credits) once linked. Strongly consistent: two messages from a new user at once still
 * get one account.
 */
export class IdentityLink extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateOnStart(ctx, IDENTITY_LINK_MIGRATIONS);
  }

  /**
   * Records a Discord interaction id; true only the first time it is seen. A signed interaction
   * can be captured and sent again: its signature still holds, so only its id tells a replay.
   * Ids are forgotten at `expiresAt`, after which the timestamp check refuses the replay instead.
   */
  claimInteraction(id: string, expiresAt: number): boolean {
    this.ctx.storage.sql.exec("DELETE FROM seen_interactions WHERE expires_at < ?", Date.now());
    return (
      this.ctx.storage.sql.exec("INSERT OR IGNORE INTO seen_interactions (id, expires_at) VALUES (?, ?)", id, expiresAt).rowsWritten > 0
    );
  }

  /** The identity's account, created on first contact. `created` is true only that first time. */
  resolve(): { accountId: string; created: boolean } {
    const current = this.current();
    if (current) return { accountId: current, created: false };
    const accountId = randomId("acc");
    this.ctx.storage.sql.exec("INSERT INTO link (account_id, linked_at) VALUES (?, ?)", accountId, new Date().toISOString());
    return { accountId, created: true };
  }

  /** The account, or null if this identity has never been seen. */
  current(): string | null {
    return this.ctx.storage.sql.exec<{ account_id: string }>("SELECT account_id FROM link LIMIT 1").toArray()[0]?.account_id ?? null;
  }

  /** Points the identity at another account (after the user proved they own both). */
  relink(accountId: string): void {
    this.ctx.storage.sql.exec("DELETE FROM link");
    this.ctx.storage.sql.exec("INSERT INTO link (account_id, linked_at) VALUES (?, ?)", accountId, new Date().toISOString());
  }

  /**
   * As a one-time link code (`vincular`), addressed as `link-code:<sha256 of the code>`: holds the
   * account that made the code until it is redeemed once or expires.
   */
  offerCode(accountId: string, expiresAt: number): void {
    this.ctx.storage.sql.exec("DELETE FROM offer");
    this.ctx.storage.sql.exec("INSERT INTO offer (account_id, expires_at) VALUES (?, ?)", accountId, expiresAt);
  }

  /** Redeems the code: its account if it was valid, then never again. */
  takeCode(): string | null {
    const row = this.ctx.storage.sql
      .exec<{ account_id: string; expires_at: number }>("DELETE FROM offer RETURNING account_id, expires_at")
      .toArray()[0];
    return row && row.expires_at >= Date.now() ? row.account_id : null;
  }
}
