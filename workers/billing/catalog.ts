import type { Locale } from "../../shared/locale";
import { billingConfig, billingSecrets } from "./config";
import type { Pack, Plan } from "./config";

/** An offer's name in each language the front-ends speak. */
export type OfferNames = Record<Locale, string>;

/**
 * What can be bought: credit packs (one payment) and monthly plans (credits granted each paid
 * month). Configuration (BILLING_PACKS, BILLING_PLANS), so prices change without a deploy of code.
 * `payments` says whether buying works here at all, so front-ends can say so instead of offering
 * buttons that fail.
 */
export interface Catalog {
  packs: Array<{ id: string; name: string; names: OfferNames; credits: number; price: number; currency: string }>;
  plans: Array<{ id: Plan["id"]; name: string; names: OfferNames; credits: number; price: number; currency: string; interval: "month" }>;
  payments: { enabled: true } | { enabled: false; reason: "not_configured" };
}

export function getCatalog(env: Env): Catalog {
  const config = billingConfig(env);
  return {
    packs: config.BILLING_PACKS.map(({ id, name, credits, price, currency }) => ({ id, ...named(name), credits, price, currency })),
    plans: config.BILLING_PLANS.map(({ id, name, credits, price, currency }) => ({
      id,
      ...named(name),
      credits,
      price,
      currency,
      interval: "month",
    })),
    payments: billingSecrets(env).STRIPE_SECRET_KEY ? { enabled: true } : { enabled: false, reason: "not_configured" },
  };
}

/** A configured name as one per language: a single name serves both. */
export function offerNames(name: Pack["name"]): OfferNames {
  return typeof name === "string" ? { es: name, en: name } : name;
}

/** `name` stays the Spanish one, as clients written before `names` read it. */
function named(name: Pack["name"]): { name: string; names: OfferNames } {
  const names = offerNames(name);
  return { name: names.es, names };
}

/** A plan's display name in `locale`, or its id when the catalog no longer sells it. */
export function planName(env: Env, id: string, locale: Locale = "es"): string {
  return getCatalog(env).plans.find((p) => p.id === id)?.names[locale] ?? id;
}

export function findPack(env: Env, id: string): Pack | undefined {
  return billingConfig(env).BILLING_PACKS.find((pack) => pack.id === id);
}

export function findPlan(env: Env, id: string): Plan | undefined {
  return billingConfig(env).BILLING_PLANS.find((plan) => plan.id === id);
}
