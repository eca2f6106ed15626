import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../workers/app";
import { createCheckout } from "../../../workers/billing/checkout";
import { getCatalog } from "../../../workers/billing/catalog";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { deliver, stripeEvent, stripeRequests } from "../../helpers/stripe";

describe("GET /api/billing/catalog", () => {
  it("lists the configured packs and plans", async () => {
    const { auth } = await newSession();
    const res = await call("/api/billing/catalog", { headers: auth });
    expect(res.status).toBe(200);
    const catalog = (await res.json()) as ReturnType<typeof getCatalog>;
    expect(catalog).toEqual(getCatalog(env));
    expect(catalog.packs.map((p) => p.id)).toEqual(["small", "medium", "large"]);
    expect(catalog.plans.map((p) => [p.id, p.interval])).toEqual([
      ["basic", "month"],
      ["pro", "month"],
    ]);
    for (const item of [...catalog.packs, ...catalog.plans]) {
      expect(item.credits).toBeGreaterThan(0);
      expect(item.price).toBeGreaterThan(0);
    }
    expect(catalog.payments).toEqual({ enabled: true });
  });

  it("names every offer in Spanish and English, one name serving both when only one is set", async () => {
    const catalog = getCatalog(env);
    expect(catalog.packs[0]).toMatchObject({ name: "100 créditos", names: { es: "100 créditos", en: "100 credits" } });
    expect(catalog.plans.map((p) => p.names)).toEqual([
      { es: "Básico", en: "Basic" },
      { es: "Pro", en: "Pro" },
    ]);
  });

  it("says payments are off when no Stripe key is set, so front-ends need not offer buttons that fail", async () => {
    const { auth } = await newSession();
    const res = await app.request("/api/billing/catalog", { headers: auth }, { ...env, STRIPE_SECRET_KEY: undefined });
    expect(((await res.json()) as ReturnType<typeof getCatalog>).payments).toEqual({ enabled: false, reason: "not_configured" });
  });
});

describe("POST /api/billing/checkout against a fake Stripe", () => {
  it("opens a payment-mode session for a pack, tied to the account", async () => {
    const { auth, accountId } = await newSession();
    const res = await postJson("/api/billing/checkout", { pack: "medium" }, auth);
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_\d+$/);
    const sent = (await stripeRequests()).filter((r) => r.form.client_reference_id === accountId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.form["line_items[0][price_data][product_data][name]"]).toBe("500 créditos");
    expect(sent[0]).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", authorization: "Bearer sk_test_autocrea" });
    expect(sent[0]?.form).toMatchObject({
      mode: "payment",
      "metadata[account_id]": accountId,
      "metadata[pack]": "medium",
      "metadata[credits]": "500",
      "payment_intent_data[metadata][account_id]": accountId,
      "payment_intent_data[metadata][pack]": "medium",
      customer_creation: "always",
      "line_items[0][price_data][unit_amount]": "2000",
      "line_items[0][price_data][currency]": "eur",
    });
  });

  it("opens a subscription-mode session for a plan whose subscription names the account", async () => {
    const { accountId } = await newSession();
    const url = await createCheckout(env, accountId, { plan: "pro" });
    expect(url).toContain("cs_test_");
    const [sent] = (await stripeRequests()).filter((r) => r.form.client_reference_id === accountId);
    expect(sent?.form).toMatchObject({
      mode: "subscription",
      "metadata[plan]": "pro",
      "subscription_data[metadata][account_id]": accountId,
      "subscription_data[metadata][plan]": "pro",
      "line_items[0][price_data][recurring][interval]": "month",
    });
  });

  it("uses a configured Stripe Price, and answers 502 when Stripe refuses it", async () => {
    const { auth, accountId } = await newSession();
    const packs = JSON.stringify([
      { id: "ok", name: "OK", credits: 10, price: 100, currency: "eur", stripePrice: "price_ok_1" },
      { id: "gone", name: "Gone", credits: 10, price: 100, currency: "eur", stripePrice: "price_deleted" },
    ]);
    const withPrices = { ...env, BILLING_PACKS: packs };
    const ok = await app.request(
      "/api/billing/checkout",
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"pack":"ok"}' },
      withPrices,
    );
    expect(ok.status).toBe(200);
    const [sent] = (await stripeRequests()).filter((r) => r.form.client_reference_id === accountId);
    expect(sent?.form["line_items[0][price]"]).toBe("price_ok_1");
    const refused = await app.request(
      "/api/billing/checkout",
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"pack":"gone"}' },
      withPrices,
    );
    expect(refused.status).toBe(502);
    const body = (await refused.json()) as ErrorJson;
    expect(body.error.code).toBe("payment_provider_error");
    expect(body.error.message).not.toContain("price_deleted");
  });

  it.each([
    [{ pack: "nope" }, 400, "pack"],
    [{ plan: "enterprise" }, 400, "plan"],
    [{}, 400, undefined],
    [{ pack: "small", plan: "basic" }, 400, undefined],
  ])("%j -> %i", async (body, status, field) => {
    const { auth } = await newSession();
    const res = await postJson("/api/billing/checkout", body, auth);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorJson).error.field).toBe(field);
  });

  it("answers 503 when payments are not configured", async () => {
    const { auth } = await newSession();
    const res = await app.request(
      "/api/billing/checkout",
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"pack":"small"}' },
      { ...env, STRIPE_SECRET_KEY: undefined },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorJson).error.code).toBe("billing_unavailable");
  });
});

describe("POST /api/billing/portal", () => {
  it("needs a first purchase, then opens the customer's portal and reuses the customer at Checkout", async () => {
    const { auth, accountId } = await newSession();
    const before = await postJson("/api/billing/portal", {}, auth);
    expect(before.status).toBe(409);
    expect(((await before.json()) as ErrorJson).error.code).toBe("no_customer");

    const customer = `cus_${crypto.randomUUID().slice(0, 8)}`;
    await deliver(
      stripeEvent("checkout.session.completed", {
        id: `cs_test_${crypto.randomUUID()}`,
        mode: "payment",
        payment_status: "paid",
        client_reference_id: accountId,
        customer,
        metadata: { account_id: accountId, pack: "small", credits: "100" },
      }),
    );
    const res = await postJson("/api/billing/portal", {}, auth);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_\d+$/);
    const portal = (await stripeRequests()).filter((r) => r.path === "/v1/billing_portal/sessions" && r.form.customer === customer);
    expect(portal).toHaveLength(1);
    expect(portal[0]?.form.return_url).toBe("http://127.0.0.1:8787/");

    await postJson("/api/billing/checkout", { pack: "small" }, auth);
    const [again] = (await stripeRequests()).filter((r) => r.path === "/v1/checkout/sessions" && r.form.client_reference_id === accountId);
    expect(again?.form.customer).toBe(customer);
    expect(again?.form.customer_creation).toBeUndefined();
  });
});
