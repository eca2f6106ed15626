import type { ChatMessage } from "./progress";
import { retryAfterMs } from "./delivery-outcome";
import type { DeliveryOutcome } from "./delivery-outcome";

/** Discord's message body: text plus one row of link buttons (component type 2, style 5). */
export function discordBody(message: ChatMessage): Record<string, unknown> {
  const body: Record<string, unknown> = { content: message.text.slice(0, 2000), allowed_mentions: { parse: [] } };
  body.components = message.buttons.length
    ? [{ type: 1, components: message.buttons.slice(0, 5).map((b) => ({ type: 2, style: 5, label: b.label.slice(0, 80), url: b.url })) }]
    : [];
  return body;
}

export interface DiscordApiOptions {
  base: string;
  botToken?: string;
}

/** Edits the interaction's original response. Needs no bot token: the interaction token is the key. */
export function editOriginal(opts: DiscordApiOptions, applicationId: string, interactionToken: string, message: ChatMessage) {
  const url = `${opts.base}/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(interactionToken)}/messages/@original`;
  return send(url, "PATCH", discordBody(message));
}

/** Posts (or edits) a message in the channel with the bot token: for runs that outlive the interaction token. */
export function upsertChannelMessage(opts: DiscordApiOptions, channelId: string, messageId: string | undefined, message: ChatMessage) {
  if (!opts.botToken)
    return Promise.resolve<DeliveryOutcome>({ kind: "gone", reason: "interaction token expired and no bot token is configured" });
  const path = messageId ? `/channels/${channelId}/messages/${messageId}` : `/channels/${channelId}/messages`;
  return send(`${opts.base}${path}`, messageId ? "PATCH" : "POST", discordBody(message), opts.botToken);
}

async function send(url: string, method: string, body: Record<string, unknown>, botToken?: string): Promise<DeliveryOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", ...(botToken ? { authorization: `Bot ${botToken}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return { kind: "failed", reason: err instanceof Error ? err.message : "network error" };
  }
  if (res.ok) {
    const json: unknown = await res.json().catch(() => null);
    const id = typeof json === "object" && json !== null && "id" in json && typeof json.id === "string" ? json.id : undefined;
    return id ? { kind: "sent", channelMessageId: id } : { kind: "sent" };
  }
  if (res.status === 429) {
    const json: unknown = await res.json().catch(() => null);
    const seconds = typeof json === "object" && json !== null && "retry_after" in json ? json.retry_after : res.headers.get("retry-after");
    return { kind: "retry", afterMs: retryAfterMs(seconds) };
  }
  await res.body?.cancel();
  // 401: the interaction token expired; 403/404: the channel or message is gone.
  if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: "gone", reason: `discord answered ${res.status}` };
  return { kind: "failed", reason: `discord answered ${res.status}` };
}
