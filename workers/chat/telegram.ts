import { Bot, webhookCallback } from "grammy";
import type { Context } from "grammy";
import type { Message, UserFromGetMe } from "grammy/types";
import type { FollowUpKind } from "../../shared/runs";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { readText } from "../lib/body";
import { apiError } from "../lib/errors";
import { secureEqual } from "../lib/secure-compare";
import { log } from "../lib/log";
import { runCommand } from "./commands";
import type { Command } from "./commands";
import { localeFrom, t } from "./i18n";
import { editTelegramMessage, telegramPayload } from "./telegram-api";
import { config } from "../config/config";

/** Updates are a few KiB; anything far larger is refused unread. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * `POST /telegram/webhook`. The secret token (`X-Telegram-Bot-Api-Secret-Token`, constant-time) is
 * checked first: 401 with no side effect. Then the body, capped, must be JSON: a malformed one is a
 * 400, which Telegram does not retry (it redelivers on 5xx, and the same bytes would fail again).
 * grammY's webhook adapter then handles the update (and checks the secret once more).
 */
export const telegram = new Hono<AppEnv>().post("/webhook", async (c) => {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secretToken, TELEGRAM_BOT_INFO: botInfo } = config(c.env);
  if (!token || !secretToken || !botInfo) throw apiError(503, "not_configured", "Telegram is not configured on this deployment");
  if (!secureEqual(c.req.header("x-telegram-bot-api-secret-token") ?? "", secretToken)) {
    throw apiError(401, "invalid_signature", "wrong secret token");
  }
  const raw = await readText(c.req.raw, MAX_BODY_BYTES);
  const update = safeJson(raw);
  if (typeof update !== "object" || update === null || Array.isArray(update)) {
    throw apiError(400, "invalid_json", "the update is not a JSON object");
  }
  const bot = createBot(c.env, token, botInfo, (work) => c.executionCtx.waitUntil(work));
  // The same update, re-encoded: its length may differ from the original's if that was not UTF-8.
  const headers = new Headers(c.req.raw.headers);
  headers.delete("content-length");
  const request = new Request(c.req.raw.url, { method: "POST", headers, body: raw });
  return webhookCallback(bot, "cloudflare-mod", { secretToken })(request);
});

/** Work that outlives the webhook's answer (a GitHub export), kept alive by the runtime. */
type Defer = (work: Promise<unknown>) => void;

function createBot(env: Env, token: string, botInfo: UserFromGetMe, defer: Defer): Bot {
  const bot = new Bot(token, { botInfo, client: { apiRoot: config(env).TELEGRAM_API_ROOT } });
  bot.command(["crear", "create"], (ctx) => {
    const { idea, projectName, model } = parseCrear(ctx.match);
    return handle(env, defer, ctx, {
      name: "crear",
      idea,
      ...(projectName ? { projectName } : {}),
      ...(model ? { model } : {}),
      deliveryId: deliveryId(ctx),
    });
  });
  bot.command(["estado", "status"], (ctx) => {
    const project = ctx.match.trim();
    return handle(env, defer, ctx, project ? { name: "estado", project } : { name: "estado" });
  });
  for (const [names, kind] of FOLLOW_UPS) {
    bot.command(names, (ctx) => handle(env, defer, ctx, followUp(kind, ctx.match, ctx)));
  }
  bot.command(["proyectos", "projects"], (ctx) => handle(env, defer, ctx, { name: "proyectos" }));
  bot.command(["consola", "console"], (ctx) => handle(env, defer, ctx, { name: "consola" }));
  bot.command(["saldo", "balance"], (ctx) => handle(env, defer, ctx, { name: "saldo" }));
  bot.command(["comprar", "buy"], (ctx) => handle(env, defer, ctx, { name: "comprar" }));
  bot.command(["vincular", "link"], (ctx) => {
    const code = ctx.match.trim();
    return handle(env, defer, ctx, code ? { name: "vincular", code } : { name: "vincular" });
  });
  bot.command(["publicar", "publish"], (ctx) => {
    const project = ctx.match.trim();
    return handle(env, defer, ctx, project ? { name: "publicar", project } : { name: "publicar" });
  });
  bot.command(["ocultar", "hide"], (ctx) => {
    const project = ctx.match.trim();
    return handle(env, defer, ctx, project ? { name: "ocultar", project } : { name: "ocultar" });
  });
  bot.command(["galeria", "gallery"], (ctx) => {
    const query = ctx.match.trim();
    return handle(env, defer, ctx, query ? { name: "galeria", query } : { name: "galeria" });
  });
  bot.command("remix", (ctx) => {
    // The project id, then the instruction as typed (it may span lines).
    const [, project = "", instruction = ""] = /^(\S*)\s*([\s\S]*)$/.exec(ctx.match.trim()) ?? [];
    return handle(env, defer, ctx, {
      name: "remix",
      project,
      ...(instruction ? { instruction } : {}),
      deliveryId: `telegram:${ctx.me.id}:${ctx.update.update_id}:${ctx.chat.id}:${ctx.msg.message_id}:${ctx.msg.date}`,
    });
  });
  bot.command("github", (ctx) => handle(env, defer, ctx, { name: "github", ...parseGithub(ctx.match) }));
  bot.command(["ayuda", "help", "start"], (ctx) => handle(env, defer, ctx, { name: "ayuda" }));
  // Plain text in reply to a project's status message is a change to that project.
  bot.on("message:text", (ctx, next) => {
    const replied = ctx.msg.reply_to_message;
    if (replied?.from?.id !== ctx.me.id || ctx.msg.text.startsWith("/")) return next();
    return handle(env, defer, ctx, followUp("edit", ctx.msg.text, ctx));
  });
  bot.chatType("private").on("message:text", (ctx) => ctx.reply(t(localeFrom(ctx.from.language_code)).unknownCommand));
  bot.catch((err) => {
    log("chat.error", { platform: "telegram", outcome: "error", detail: err.error instanceof Error ? err.error.message : "unknown" });
    // Rethrown so the webhook answers 500 and Telegram redelivers; a redelivered /crear lands on
    // the project the first delivery started, never on a second one.
    throw err.error;
  });
  return bot;
}

async function handle(env: Env, defer: Defer, ctx: Context, command: Command): Promise<void> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) return;
  const locale = localeFrom(from.language_code);
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username;
  const result = await runCommand(env, { identity: `telegram:${from.id}`, locale, ...(displayName ? { displayName } : {}) }, command);
  if (result.kind === "reply") {
    // Private answers (a sign-in link) go to the user, never to a group.
    if (result.private && chat.type !== "private") {
      // Bots may only write to users who opened a chat with them; say how when that fails.
      const delivered = await ctx.api.sendMessage(from.id, ...payloadArgs(result.message)).then(
        () => true,
        () => false,
      );
      await ctx.reply(delivered ? t(locale).sentPrivately : t(locale).openPrivateChat);
      return;
    }
    await ctx.reply(...payloadArgs(result.message));
    return;
  }
  if (result.kind === "background") {
    const sent = await ctx.reply(...payloadArgs(result.message));
    defer(result.finish().then((message) => editTelegramMessage(ctx.api, chat.id, sent.message_id, message)));
    return;
  }
  const room = env.PROJECTS.getByName(result.projectId);
  // One status message per run and chat, however often Telegram delivers the update: the
  // delivery that claims it replies (even a redelivery, if the first died before replying).
  if (!(await room.claimTelegramReply(chat.id, result.run))) return;
  const sent = await ctx.reply(...payloadArgs(result.message));
  await room.subscribeChat({ kind: "telegram", chatId: chat.id, messageId: sent.message_id, locale }, { shown: result.message });
}

function payloadArgs(
  message: Parameters<typeof telegramPayload>[0],
): [string, { reply_markup?: ReturnType<typeof telegramPayload>["reply_markup"] }] {
  const { text, reply_markup } = telegramPayload(message);
  return [text, reply_markup ? { reply_markup } : {}];
}

/** `/cambiar`, `/arreglar`, `/explicar` (and their English names): the kind of run each starts. */
const FOLLOW_UPS: ReadonlyArray<[string[], FollowUpKind]> = [
  [["cambiar", "change"], "edit"],
  [["arreglar", "fix"], "fix"],
  [["explicar", "explain"], "explain"],
];

/**
 * A follow-up on the project whose status message the message replies to (when it is one of the
 * bot's), else on the project named by a first line `proyecto: prj_…`, else on the latest.
 */
function followUp(kind: FollowUpKind, text: string, ctx: Context & { msg: Message; chat: { id: number } }): Command {
  const named = /^\s*(?:proyecto|project)\s*:\s*(prj_\S+)\s*(?:\n|$)/i.exec(text);
  const body = named ? text.slice(named[0].length) : text;
  const replied = ctx.msg.reply_to_message;
  const shownIn = replied?.from?.id === ctx.me.id ? { chatId: ctx.chat.id, messageId: replied.message_id } : undefined;
  return {
    name: "seguir",
    kind,
    text: body,
    ...(named?.[1] ? { project: named[1] } : {}),
    ...(shownIn ? { shownIn } : {}),
    deliveryId: deliveryId(ctx),
  };
}

/**
 * update_id alone can repeat (Telegram restarts the sequence after a week idle): the chat,
 * message and date make the delivery unique; a redelivery carries all of them unchanged.
 */
function deliveryId(ctx: Context & { msg: Message; chat: { id: number } }): string {
  return `telegram:${ctx.me.id}:${ctx.update.update_id}:${ctx.chat.id}:${ctx.msg.message_id}:${ctx.msg.date}`;
}

/**
 * `/crear <idea>` with optional lines `nombre: …` / `name: …` and `modelo: …` / `model: …`.
 */
export function parseCrear(text: string): { idea: string; projectName?: string; model?: string } {
  const idea: string[] = [];
  let projectName: string | undefined;
  let model: string | undefined;
  for (const line of text.split("\n")) {
    const option = /^\s*(nombre|name|modelo|model)\s*:\s*(.+?)\s*$/i.exec(line);
    if (!option?.[1] || !option[2]) idea.push(line);
    else if (option[1].toLowerCase().startsWith("n")) projectName = option[2];
    else model = option[2].toLowerCase();
  }
  return { idea: idea.join("\n").trim(), ...(projectName ? { projectName } : {}), ...(model ? { model } : {}) };
}

/** `/github <owner/name> [project id] [rama: <branch> | branch: <branch>]`. */
export function parseGithub(text: string): { repo: string; project?: string; branch?: string } {
  let repo = "";
  let project: string | undefined;
  let branch: string | undefined;
  const words = text
    .trim()
    .replace(/\b(rama|branch)\s*:\s*/gi, "$1:")
    .split(/\s+/)
    .filter(Boolean);
  for (const word of words) {
    const option = /^(rama|branch):(.+)$/i.exec(word);
    if (option?.[2]) branch = option[2];
    else if (word.startsWith("prj_")) project = word;
    else if (!repo) repo = word;
  }
  return { repo, ...(project ? { project } : {}), ...(branch ? { branch } : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
