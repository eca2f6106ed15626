import { billingConfig } from "./config";
import type { Pack, Plan } from "./config";

/**
 * What can be bought: credit packs (one payment) and monthly plans (credits granted each paid
 * month). Configuration (BILLING_PACKS, BILLING_PLANS), so prices change without a deploy of code.
 */
export interface Catalog {
  packs: Array<{ id: string; name: string; credits: number; price: number; currency: string }>;
  plans: Array<{ id: Plan["id"]; name: string; credits: number; price: number; currency: string; interval: "month" }>;
}

export function getCatalog(env: Env): Catalog {
  const config = billingConfig(env);
  return {
    packs: config.BILLING_PACKS.map(({ id, name, credits, price, currency }) => ({ id, name, credits, price, currency })),
    plans: config.BILLING_PLANS.map(({ id, name, credits, price, currency }) => ({
      id,
      name,
      credits,
      price,
      currency,
      interval: "month",
    })),
  };
}

/** A plan's display name, or its id when the catalog no longer sells it. */
export function planName(env: Env, id: string): string {
  return getCatalog(env).plans.find((p) => p.id === id)?.name ?? id;
}

export function findPack(env: Env, id: string): Pack | undefined {
  return billingConfig(env).BILLING_PACKS.find((pack) => pack.id === id);
}

export function findPlan(env: Env, id: string): Plan | undefined {
  return billingConfig(env).BILLING_PLANS.find((plan) => plan.id === id);
}
