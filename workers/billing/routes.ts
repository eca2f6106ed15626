import { Hono } from "hono";
import Stripe from "stripe";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { getCatalog } from "./catalog";
import { NoCustomerError, UnknownItemError, createCheckout, createPortal } from "./checkout";
import { BillingUnavailableError } from "./stripe-client";
import { readJson } from "../lib/body";
import { apiError } from "../lib/errors";
import { log } from "../lib/log";
import { requireAccount } from "../api/auth";

const checkoutSchema = z.union([z.strictObject({ pack: z.string().min(1).max(32) }), z.strictObject({ plan: z.string().min(1).max(32) })], {
  error: "give either a pack or a plan",
});

/** `/api/billing`: the catalog, Checkout for packs and plans, and the Customer Portal. */
export const billing = new Hono<AppEnv>();

billing.use("*", requireAccount);

billing.get("/catalog", (c) => c.json(getCatalog(c.env)));

billing.post("/checkout", async (c) => {
  const item = await readJson(c, checkoutSchema);
  const url = await stripeCall(() => createCheckout(c.env, c.get("accountId"), item));
  return c.json({ url });
});

billing.post("/portal", async (c) => {
  const url = await stripeCall(() => createPortal(c.env, c.get("accountId")));
  return c.json({ url });
});

/** Domain errors as HTTP. Stripe's own errors are logged, never passed on: they may name our settings. */
async function stripeCall(call: () => Promise<string>): Promise<string> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof UnknownItemError) throw apiError(400, "invalid_request", `${err.field}: ${err.message}`, { field: err.field });
    if (err instanceof NoCustomerError) throw apiError(409, "no_customer", err.message);
    if (err instanceof BillingUnavailableError) throw apiError(503, "billing_unavailable", err.message);
    if (err instanceof Stripe.errors.StripeError) {
      log("stripe.call", { outcome: "error", code: err.code ?? err.type, status: err.statusCode });
      throw apiError(502, "payment_provider_error", "the payment provider refused the request; try again later");
    }
    throw err;
  }
}
