/**
 * What the project's Durable Object needs from the chat front-ends to deliver progress: rendering
 * a project as a chat message and sending it to Discord or Telegram. The room imports chat through
 * this one module, so the boundary between the two runtimes is a single, visible list.
 */
export { editOriginal, upsertChannelMessage } from "./discord-api";
export type { DeliveryOutcome } from "./delivery-outcome";
export { downloadUrl, isFinal, renderProgress } from "./progress";
export type { ChatMessage, ProgressLinks } from "./progress";
export { editTelegramMessage, telegramApi } from "./telegram-api";
