import { inject } from "vitest";
import type { RecordedCall } from "../fake/provided";
import { call } from "./api";

/** Every request the fake Discord and Telegram APIs received so far. */
export async function fakeCalls(): Promise<RecordedCall[]> {
  const res = await fetch(`${inject("chatFakeUrl")}/__calls`);
  return res.json();
}

/** Polls the fakes until `done` holds for the calls `pick` selects, or fails after `ms`. */
export async function waitForCalls(
  pick: (c: RecordedCall) => boolean,
  done: (calls: RecordedCall[]) => boolean,
  ms = 20_000,
): Promise<RecordedCall[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const calls = (await fakeCalls()).filter(pick);
    if (done(calls)) return calls;
    if (Date.now() > deadline) throw new Error(`timed out; calls so far: ${JSON.stringify(calls.map((c) => c.path))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Signs a Discord interaction the way Discord does: Ed25519 over timestamp + raw body. The request
 * can be sent again as it is (a replay). `timestamp` (Unix seconds) moves it in time.
 */
export async function signInteraction(
  body: unknown,
  opts: { tamper?: boolean; key?: CryptoKey; timestamp?: number } = {},
): Promise<RequestInit & { body: string }> {
  const raw = JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const key = opts.key ?? (await crypto.subtle.importKey("jwk", inject("discordPrivateKey"), { name: "Ed25519" }, false, ["sign"]));
  const signature = await crypto.subtle.sign("Ed25519", key, new TextEncoder().encode(timestamp + raw));
  const hex = [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature-ed25519": hex, "x-signature-timestamp": timestamp },
    body: opts.tamper ? raw.replace("crear", "ayuda") : raw,
  };
}

export async function signedInteraction(
  body: unknown,
  opts: { tamper?: boolean; key?: CryptoKey; timestamp?: number } = {},
): Promise<Response> {
  return call("/discord/interactions", await signInteraction(body, opts));
}

let interactionCounter = 0;

/** A slash-command interaction as Discord sends it. */
export function interaction(
  name: string,
  options: Record<string, string>,
  extra: { userId?: string; locale?: string; token?: string } = {},
) {
  interactionCounter += 1;
  const unique = `${Date.now()}${interactionCounter}`;
  return {
    id: `int${unique}`,
    type: 2,
    application_id: "app123",
    token: extra.token ?? `tok${unique}`,
    channel_id: `chan${unique}`,
    locale: extra.locale ?? "es-ES",
    member: { user: { id: extra.userId ?? `user${unique}` } },
    data: { name, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) },
  };
}
