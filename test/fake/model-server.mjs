// A fake of the three model APIs AUTOCREA speaks, at the wire: Hugging Face text-generation-inference
// (/hf/v1/chat/completions), OpenAI (/openai/v1/chat/completions) and Anthropic (/anthropic/v1/messages),
// streamed as each really streams (SSE; Anthropic with `event:` lines). Plain Node, run from vitest's
// globalSetup on 127.0.0.1. What it answers is chosen by a marker in the prompt, `[[fake:NAME]]` or
// `[[fake:NAME:ID]]`; without one, a role-aware script builds a whole project from
// test/fixtures/fake-project/. Every request is recorded for assertions (GET /__requests?marker=...).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (path) => readFileSync(root + path, "utf8");

export const USAGE = { prompt: 50, completion: 25 };
export const NORMAL_TEXT =
  "Hola: this is the fake model answering, in several small chunks, so the stream has a few pieces to put back together.\n" +
  "A second line follows, with enough characters to be cut in half by a length limit or a dropped connection.\n";
const CUT_AT = 120;
const CHUNK = 13;

const requests = [];
const seen = new Map();
const hung = new Set();

export function startFakeModels(port) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        handle(req, res, body);
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      }
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

function handle(req, res, raw) {
  const url = new URL(req.url, "http://fake");
  if (req.method === "GET" && url.pathname === "/__requests") {
    const marker = url.searchParams.get("marker") ?? "";
    return json(
      res,
      200,
      requests.filter((r) => r.text.includes(marker)),
    );
  }
  const provider =
    url.pathname === "/hf/v1/chat/completions"
      ? "hf"
      : url.pathname === "/openai/v1/chat/completions"
        ? "openai"
        : url.pathname === "/anthropic/v1/messages"
          ? "anthropic"
          : undefined;
  if (!provider || req.method !== "POST") return json(res, 404, { error: `no route ${req.method} ${url.pathname}` });
  const body = JSON.parse(raw);
  const system = provider === "anthropic" ? (body.system ?? "") : (body.messages.find((m) => m.role === "system")?.content ?? "");
  const turns = body.messages.filter((m) => m.role !== "system");
  const assistant = turns.find((m) => m.role === "assistant")?.content ?? "";
  const text = [system, ...turns.map((m) => m.content)].join("\n");
  const marker = /\[\[fake:([\w-]+)(?::([\w-]+))?\]\]/.exec(text);
  const scenario = marker?.[1] ?? "project";
  const id = `${provider}:${marker?.[0] ?? "project"}`;
  const count = (seen.get(id) ?? 0) + 1;
  seen.set(id, count);
  requests.push({
    provider,
    path: url.pathname,
    authorization: req.headers.authorization ?? null,
    apiKey: req.headers["x-api-key"] ?? null,
    model: body.model,
    text,
    assistant,
    count,
  });

  switch (scenario) {
    case "normal":
      return stream(res, provider, NORMAL_TEXT, "stop");
    case "unavailable-once":
      if (count === 1) return unavailable(res, provider);
      return stream(res, provider, NORMAL_TEXT, "stop");
    case "rate-limited-once":
      if (count === 1) return rateLimited(res, 2);
      return stream(res, provider, NORMAL_TEXT, "stop");
    case "rate-limited-long":
      // Retry-After far past any deadline (10 minutes): the client must give up, not sleep.
      return rateLimited(res, 600);
    case "rate-limited-45s":
      // Longer than the old 30 s clamp, well inside the deadline.
      if (count === 1) return rateLimited(res, 45);
      return stream(res, provider, NORMAL_TEXT, "stop");
    case "loading-3min":
      // A cold JoxCoder endpoint that says "loading, ~20 s" (read as at most 15 s) twelve times: 3 minutes.
      if (provider === "hf" && count <= 12) return json(res, 503, { error: "Model joxcoder is currently loading", estimated_time: 20 });
      return stream(res, provider, NORMAL_TEXT, "stop");
    case "always-500":
      return json(res, 500, { error: "internal error" });
    case "unauthorized":
      return unauthorized(res, provider);
    case "hf-unauthorized":
      if (provider === "hf") return unauthorized(res, provider);
      return project(res, provider, system, text);
    case "bad-request":
      return json(
        res,
        400,
        provider === "hf"
          ? { error: "Input validation error: max_tokens too large" }
          : { error: { message: "max_tokens is too large", type: "invalid_request_error" } },
      );
    case "drop":
      // First call: part of the answer, then the connection dies. A resumed call gets the rest.
      if (!assistant) return stream(res, provider, NORMAL_TEXT.slice(0, 100), "stop", { drop: true });
      return stream(res, provider, NORMAL_TEXT.slice(assistant.length), "stop");
    case "stall":
      // Part of the answer, then silence with the connection held open (a hung upstream).
      return stream(res, provider, NORMAL_TEXT.slice(0, 40), "stop", { stall: true });
    case "stall-once":
      // First call: part of the answer, then silence with the connection open; a resumed call gets the rest.
      if (!assistant) return stream(res, provider, NORMAL_TEXT.slice(0, 40), "stop", { stall: true });
      return stream(res, provider, NORMAL_TEXT.slice(assistant.length), "stop");
    case "escape-audit":
      // The whole project, except that the security auditor writes outside the project.
      if (/You are the security auditor/.test(system)) return stream(res, provider, '<file path="../escape.js">x</file>\n', "stop");
      return project(res, provider, system, text);
    case "hang-backend":
      // The whole project, except that the first backend call gets headers and then silence with the
      // connection open for 3 s: a run stuck mid-step, as a crashed or wedged upstream leaves it.
      if (/You are the backend engineer/.test(system) && !hung.has(id)) {
        hung.add(id);
        return hang(res, 3000);
      }
      return project(res, provider, system, text);
    case "trickle":
      // A chunk every 100 ms, never idle and never finished (a stuck generation loop upstream), for 3 s:
      // an aborted fetch does not always reach this socket, and vitest's teardown waits for it to close.
      return stream(res, provider, NORMAL_TEXT.repeat(1000), "stop", { every: 100, forMs: 3000 });
    case "no-usage":
      // A TGI server that ignores stream_options: no usage chunk at all.
      return stream(res, provider, NORMAL_TEXT, "stop", { usage: false });
    case "length":
      // Cut at the length limit; the continuation repeats the last 20 characters, as models do.
      if (!assistant) return stream(res, provider, NORMAL_TEXT.slice(0, CUT_AT), "length");
      return stream(res, provider, NORMAL_TEXT.slice(assistant.length - 20), "stop");
    case "fixture":
      return stream(res, provider, read(`model-outputs/${marker?.[2]?.replace(/-(md|txt)$/, ".$1")}`), "stop", { chunk: 7 });
    case "unsafe-path":
    case "unsafe-audit": {
      // The whole-project script, except that the backend (unsafe-path) or the security auditor
      // (unsafe-audit) also writes a file at the path the marker carries, base64url-encoded.
      const role = scenario === "unsafe-path" ? "backend engineer" : "security auditor";
      if (!system.includes(`You are the ${role}`)) return project(res, provider, system, text);
      const path = Buffer.from(marker?.[2] ?? "", "base64url").toString("utf8");
      const quote = path.includes('"') ? "'" : '"';
      const good = role === "backend engineer" ? read("fake-project/backend.txt") : read("fake-project/security.txt");
      return stream(res, provider, `<file path=${quote}${path}${quote}>\n[core]\n\tfsmonitor = touch pwned\n</file>\n${good}`, "stop");
    }
    default:
      return project(res, provider, system, text);
  }
}

/** The whole-project script: each role's answer, an invalid plan first, a repair round for the backend. */
function project(res, provider, system, text) {
  const role = /You are the (architect|backend engineer|frontend engineer|DevOps engineer|security auditor)/.exec(system)?.[1];
  switch (role) {
    case "architect":
      return stream(
        res,
        provider,
        text.includes("It is not a valid plan") ? read("fake-project/architect.json") : read("fake-project/architect-invalid.json"),
        "stop",
      );
    case "backend engineer":
      return stream(
        res,
        provider,
        text.includes("Your previous answer left these problems")
          ? read("fake-project/backend-repair.txt")
          : read("fake-project/backend.txt"),
        "stop",
      );
    case "frontend engineer":
      return stream(res, provider, read("fake-project/frontend.md"), "stop");
    case "DevOps engineer":
      return stream(res, provider, read("fake-project/devops.md"), "stop");
    case "security auditor":
      return stream(res, provider, read("fake-project/security.txt"), "stop");
    default:
      return stream(res, provider, NORMAL_TEXT, "stop");
  }
}

function stream(res, provider, text, finish, options = {}) {
  const size = options.chunk ?? CHUNK;
  const pieces = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const events = provider === "anthropic" ? anthropicEvents(pieces, finish) : openaiEvents(pieces, finish, options.usage !== false);
  if (options.every) {
    let next = 0;
    const until = Date.now() + (options.forMs ?? Infinity);
    const tick = setInterval(() => {
      if (res.destroyed || next >= events.length || Date.now() >= until) {
        clearInterval(tick);
        return res.end();
      }
      res.write(events[next++]);
    }, options.every);
    res.on("close", () => clearInterval(tick));
    return;
  }
  if (options.stall) {
    res.write(events.slice(0, pieces.length).join(""));
    setTimeout(() => res.end(), 3000);
    return;
  }
  if (options.drop) {
    // Send what was written so far, then kill the socket mid-stream with no final event.
    res.write(events.slice(0, pieces.length + (provider === "anthropic" ? 2 : 0)).join(""));
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  res.end(events.join(""));
}

function hang(res, ms) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const timer = setTimeout(() => res.end(), ms);
  res.on("close", () => clearTimeout(timer));
}

function openaiEvents(pieces, finish, usage = true) {
  const chunk = (choices, usage) =>
    `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: "fake", choices, ...(usage ? { usage } : {}) })}\n\n`;
  return [
    ...pieces.map((content) => chunk([{ index: 0, delta: { role: "assistant", content }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: finish }]),
    ...(usage
      ? [chunk([], { prompt_tokens: USAGE.prompt, completion_tokens: USAGE.completion, total_tokens: USAGE.prompt + USAGE.completion })]
      : []),
    "data: [DONE]\n\n",
  ];
}

function anthropicEvents(pieces, finish) {
  const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  return [
    event("message_start", {
      message: {
        id: "msg_fake",
        type: "message",
        role: "assistant",
        content: [],
        model: "fake",
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: USAGE.prompt, output_tokens: 1 },
      },
    }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ...pieces.map((text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    event("content_block_stop", { index: 0 }),
    event("message_delta", {
      delta: { stop_reason: finish === "length" ? "max_tokens" : "end_turn", stop_sequence: null },
      usage: { output_tokens: USAGE.completion },
    }),
    event("message_stop", {}),
  ];
}

function unavailable(res, provider) {
  if (provider === "hf") return json(res, 503, { error: "Model joxcoder is currently loading", estimated_time: 0.05 });
  res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
  res.end(
    JSON.stringify(
      provider === "anthropic"
        ? { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }
        : { error: { message: "The server is overloaded", type: "server_error" } },
    ),
  );
}

/** 429 with Retry-After in seconds, the way all three APIs say "slow down". */
function rateLimited(res, seconds) {
  res.writeHead(429, { "content-type": "application/json", "retry-after": String(seconds) });
  res.end(JSON.stringify({ error: { message: "Rate limit reached", type: "rate_limit_error" } }));
}

function unauthorized(res, provider) {
  if (provider === "hf") return json(res, 401, { error: "Authorization header is correct, but the token seems invalid" });
  if (provider === "anthropic")
    return json(res, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
  return json(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } });
}

function json(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}
