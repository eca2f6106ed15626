import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { billingConfig } from "../billing/config";
import { clientKey } from "./client-ip";
import { apiError } from "./errors";

const MINUTE_MS = 60_000;

/**
 * Requests per minute per client (`clientKey`: CF-Connecting-IP, an IPv6 address by its /64). The
 * public API and the webhooks have separate budgets: Stripe, Discord and Telegram send from few
 * addresses. A limit of 0 turns the check off.
 */
export const limitByIp = (bucket: "api" | "webhook") =>
  createMiddleware<AppEnv>(async (c, next) => {
    const config = billingConfig(c.env);
    const limit = bucket === "api" ? config.RATE_API_PER_MINUTE : config.RATE_WEBHOOK_PER_MINUTE;
    if (limit > 0) {
      const verdict = await c.env.RATE_LIMITER.getByName(`${bucket}:${clientKey(c.req.raw.headers)}`).hit(limit, MINUTE_MS);
      if (!verdict.ok) {
        const message = `too many requests: at most ${limit} a minute from one address; retry in ${verdict.retryAfter} s`;
        throw apiError(429, "rate_limited", message, { reason: "requests", limit, retryAfter: verdict.retryAfter });
      }
    }
    await next();
  });
