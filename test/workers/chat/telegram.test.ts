import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProjectView } from "../../../shared/protocol";
import { call } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { fakeCalls, waitForCalls } from "../../helpers/chat";

let counter = 0;
const unique = () => `${Date.now() % 1_000_000}${++counter}`;

function update(text: string, opts: { chatId: number; userId?: number; lang?: string; group?: boolean; updateId?: number }) {
  const command = /^\/\S+/.exec(text)?.[0] ?? "";
  return {
    update_id: opts.updateId ?? Number(unique()),
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: opts.group ? { id: opts.chatId, type: "group", title: "Equipo" } : { id: opts.chatId, type: "private", first_name: "Ana" },
      from: { id: opts.userId ?? opts.chatId, is_bot: false, first_name: "Ana", language_code: opts.lang ?? "es" },
      text,
      entities: command ? [{ type: "bot_command", offset: 0, length: command.length }] : [],
    },
  };
}

function deliver(body: unknown, secret = "test-telegram-secret"): Promise<Response> {
  return call("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(body),
  });
}

const forChat = (chatId: number, method: string) => (c: { path: string; body: unknown }) =>
  c.path.endsWith(`/${method}`) && typeof c.body === "object" && c.body !== null && Reflect.get(c.body, "chat_id") === chatId;
const textOf = (c: { body: unknown }) => String(typeof c.body === "object" && c.body !== null ? Reflect.get(c.body, "text") : "");

async function projectsOf(userId: number): Promise<ProjectView[]> {
  const accountId = await env.IDENTITIES.getByName(`telegram:${userId}`).current();
  if (!accountId) return [];
  const refs = await env.ACCOUNTS.getByName(accountId).listProjects(10);
  const views = await Promise.all(refs.map(async (r) => (await env.PROJECTS.getByName(r.id).read())?.view));
  return views.filter((v): v is ProjectView => v !== undefined);
}

describe("Telegram webhook", () => {
  it("answers a wrong secret token with 401 and does nothing", async () => {
    const chatId = Number(unique());
    const res = await deliver(update("/crear una app de tareas", { chatId }), "wrong");
    expect(res.status).toBe(401);
    expect((await fakeCalls()).filter(forChat(chatId, "sendMessage"))).toHaveLength(0);
    expect(await env.IDENTITIES.getByName(`telegram:${chatId}`).current()).toBeNull();
  });

  it("answers malformed JSON with the right secret with 400, which Telegram does not retry", async () => {
    const post = (body: string, secret = "test-telegram-secret") =>
      call("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body,
      });
    for (const body of ['{"update_id": 1, "message": {', "", "42", "[]"]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe("invalid_json");
    }
    // The secret is checked first: without it, even garbage gets 401.
    expect((await post("{", "wrong")).status).toBe(401);
    // A body far past any update is refused unread.
    expect((await post(`{"update_id":1,"x":"${"x".repeat(300 * 1024)}"}`)).status).toBe(413);
  });

  it("replies to /crear with one status message and edits it to the result", async () => {
    const chatId = Number(unique());
    expect((await deliver(update("/crear una app de recetas", { chatId }))).status).toBe(200);
    const [sent] = await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.length === 1);
    expect(textOf(sent ?? { body: null })).toContain("Construyendo");
    const edits = await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.some((c) => textOf(c).includes("listo")));
    const texts = [textOf(sent ?? { body: null }), ...edits.map(textOf)];
    for (const [i, text] of texts.entries()) expect(text).not.toBe(texts[i - 1]);
    // A local stack's links are not allowed as Telegram buttons: they go into the text.
    expect(texts.at(-1)).toMatch(/Descargar ZIP: http:\/\/127\.0\.0\.1:8787\/dl\/prj_[a-z2-9]{20}#[0-9a-f]{48}/);
    // The clone command, with a token that opens the repository; /estado shows the same one.
    const clone = /Clónalo con git:\ngit clone (http:\/\/autocrea:[0-9a-f]{48}@[^/\s]+\/git\/prj_[a-z2-9]{20}\.git)/.exec(
      texts.at(-1) ?? "",
    );
    const url = new URL(clone?.[1] ?? "http://missing/");
    const refs = await call(`${url.pathname}/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${btoa(`${url.username}:${url.password}`)}` },
    });
    expect(refs.status).toBe(200);
    await deliver(update("/estado", { chatId }));
    const estado = await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.some((c) => textOf(c).includes("git clone")));
    expect(estado.map(textOf).find((t) => t.includes("git clone"))).toContain(`git clone ${clone?.[1]}`);
    expect(
      edits.every(
        (c) => Reflect.get(Object(c.body), "message_id") === 1000 || typeof Reflect.get(Object(c.body), "message_id") === "number",
      ),
    ).toBe(true);
  });

  it("starts one project however often Telegram redelivers the same update", async () => {
    const chatId = Number(unique());
    const body = update("/crear una app de gastos", { chatId });
    const results = await Promise.all([deliver(body), deliver(body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await deliver(body)).status).toBe(200);
    await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect((await fakeCalls()).filter(forChat(chatId, "sendMessage"))).toHaveLength(1);
    expect(await projectsOf(chatId)).toHaveLength(1);
  });

  it("works in groups with /crear@botname and speaks English to English clients", async () => {
    const chatId = -Number(unique());
    const userId = Number(unique());
    await deliver(update("/crear@autocrea_bot a habit tracker", { chatId, userId, group: true, lang: "en-GB" }));
    const edits = await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.some((c) => textOf(c).includes("is ready")));
    expect(textOf(edits.at(-1) ?? { body: null })).toContain("Download ZIP:");
    expect(await projectsOf(userId)).toHaveLength(1);
  });

  it("waits out a 429 for as long as retry_after says", async () => {
    const chatId = Number(`429${unique()}`);
    await deliver(update("/crear una app de biblioteca", { chatId }));
    const edits = await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.some((c) => textOf(c).includes("listo")));
    const [limited, retried] = edits;
    expect(retried && limited ? retried.at - limited.at : 0).toBeGreaterThanOrEqual(1_000);
  });

  it("never lets a gone chat fail the generation", async () => {
    const chatId = Number(`403${unique()}`);
    await deliver(update("/crear una app de citas médicas", { chatId }));
    await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.length >= 1);
    const deadline = Date.now() + 15_000;
    while ((await projectsOf(chatId))[0]?.status !== "completed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await projectsOf(chatId))[0]?.status).toBe("completed");
    await new Promise((r) => setTimeout(r, 1_500));
    // One refused edit, then the chat is left alone.
    expect((await fakeCalls()).filter(forChat(chatId, "editMessageText"))).toHaveLength(1);
  });

  it("sends the console link privately when asked in a group", async () => {
    const chatId = -Number(unique());
    const userId = Number(unique());
    await deliver(update("/consola@autocrea_bot", { chatId, userId, group: true }));
    const [dm] = await waitForCalls(forChat(userId, "sendMessage"), (calls) => calls.length === 1);
    expect(textOf(dm ?? { body: null })).toMatch(/\/auth\/console\?code=acc_/);
    const [notice] = await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.length === 1);
    expect(textOf(notice ?? { body: null })).toContain("privado");
  });
});
