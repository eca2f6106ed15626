/**
 * The account page: credits and plan, buy buttons, the bring-your-own model keys, and how to add
 * AUTOCREA to an AI assistant (MCP). Billing is another part of the product; each panel asks its
 * route and hides itself when it answers 404.
 * Keys are write-only: the page sends them and only ever shows the last four characters back.
 */
import * as z from "zod/mini";
import { getOptional, sendJson } from "../api";
import { el, replace } from "../dom";
import { lang, t } from "../i18n";
import { assistantPanel } from "./assistant-panel";
import { errorContent } from "../error-text";

const account = z.object({
  id: z.string(),
  credits: z.number(),
  plan: z.nullable(z.object({ id: z.string(), status: z.string() })),
  keys: z.array(z.object({ provider: z.string(), last4: z.string() })),
  ledger: z.optional(z.object({ entries: z.array(z.unknown()), next: z.nullable(z.number()) })),
});
/** Prices are in the currency's minor unit (cents), as Stripe takes them. */
const offer = z.object({
  id: z.string(),
  name: z.string(),
  names: z.optional(z.object({ es: z.string(), en: z.string() })),
  credits: z.number(),
  price: z.number(),
  currency: z.string(),
});
const catalog = z.object({
  packs: z.array(offer),
  plans: z.array(offer),
  // Servers older than this flag always offered the buttons.
  payments: z.optional(z.object({ enabled: z.boolean() })),
});
type Offer = z.infer<typeof offer>;

/** The offer's name in the reader's language (the catalog carries both). */
const offerName = (o: Offer) => o.names?.[lang()] ?? o.name;

function money(cents: number, currency: string): string {
  return new Intl.NumberFormat(document.documentElement.lang || "es", { style: "currency", currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}
const checkout = z.object({ url: z.string() });

const PROVIDERS = [
  { id: "openai", label: "OpenAI" },
  { id: "anthropic", label: "Anthropic" },
  // Not a model: the token GitHub exports push with (repository write access).
  { id: "github", label: "GitHub" },
] as const;

/** How a Stripe Checkout ended, from `/?checkout=…` on the way back. */
export type CheckoutReturn = "success" | "cancelled";

/** Stripe's webhook credits the account a moment after the redirect: read the credits again then. */
export const CHECKOUT_REFRESH_MS = 4000;

/**
 * `returned` shows the notice; `refresh` (the first render only, not a language switch) reads the
 * credits once more after the webhook had time to land.
 */
export function accountPage(root: HTMLElement, returned?: CheckoutReturn, refresh = false): void {
  const notice = returned
    ? el(
        "p",
        { class: "panel notice", id: "checkout-notice", role: "status" },
        t(returned === "success" ? "checkoutSuccess" : "checkoutCancelled"),
      )
    : null;
  const summary = el("section", { class: "panel", id: "account-summary", hidden: true });
  const shop = el("section", { class: "panel", id: "account-shop", hidden: true });
  const keys = el("section", { class: "panel", id: "account-keys", hidden: true });
  const missing = el("p", { class: "panel", id: "account-missing", hidden: true }, t("unavailable"));
  replace(root, el("h1", {}, t("account")), notice, missing, summary, shop, keys, assistantPanel());
  void load();
  if (returned === "success" && refresh) {
    window.setTimeout(() => {
      if (summary.isConnected) void load();
    }, CHECKOUT_REFRESH_MS);
  }

  async function load(): Promise<void> {
    try {
      const [me, offers] = await Promise.all([getOptional("/api/account"), getOptional("/api/billing/catalog")]);
      const parsed = me === null ? null : account.parse(me);
      const shopOffer = offers === null ? null : catalog.parse(offers);
      if (parsed) {
        const planOffer = shopOffer?.plans.find((p) => p.id === parsed.plan?.id);
        summary.hidden = false;
        replace(
          summary,
          el("h2", {}, t("credits")),
          el("p", { class: "credits", id: "credits" }, String(parsed.credits)),
          el("h2", {}, t("plan")),
          el(
            "p",
            { id: "plan" },
            parsed.plan ? `${planOffer ? offerName(planOffer) : parsed.plan.id} (${parsed.plan.status})` : t("noPlan"),
          ),
        );
        keys.hidden = false;
        renderKeys(keys, parsed.keys);
      }
      if (shopOffer !== null) {
        shop.hidden = false;
        renderShop(shop, shopOffer);
      }
      missing.hidden = parsed !== null || offers !== null;
    } catch (err) {
      missing.hidden = false;
      replace(missing, ...errorContent(err));
    }
  }

  /**
   * The offers; when the server says payments are off, the buttons stay visible but disabled,
   * with the reason beside them, instead of failing when pressed. A failed purchase is said
   * under the offers, which stay.
   */
  function renderShop(panel: HTMLElement, shopOffer: z.infer<typeof catalog>): void {
    const enabled = shopOffer.payments?.enabled ?? true;
    const status = el("p", { role: "status", id: "shop-status", class: "hint" }, enabled ? "" : t("paymentsOff"));
    const button = (label: string, body: { pack: string } | { plan: string }) =>
      el(
        "button",
        {
          type: "button",
          disabled: !enabled,
          "aria-describedby": enabled ? undefined : "shop-status",
          onclick: () => void buy(body, status),
        },
        label,
      );
    replace(
      panel,
      el("h2", {}, t("buyPack")),
      status,
      el(
        "ul",
        { class: "offers" },
        ...shopOffer.packs.map((p) => el("li", {}, `${offerName(p)} · ${money(p.price, p.currency)} `, button(t("buy"), { pack: p.id }))),
      ),
      shopOffer.plans.length > 0 ? el("h2", {}, t("plan")) : null,
      el(
        "ul",
        { class: "offers" },
        ...shopOffer.plans.map((p) =>
          el(
            "li",
            {},
            `${offerName(p)} · ${p.credits} ${t("credits").toLowerCase()} · ${money(p.price, p.currency)} `,
            button(t("subscribe"), { plan: p.id }),
          ),
        ),
      ),
    );
  }

  async function buy(body: { pack: string } | { plan: string }, status: HTMLElement): Promise<void> {
    try {
      replace(status);
      const { url } = checkout.parse(await sendJson("POST", "/api/billing/checkout", body));
      // Only a real web page may take the user away (the payment provider's checkout).
      if (new URL(url, location.href).protocol === "https:" || new URL(url, location.href).origin === location.origin) location.assign(url);
    } catch (err) {
      status.setAttribute("role", "alert");
      replace(status, ...errorContent(err));
    }
  }

  function renderKeys(panel: HTMLElement, stored: Array<{ provider: string; last4: string }>): void {
    replace(
      panel,
      el("h2", {}, t("keys")),
      el("p", { class: "hint" }, t("keysHelp")),
      ...PROVIDERS.map(({ id, label }) => {
        const current = stored.find((k) => k.provider === id);
        const input = el("input", { id: `key-${id}`, type: "password", autocomplete: "off", spellcheck: "false", name: `key-${id}` });
        const state = el("span", { class: "key-state", role: "status" }, current ? `${t("keyStored")} …${current.last4}` : t("keyNone"));
        const form = el(
          "form",
          { class: "key-form" },
          el("label", { for: `key-${id}` }, label),
          input,
          el("button", { type: "submit" }, t("save")),
          current ? el("button", { type: "button", class: "danger", onclick: () => void remove(id, state) }, t("remove")) : null,
          state,
        );
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          void save(id, input, state);
        });
        return form;
      }),
    );
  }

  async function save(provider: string, input: HTMLInputElement, state: HTMLElement): Promise<void> {
    if (input.value.trim() === "") return;
    try {
      await sendJson("PUT", `/api/account/keys/${provider}`, { apiKey: input.value.trim() });
      // Write-only: the field empties at once, the key never comes back to the page.
      input.value = "";
      replace(state, t("saved"));
      void load();
    } catch (err) {
      input.value = "";
      replace(state, ...errorContent(err));
    }
  }

  async function remove(provider: string, state: HTMLElement): Promise<void> {
    try {
      await sendJson("DELETE", `/api/account/keys/${provider}`);
      void load();
    } catch (err) {
      replace(state, ...errorContent(err));
    }
  }
}
