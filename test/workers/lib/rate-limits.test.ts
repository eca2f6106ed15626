import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../workers/app";
import { clientKey } from "../../../workers/lib/client-ip";
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

describe("whose budget a request spends", () => {
  const key = (ip?: string) => clientKey(new Headers(ip === undefined ? {} : { "cf-connecting-ip": ip }));

  it("keys on CF-Connecting-IP, an IPv6 address by its /64, and one shared bucket without it", () => {
    expect(key("198.51.100.7")).toBe("198.51.100.7");
    expect(key("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(key("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(key("::1")).toBe("0:0:0:0::/64");
    expect(key("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(key()).toBe("unknown");
    expect(key("")).toBe("unknown");
  });

  it("gives one IPv6 /64 one budget, however many of its addresses a client uses", async () => {
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await app.request("/api/projects", fromIp(`${net}::${i}`), tight)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
