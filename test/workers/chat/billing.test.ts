import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../helpers/api";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";

type Answer = {
  type: number;
  data: { content: string; flags?: number; components?: Array<{ components: Array<{ label: string; url: string }> }> };
};
const ask = async (name: string, options: Record<string, string>, userId: string, locale?: string): Promise<Answer> =>
  (await signedInteraction(interaction(name, options, { userId, ...(locale ? { locale } : {}) }))).json();

let n = 0;
const uniqueId = () => `${Date.now() % 1_000_000}${++n}`;

function telegram(text: string, userId: number) {
  const command = /^\/\S+/.exec(text)?.[0] ?? "";
  return call("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test-telegram-secret" },
    body: JSON.stringify({
      update_id: Number(uniqueId()),
      message: {
        message_id: 1,
        date: 0,
        text,
        chat: { id: userId, type: "private", first_name: "Ana" },
        from: { id: userId, is_bot: false, first_name: "Ana", language_code: "es" },
        entities: [{ type: "bot_command", offset: 0, length: command.length }],
      },
    }),
  });
}

describe("the bots' account commands", () => {
  it("saldo shows the trial credits, once granted on first contact", async () => {
    const userId = `u${uniqueId()}`;
    const first = await ask("saldo", {}, userId);
    expect(first).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(first.data.content).toBe("Tienes 100 créditos. Sin plan de suscripción.");
    expect((await ask("saldo", {}, userId, "en-US")).data.content).toBe("You have 100 credits. No subscription plan.");
  });

  it("comprar answers with a Checkout link for every pack and plan", async () => {
    const answer = await ask("comprar", {}, `u${uniqueId()}`);
    const buttons = answer.data.components?.[0]?.components ?? [];
    expect(buttons.map((b) => b.label)).toEqual([
      "100 créditos · 5 EUR",
      "500 créditos · 20 EUR",
      "1500 créditos · 50 EUR",
      "Básico · 9 EUR/mes",
      "Pro · 29 EUR/mes",
    ]);
    for (const button of buttons) expect(button.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\//);
  });

  it("comprar names packs and plans in the user's language", async () => {
    const answer = await ask("comprar", {}, `u${uniqueId()}`, "en-US");
    const labels = (answer.data.components?.[0]?.components ?? []).map((b) => b.label);
    expect(labels).toEqual([
      "100 credits · 5 EUR",
      "500 credits · 20 EUR",
      "1500 credits · 50 EUR",
      "Basic · 9 EUR/month",
      "Pro · 29 EUR/month",
    ]);
  });

  it("crear without enough credits says how many there are, what a run needs, and where to buy", async () => {
    const userId = `u${uniqueId()}`;
    await ask("saldo", {}, userId);
    const accountId = await env.IDENTITIES.getByName(`discord:${userId}`).current();
    expect(await env.ACCOUNTS.getByName(accountId ?? "").adjust(`test-${userId}`, -90, "test: spend the trial")).toBe(true);
    const answer = await ask("crear", { idea: "una app de facturas" }, userId);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answer.data.content).toBe("No tienes créditos suficientes: tienes 10 y una generación necesita 50.");
    expect(answer.data.components?.[0]?.components[0]).toMatchObject({ label: "Comprar créditos", url: "http://127.0.0.1:8787/#/account" });
  });

  it("vincular links a Telegram chat to a Discord account, with a one-time code", async () => {
    const discordUser = `u${uniqueId()}`;
    const telegramUser = Number(uniqueId());
    const offer = await ask("vincular", {}, discordUser);
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(offer.data.content)?.[0] ?? "";
    expect(code).not.toBe("");

    await telegram(`/vincular ${code}`, telegramUser);
    const isReply = (c: { path: string; body: unknown }) =>
      c.path.endsWith("/sendMessage") && Reflect.get(Object(c.body), "chat_id") === telegramUser;
    const [done] = await waitForCalls(isReply, (calls) => calls.length === 1);
    expect(String(Reflect.get(Object(done?.body), "text"))).toContain("Listo");
    const discordAccount = await env.IDENTITIES.getByName(`discord:${discordUser}`).current();
    expect(await env.IDENTITIES.getByName(`telegram:${telegramUser}`).current()).toBe(discordAccount);

    await telegram(`/vincular ${code}`, telegramUser);
    const replies = await waitForCalls(isReply, (calls) => calls.length === 2);
    expect(String(Reflect.get(Object(replies[1]?.body), "text"))).toContain("no es válido");
  });
});
