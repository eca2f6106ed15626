import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../workers/app";
import type { ErrorJson } from "../../helpers/api";
import { sign, stripeEvent } from "../../helpers/stripe";

/** The suite runs with high per-IP limits (vitest.config.ts); these tests lower them per request. */
const tight = { ...env, RATE_API_PER_MINUTE: "3", RATE_WEBHOOK_PER_MINUTE: "2" };
const fromIp = (ip: string, init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, "cf-connecting-ip": ip } });
const someIp = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}:${crypto.randomUUID().slice(0, 4)}`;

describe("per-IP rate limits", () => {
  it("answers 429 with Retry-After past the API's requests per minute, per address", async () => {
    const ip = someIp();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request("/api/projects", fromIp(ip), tight)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await app.request("/api/projects", fromIp(ip), tight);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as ErrorJson;
    expect(body.error).toMatchObject({ code: "rate_limited" });
    expect(body.error.message).toContain("at most 3 a minute");
    // Another address has its own budget.
    expect((await app.request("/api/projects", fromIp(someIp()), tight)).status).toBe(401);
  });

  it("limits webhooks with their own budget, before verifying anything", async () => {
    const ip = someIp();
    const payload = stripeEvent("payment_intent.created", { id: "pi_1" });
    const post = async () =>
      app.request(
        "/stripe/webhook",
        fromIp(ip, { method: "POST", headers: { "stripe-signature": await sign(payload) }, body: payload }),
        tight,
      );
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // The API budget of the same address is untouched.
    expect((await app.request("/api/projects", fromIp(ip), tight)).status).toBe(401);
  });
});
