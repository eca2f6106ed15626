import { Api, GrammyError, HttpError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { ChatMessage } from "./progress";
import { isPublicUrl, retryAfterMs } from "./delivery-outcome";
import type { DeliveryOutcome } from "./delivery-outcome";
import { config } from "../config/config";

/**
 * Telegram refuses inline buttons that point at loopback or private hosts (a local stack), so
 * such links go into the text instead of buttons.
 */
export function telegramPayload(message: ChatMessage): { text: string; reply_markup?: InlineKeyboardMarkup } {
  const publicButtons = message.buttons.filter((b) => isPublicUrl(b.url));
  const inText = message.buttons.filter((b) => !isPublicUrl(b.url)).map((b) => `${b.label}: ${b.url}`);
  const text = [message.text, ...(inText.length ? ["", ...inText] : [])].join("\n").slice(0, 4096);
  if (publicButtons.length === 0) return { text };
  return { text, reply_markup: { inline_keyboard: [publicButtons.map((b) => ({ text: b.label, url: b.url }))] } };
}

export async function editTelegramMessage(api: Api, chatId: number, messageId: number, message: ChatMessage): Promise<DeliveryOutcome> {
  const { text, reply_markup } = telegramPayload(message);
  try {
    await api.editMessageText(chatId, messageId, text, reply_markup ? { reply_markup } : {});
    return { kind: "sent" };
  } catch (err) {
    if (err instanceof GrammyError) {
      if (err.error_code === 429) return { kind: "retry", afterMs: retryAfterMs(err.parameters.retry_after) };
      // Same text as shown already: nothing to do, and nothing wrong.
      if (err.description.includes("message is not modified")) return { kind: "sent" };
      if (err.error_code === 400 || err.error_code === 403) return { kind: "gone", reason: err.description };
      return { kind: "failed", reason: err.description };
    }
    if (err instanceof HttpError) return { kind: "failed", reason: "network error" };
    throw err;
  }
}

export function telegramApi(env: Env): Api | null {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot } = config(env);
  return token ? new Api(token, { apiRoot }) : null;
}
