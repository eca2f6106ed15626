/**
 * Fake Discord and Telegram APIs on loopback, speaking their wire protocols, for tests to
 * inspect what the product sent. Behaviours are keyed by ids so tests stay independent:
 * - Telegram chat ids starting 429…: the first edit answers 429 with retry_after 1.
 * - Telegram chat ids starting 403…: every edit answers 403 (the bot was blocked).
 * - Discord interaction tokens starting "expired": editing the original answers 401.
 * Runs in Node (vitest globalSetup); `/__calls` lists every recorded request.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import type { TestProject } from "vitest/node";
import type { RecordedCall } from "./provided";

export default async function setup(project: TestProject) {
  const calls: RecordedCall[] = [];
  const edits429 = new Set<string>();
  let nextMessageId = 1000;

  const server = createServer(async (req, res) => {
    // Discord's API is mounted under /discord (DISCORD_API_BASE); Telegram's at the root.
    const path = (req.url ?? "/").replace(/^\/discord(?=\/)/, "");
    if (path === "/__calls") return json(res, 200, calls);
    const body = await readBody(req);
    calls.push({ at: Date.now(), method: req.method ?? "GET", path, authorization: req.headers.authorization ?? null, body });

    const telegram = /^\/bot[^/]+\/(\w+)$/.exec(path);
    if (telegram) {
      const method = telegram[1];
      const chatId = String(field(body, "chat_id"));
      if (method === "sendMessage") {
        return json(res, 200, {
          ok: true,
          result: { message_id: nextMessageId++, date: 0, chat: { id: Number(chatId), type: "private" }, text: field(body, "text") },
        });
      }
      if (method === "editMessageText") {
        if (chatId.startsWith("403"))
          return json(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
        if (chatId.startsWith("429") && !edits429.has(chatId)) {
          edits429.add(chatId);
          return json(res, 429, {
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 1",
            parameters: { retry_after: 1 },
          });
        }
        return json(res, 200, { ok: true, result: true });
      }
      return json(res, 200, { ok: true, result: true });
    }
    if (/^\/webhooks\/[^/]+\/expired[^/]*\/messages\/@original$/.test(path)) {
      return json(res, 401, { message: "Invalid Webhook Token", code: 50027 });
    }
    if (/^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(path)) return json(res, 200, { id: "original" });
    if (/^\/channels\/[^/]+\/messages(\/[^/]+)?$/.test(path)) {
      if (req.headers.authorization !== "Bot test-discord-bot-token") return json(res, 401, { message: "401: Unauthorized" });
      return json(res, 200, { id: `channel-msg-${nextMessageId++}` });
    }
    return json(res, 404, { message: "unknown route in fake" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake chat server has no port");

  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  project.provide("chatFakeUrl", `http://127.0.0.1:${address.port}`);
  project.provide("discordPublicKey", raw.toString("hex"));
  project.provide("discordPrivateKey", privateKey.export({ format: "jwk" }));

  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

function field(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null ? Reflect.get(body, key) : undefined;
}
