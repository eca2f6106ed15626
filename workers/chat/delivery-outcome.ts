/** What happened to one attempt to show a chat message; the delivery loop decides from it. */
export type DeliveryOutcome =
  /** `channelMessageId`: the id of a message the bot posted, so later edits can target it. */
  | { kind: "sent"; channelMessageId?: string }
  /** Rate limited: try again no sooner than this. */
  | { kind: "retry"; afterMs: number }
  /** The chat or message is gone (deleted, bot blocked, token dead with no fallback): stop trying. */
  | { kind: "gone"; reason: string }
  /** A passing failure (network, 5xx): try again later. */
  | { kind: "failed"; reason: string };

export function retryAfterMs(seconds: unknown, fallbackMs = 5_000): number {
  const n = typeof seconds === "number" ? seconds : Number(seconds);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n * 1000) : fallbackMs;
}

/** Link buttons need a URL the platform will open; loopback and private hosts are refused. */
export function isPublicUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== "https:" && protocol !== "http:") return false;
    return !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|0\.0\.0\.0)/.test(hostname);
  } catch {
    return false;
  }
}
