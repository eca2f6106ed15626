import { DurableObject } from "cloudflare:workers";
import { migrateOnStart } from "../schema";
import type { Migration } from "../schema";

/**
 * No tables: the counter lives in memory on purpose (see the class). The list exists so that a
 * table added one day arrives as migration 1, applied like every other class's; while it is
 * empty, starting an object only reads (the schema version), and writes nothing.
 */
export const RATE_LIMITER_MIGRATIONS: readonly Migration[] = [];

/**
 * One per rate-limit bucket (`api:<client IP>`, `webhook:<client IP>`): a fixed-window counter
 * kept in memory only. Nothing is written to storage, so a hit costs one RPC and no disk; if the
 * object is evicted the window starts over, which at worst lets a client through early.
 */
export class RateLimiter extends DurableObject<Env> {
  private windowStart = 0;
  private count = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateOnStart(ctx, RATE_LIMITER_MIGRATIONS);
  }

  /** Counts one request. Over `limit` in this window: not ok, and how many seconds until the next. */
  hit(limit: number, windowMs: number): { ok: boolean; retryAfter: number } {
    const now = Date.now();
    const start = now - (now % windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= limit) return { ok: true, retryAfter: 0 };
    return { ok: false, retryAfter: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
  }
}
