import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProjectView } from "../../../shared/protocol";
import { DISCORD_COMMANDS } from "../../../workers/chat/discord-commands";
import { call } from "../../helpers/api";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";

type Body = { content?: string; flags?: number };
const bodyOf = (c: { body: unknown }): Body => (typeof c.body === "object" && c.body !== null ? c.body : {});
const textOf = (c: { body: unknown }) => String(typeof c.body === "object" && c.body !== null ? Reflect.get(c.body, "text") : "");

let counter = 0;
const unique = () => `${Date.now() % 1_000_000}${++counter}`;

async function latest(identity: string): Promise<ProjectView | undefined> {
  const accountId = await env.IDENTITIES.getByName(identity).current();
  if (!accountId) return undefined;
  const [ref] = await env.ACCOUNTS.getByName(accountId).listProjects(1);
  return ref ? (await env.PROJECTS.getByName(ref.id).read())?.view : undefined;
}

/** A blueprint run costs about 30 credits and the trial is 100: these users get a few more runs. */
async function topUp(identity: string): Promise<void> {
  const accountId = await env.IDENTITIES.getByName(identity).current();
  if (!accountId) throw new Error(`no account for ${identity}`);
  await env.ACCOUNTS.getByName(accountId).adjust(`test-top-up-${identity}`, 200, "test top-up");
}

async function until(identity: string, done: (view: ProjectView) => boolean): Promise<ProjectView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const view = await latest(identity);
    if (view && done(view)) return view;
    if (Date.now() > deadline) throw new Error(`project still ${view?.status}: ${JSON.stringify(view?.error ?? view?.steps)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("Discord follow-ups", () => {
  it("registers /cambiar, /arreglar and /explicar with their text and an optional project", () => {
    const byName = new Map(DISCORD_COMMANDS.map((command) => [command.name, command]));
    for (const [name, option] of [
      ["cambiar", "instruccion"],
      ["arreglar", "problema"],
      ["explicar", "pregunta"],
    ] as const) {
      const options = byName.get(name)?.options ?? [];
      expect(options.map((o) => [o.name, o.required])).toEqual([
        [option, true],
        ["proyecto", false],
      ]);
    }
  });

  it("/cambiar changes the latest project and edits its message to the result; /explicar answers", { timeout: 60_000 }, async () => {
    const userId = `u${unique()}`;
    const identity = `discord:${userId}`;
    await signedInteraction(interaction("crear", { idea: "Una app de reservas para mi peluquería", modelo: "blueprint" }, { userId }));
    await until(identity, (view) => view.status === "completed");

    const change = interaction("cambiar", { instruccion: "añade un campo teléfono a los servicios" }, { userId });
    expect(await (await signedInteraction(change)).json()).toEqual({ type: 5 });
    const edits = await waitForCalls(
      (c) => c.path.includes(`/webhooks/app123/${change.token}/messages/@original`),
      (calls) => calls.some((c) => bodyOf(c).content?.includes("cambiado") ?? false),
    );
    expect(bodyOf(edits.at(-1) ?? { body: null }).content).toMatch(
      /^✅ «.*» cambiado: 3 archivos\.\n+✅ Arquitecto\n✅ Editor\n✅ Seguridad\n+Clónalo con git:\ngit clone http:\/\/autocrea:[0-9a-f]+@/,
    );
    const edited = await until(identity, (view) => view.runs.length === 2 && view.status === "completed");
    expect(edited.runs.map((r) => [r.kind, r.status])).toEqual([
      ["generate", "completed"],
      ["edit", "completed"],
    ]);

    const ask = interaction("explicar", { pregunta: "¿cómo se guardan las reservas?", proyecto: edited.id }, { userId });
    expect(await (await signedInteraction(ask)).json()).toEqual({ type: 5 });
    const answers = await waitForCalls(
      (c) => c.path.includes(`/${ask.token}/messages/@original`),
      (calls) => calls.some((c) => bodyOf(c).content?.includes("Archivos citados") ?? false),
    );
    const answer = bodyOf(answers.at(-1) ?? { body: null }).content ?? "";
    expect(answer).toMatch(/^💬 Sobre «.*»:/);
    expect(answer).toContain("`src/store.js`");
  });

  it("answers privately what the offline model cannot change, and a missing instruction", async () => {
    const userId = `u${unique()}`;
    await signedInteraction(interaction("crear", { idea: "app de tareas", modelo: "blueprint" }, { userId }));
    await until(`discord:${userId}`, (view) => view.status === "completed");
    const refused = await (await signedInteraction(interaction("cambiar", { instruccion: "pon los botones en azul" }, { userId }))).json();
    expect(refused).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("solo hace estos cambios") } });
    const empty = await (await signedInteraction(interaction("arreglar", { problema: " " }, { userId }))).json();
    expect(empty).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("/arreglar") } });
  });
});

function update(text: string, opts: { chatId: number; replyTo?: number; messageId?: number }) {
  const command = /^\/\S+/.exec(text)?.[0] ?? "";
  return {
    update_id: Number(unique()),
    message: {
      message_id: opts.messageId ?? Number(unique()),
      date: Math.floor(Date.now() / 1000),
      chat: { id: opts.chatId, type: "private", first_name: "Ana" },
      from: { id: opts.chatId, is_bot: false, first_name: "Ana", language_code: "es" },
      text,
      entities: command ? [{ type: "bot_command", offset: 0, length: command.length }] : [],
      ...(opts.replyTo
        ? {
            reply_to_message: {
              message_id: opts.replyTo,
              date: Math.floor(Date.now() / 1000),
              chat: { id: opts.chatId, type: "private", first_name: "Ana" },
              from: { id: 123456, is_bot: true, first_name: "AUTOCREA", username: "autocrea_bot" },
              text: "✅ listo",
            },
          }
        : {}),
    },
  };
}

const deliver = (body: unknown) =>
  call("/telegram/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test-telegram-secret" },
    body: JSON.stringify(body),
  });

const forChat = (chatId: number, method: string) => (c: { path: string; body: unknown }) =>
  c.path.endsWith(`/${method}`) && typeof c.body === "object" && c.body !== null && Reflect.get(c.body, "chat_id") === chatId;

describe("Telegram follow-ups", () => {
  it("/cambiar edits the latest project in a new status message; a reply to a project's message changes that project", {
    timeout: 90_000,
  }, async () => {
    const chatId = Number(`7${unique()}`);
    const identity = `telegram:${chatId}`;
    await deliver(update("/crear Una app de reservas para mi peluquería\nmodelo: blueprint", { chatId }));
    await until(identity, (view) => view.status === "completed");
    await topUp(identity);
    // The status message's id, as the bot's edits of it name it.
    const [edit] = await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.length >= 1);
    const statusMessage = Number(Reflect.get(Object(edit?.body), "message_id"));

    await deliver(update("/cambiar renombra la app a Peluquería Ana", { chatId }));
    const sent = await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.length === 2);
    expect(textOf(sent[1] ?? { body: null })).toContain("✏️ Cambiando");
    await until(identity, (view) => view.runs.length === 2 && view.status === "completed");
    const edits = await waitForCalls(forChat(chatId, "editMessageText"), (calls) => calls.some((c) => textOf(c).includes("cambiado")));
    expect(textOf(edits.find((c) => textOf(c).includes("cambiado")) ?? { body: null })).toContain("«Peluquería Ana» cambiado: 7 archivos.");

    // Plain text in reply to the first status message: a change to that project.
    await deliver(update("añade un campo teléfono a los servicios", { chatId, replyTo: statusMessage }));
    await waitForCalls(forChat(chatId, "sendMessage"), (calls) => calls.length === 3);
    const view = await until(identity, (v) => v.runs.length === 3 && v.status === "completed");
    expect(view.runs.map((r) => [r.kind, r.changed])).toEqual([
      ["generate", view.runs[0]?.changed ?? -1],
      ["edit", 7],
      ["edit", 3],
    ]);
  });

  it("/explicar answers in the chat, and /arreglar on the offline model says what it can do", { timeout: 60_000 }, async () => {
    const chatId = Number(`7${unique()}`);
    const identity = `telegram:${chatId}`;
    await deliver(update("/crear an online store for handmade candles\nmodel: blueprint", { chatId }));
    await until(identity, (view) => view.status === "completed");
    await deliver(update("/explicar where are the candles stored?", { chatId }));
    const explained = await until(identity, (view) => view.runs.length === 2 && (view.status === "completed" || view.status === "failed"));
    expect(explained.answer?.cited).toContain("src/store.js");
    const edits = await waitForCalls(forChat(chatId, "editMessageText"), (calls) =>
      calls.some((c) => textOf(c).includes("Archivos citados")),
    );
    expect(textOf(edits.find((c) => textOf(c).includes("Archivos citados")) ?? { body: null })).toContain("src/store.js");
    await deliver(update("/arreglar la lista de velas no se actualiza al guardar una", { chatId }));
    const replies = await waitForCalls(forChat(chatId, "sendMessage"), (calls) =>
      calls.some((c) => textOf(c).includes("solo hace estos cambios")),
    );
    expect(replies.length).toBeGreaterThan(0);
  });
});

describe("Telegram follow-ups, redelivered", () => {
  it("starts one run however often Telegram delivers the same /cambiar", { timeout: 60_000 }, async () => {
    const chatId = Number(`7${unique()}`);
    const identity = `telegram:${chatId}`;
    await deliver(update("/crear app de tareas\nmodelo: blueprint", { chatId }));
    await until(identity, (view) => view.status === "completed");
    const body = update("/cambiar renombra la app a Tareas del equipo", { chatId });
    const results = await Promise.all([deliver(body), deliver(body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const view = await until(identity, (v) => v.runs.length >= 2 && v.status === "completed");
    expect(view.name).toBe("Tareas del equipo");
    // Once that run has finished, a late redelivery would find nothing in its way: it must still not run.
    expect((await deliver(body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect((await latest(identity))?.runs.map((r) => r.kind)).toEqual(["generate", "edit"]);
  });
});
