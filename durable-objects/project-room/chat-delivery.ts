import { z } from "zod";
import { log } from "../../workers/lib/log";
import type { ProjectView } from "../../shared/protocol";
import { editOriginal, editTelegramMessage, isFinal, renderProgress, telegramApi, upsertChannelMessage } from "../../workers/chat/outbound";
import type { ChatMessage, DeliveryOutcome, ProgressLinks } from "../../workers/chat/outbound";
import { config } from "../../workers/config/config";

/** A chat message that shows a project's progress. */
export const chatTargetSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("discord"),
    applicationId: z.string(),
    interactionToken: z.string(),
    channelId: z.string().optional(),
    /** Interaction tokens last 15 minutes; past this, the bot posts in the channel instead. */
    tokenExpiresAt: z.number(),
    locale: z.enum(["es", "en"]),
  }),
  z.object({
    kind: z.literal("telegram"),
    chatId: z.number(),
    messageId: z.number(),
    locale: z.enum(["es", "en"]),
  }),
]);
export type ChatTarget = z.infer<typeof chatTargetSchema>;

export interface SubscribeOptions {
  shown?: ChatMessage;
  notBefore?: number;
}

/** What identifies a message's visible content: its text and its buttons. */
function fingerprint(message: ChatMessage): string {
  return `${message.text}\n${message.buttons.map((b) => `${b.label} ${b.url}`).join("\n")}`;
}

/** Minimum time between two edits of one message: Discord asks for restraint, Telegram ~1/s per chat. */
const MIN_INTERVAL_MS = { discord: 2_000, telegram: 1_100 } as const;
const TOKEN_MARGIN_MS = 60_000;
const MAX_FAILURES = 8;

// `wanted` counts the project changes a message should reflect, `delivered` the last count it
// was brought up to date with: a change that lands while a send is in flight stays due.
interface TargetRow extends Record<string, SqlStorageValue> {
  key: string;
  target: string;
  last_text: string | null;
  next_at: number;
  failures: number;
  channel_message_id: string | null;
  done: number;
  wanted: number;
  delivered: number;
}

/**
 * Keeps each chat's progress message in step with the project, from inside the project's
 * Durable Object: driven by the project's own events, never by a webhook request. Each message
 * is rebuilt from the current view, so a retried step or a replayed event cannot show anything
 * twice or out of order; an unchanged text is never sent. A chat that is gone stops being
 * updated and never affects the generation.
 */
export class ChatDelivery {
  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Env,
  ) {}

  /** The project changed: every live message is due again (no sooner than its own throttle). */
  markChanged(): void {
    this.sql.exec("UPDATE chat_targets SET wanted = wanted + 1 WHERE done = 0");
  }

  /**
   * Adds a message to keep updated; adding the same one again changes nothing. `shown` is what
   * the message already says (so it is not sent again); `notBefore` delays the first edit.
   */
  add(target: ChatTarget, options: SubscribeOptions = {}): void {
    const key = target.kind === "discord" ? `discord:${target.interactionToken}` : `telegram:${target.chatId}:${target.messageId}`;
    this.sql.exec(
      "INSERT OR IGNORE INTO chat_targets (key, target, last_text, next_at) VALUES (?, ?, ?, ?)",
      key,
      JSON.stringify(target),
      options.shown ? fingerprint(options.shown) : null,
      options.notBefore ?? 0,
    );
  }

  /**
   * The right to post this project's status message in a Telegram chat, granted to exactly one
   * caller: deliveries of the same update (redeliveries, or two at once) then reply once.
   */
  claimTelegramReply(chatId: number): boolean {
    return this.sql.exec("INSERT OR IGNORE INTO chat_claims (key) VALUES (?)", `telegram:${chatId}`).rowsWritten > 0;
  }

  /** When the next delivery should run, or null if no message is behind the project. */
  nextRun(now: number): number | null {
    const row = this.sql
      .exec<{ next: number | null }>("SELECT MIN(next_at) AS next FROM chat_targets WHERE done = 0 AND wanted > delivered")
      .one();
    return row.next === null ? null : Math.max(now, row.next);
  }

  /** Brings every due message up to date with `view`. Returns when to run again, or null. */
  async deliver(view: ProjectView, links: ProgressLinks, now = Date.now()): Promise<number | null> {
    const due = this.sql.exec<TargetRow>("SELECT * FROM chat_targets WHERE done = 0 AND wanted > delivered AND next_at <= ?", now);
    for (const row of due.toArray()) {
      const target = chatTargetSchema.parse(JSON.parse(row.target));
      const message = renderProgress(view, target.locale, links);
      const text = fingerprint(message);
      const final = isFinal(view);
      if (text === row.last_text) {
        this.sql.exec("UPDATE chat_targets SET delivered = MAX(delivered, ?), done = ? WHERE key = ?", row.wanted, final ? 1 : 0, row.key);
        continue;
      }
      const { outcome, channelMessageId } = await this.send(target, row, message);
      this.record(row, target, outcome, channelMessageId, text, final, now);
    }
    return this.nextRun(now);
  }

  private async send(
    target: ChatTarget,
    row: TargetRow,
    message: ChatMessage,
  ): Promise<{ outcome: DeliveryOutcome; channelMessageId?: string }> {
    if (target.kind === "telegram") {
      const api = telegramApi(this.env);
      if (!api) return { outcome: { kind: "gone", reason: "TELEGRAM_BOT_TOKEN is not set" } };
      return { outcome: await editTelegramMessage(api, target.chatId, target.messageId, message) };
    }
    const { DISCORD_API_BASE: base, DISCORD_BOT_TOKEN: botToken } = config(this.env);
    const opts = { base, botToken };
    // Once the run has moved to a channel message, it stays there.
    if (row.channel_message_id === null && Date.now() < target.tokenExpiresAt - TOKEN_MARGIN_MS) {
      const outcome = await editOriginal(opts, target.applicationId, target.interactionToken, message);
      // "gone" here usually means the interaction token died early: fall through to the channel.
      if (outcome.kind !== "gone") return { outcome };
    }
    if (!target.channelId) return { outcome: { kind: "gone", reason: "interaction token expired and the channel is unknown" } };
    const outcome = await upsertChannelMessage(opts, target.channelId, row.channel_message_id ?? undefined, message);
    return outcome.kind === "sent" && outcome.channelMessageId ? { outcome, channelMessageId: outcome.channelMessageId } : { outcome };
  }

  private record(
    row: TargetRow,
    target: ChatTarget,
    outcome: DeliveryOutcome,
    channelMessageId: string | undefined,
    text: string,
    final: boolean,
    now: number,
  ): void {
    const interval = MIN_INTERVAL_MS[target.kind];
    switch (outcome.kind) {
      case "sent":
        this.sql.exec(
          "UPDATE chat_targets SET last_text = ?, next_at = ?, failures = 0, done = ?, delivered = MAX(delivered, ?), channel_message_id = COALESCE(?, channel_message_id) WHERE key = ?",
          text,
          now + interval,
          final ? 1 : 0,
          row.wanted,
          channelMessageId ?? null,
          row.key,
        );
        return;
      case "retry":
        this.sql.exec("UPDATE chat_targets SET next_at = ? WHERE key = ?", now + Math.max(outcome.afterMs, interval), row.key);
        return;
      case "gone":
        this.sql.exec("UPDATE chat_targets SET done = 1 WHERE key = ?", row.key);
        log("chat.gone", { platform: target.kind, reason: outcome.reason });
        return;
      case "failed": {
        const failures = row.failures + 1;
        this.sql.exec(
          "UPDATE chat_targets SET failures = ?, next_at = ?, done = ? WHERE key = ?",
          failures,
          now + interval * 2 ** Math.min(failures, 5),
          failures >= MAX_FAILURES ? 1 : 0,
          row.key,
        );
        log("chat.failed", { platform: target.kind, reason: outcome.reason, failures, outcome: "error" });
      }
    }
  }
}
