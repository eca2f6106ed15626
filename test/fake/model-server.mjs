// A fake of the three model APIs AUTOCREA speaks, at the wire: Hugging Face text-generation-inference
// (/hf/v1/chat/completions), OpenAI (/openai/v1/chat/completions) and Anthropic (/anthropic/v1/messages),
// streamed as each really streams (SSE; Anthropic with `event:` lines). Plain Node, run from vitest's
// globalSetup on 127.0.0.1. What it answers is chosen by a marker in the prompt, `[[fake:NAME]]` or
// `[[fake:NAME:ID]]`; without one, a role-aware script builds a whole project from
// test/fixtures/fake-project/. Follow-up runs (edits, fixes, explanations) are answered from
// test/fixtures/edits/ by step and marker (followUpAnswer). Every request is recorded for assertions
// (GET /__requests?marker=...), with the structured-output parameter it carried: OpenAI
// `response_format` json_schema, TGI's `response_format` {type: "json", value}, or an Anthropic tool
// forced by `tool_choice`. A request that asks for structured output is answered the way each API
// answers it (Anthropic: a tool_use block streamed as input_json_delta), with the JSON alone.
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
  const structured = structuredOf(provider, body);
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
    structured,
  });

  const followUp = followUpStep(system);
  if (followUp) return followUpAnswer(res, provider, followUp, scenario, text);

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
      return project(res, provider, system, text, structured);
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
      return project(res, provider, system, text, structured);
    case "hang-backend":
      // The whole project, except that the first backend (or, in a follow-up run, editor) call gets
      // headers and then silence with the connection open for 3 s: a run stuck mid-step, as a
      // crashed or wedged upstream leaves it.
      if (/You are the (backend engineer|editor)/.test(system) && !hung.has(id)) {
        hung.add(id);
        return hang(res, 3000);
      }
      return project(res, provider, system, text, structured);
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
    case "structured":
      // The parameter must arrive, with a schema whose root is an object: else a 400 like the real APIs.
      if (!structured?.valid)
        return json(res, 400, { error: { message: `expected structured output, got ${JSON.stringify(structured)}` } });
      return stream(res, provider, PLAN_JSON, "stop", { structured });
    case "structured-refused":
      // An endpoint without structured output: it refuses the parameter, and answers the prompt-only retry.
      if (structured) return refuseStructured(res, provider);
      return stream(res, provider, `Here is the plan:\n${PLAN_JSON}`, "stop");
    case "fixture":
      return stream(res, provider, read(`model-outputs/${marker?.[2]?.replace(/-(md|txt)$/, ".$1")}`), "stop", { chunk: 7 });
    case "unsafe-path":
    case "unsafe-audit": {
      // The whole-project script, except that the backend (unsafe-path) or the security auditor
      // (unsafe-audit) also writes a file at the path the marker carries, base64url-encoded.
      const role = scenario === "unsafe-path" ? "backend engineer" : "security auditor";
      if (!system.includes(`You are the ${role}`)) return project(res, provider, system, text, structured);
      const path = Buffer.from(marker?.[2] ?? "", "base64url").toString("utf8");
      const quote = path.includes('"') ? "'" : '"';
      const good = role === "backend engineer" ? read("fake-project/backend.txt") : read("fake-project/security.txt");
      return stream(res, provider, `<file path=${quote}${path}${quote}>\n[core]\n\tfsmonitor = touch pwned\n</file>\n${good}`, "stop");
    }
    default:
      return project(res, provider, system, text, structured);
  }
}

/** Which step of a follow-up run (workflows/edits/prompts.ts) is asking, from its system prompt. */
function followUpStep(system) {
  if (system.includes("You are the editor of AUTOCREA")) return "editor";
  if (system.includes("You are the explainer of AUTOCREA")) return "explainer";
  if (system.includes("An edit just changed the files below")) return "reaudit";
  if (system.includes("A project was built from the plan below")) return "architect";
  return undefined;
}

/**
 * A follow-up run's answers. The editor's depend on the marker: `edit-blocks` (blocks that apply:
 * exact, a new file, one quoted without its indentation), `edit-ambiguous` (a SEARCH that matches
 * twice, then a corrected one), `edit-nowhere` (a SEARCH that matches nowhere twice, then the whole
 * file), `edit-whole` (a whole file, as open models answer), `edit-none` (nothing to change),
 * `edit-broken` (a file that does not parse, then its repair), `edit-never` (nothing ever applies).
 * Which try it is comes from the prompt, as the product words each re-ask.
 */
function followUpAnswer(res, provider, step, scenario, text) {
  const retry = text.includes("These blocks could not be applied");
  const whole = text.includes("Write the complete new version of each of these files");
  const repair = text.includes("They do not parse");
  const edits = (name) => read(`edits/${name}`);
  switch (step) {
    case "architect":
      return stream(res, provider, scenario === "plan-change" ? planWithField(text) : "NO PLAN CHANGE", "stop");
    case "explainer":
      return stream(res, provider, edits("explain.md"), "stop");
    case "reaudit":
      return stream(res, provider, scenario === "reaudit-fix" ? reviewed(text) : "No security problems in the changed files.\n", "stop");
  }
  switch (scenario) {
    case "edit-blocks":
    case "reaudit-fix":
      return stream(res, provider, edits("blocks.md"), "stop");
    case "edit-ambiguous":
      return stream(res, provider, retry ? edits("ambiguous-retry.md") : edits("ambiguous.md"), "stop");
    case "edit-nowhere":
      return stream(res, provider, whole ? edits("server-whole.md") : edits("nowhere.md"), "stop");
    case "edit-never":
      return stream(res, provider, whole ? "I cannot do that.\n" : edits("nowhere.md"), "stop");
    case "edit-broken":
      return stream(res, provider, repair ? edits("broken-repair.md") : edits("broken.md"), "stop");
    case "edit-none":
      return stream(res, provider, "NO CHANGES\n", "stop");
    default:
      return stream(res, provider, edits("server-whole.md"), "stop");
  }
}

/** The current plan from the architect's prompt, with one more field on its first entity. */
function planWithField(text) {
  const json = text.slice(text.indexOf("{", text.indexOf("Current Plan")), text.lastIndexOf("}") + 1);
  const plan = JSON.parse(json);
  plan.entities[0].fields.push({ name: "telefono", type: "string", required: false, label: "Teléfono" });
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** The first changed file of the re-audit prompt, returned with a line the test can find. */
function reviewed(text) {
  const match = /Files the edit changed:\n<file path="([^"]+)">\n([\s\S]*?)<\/file>/.exec(text);
  if (!match) return "Nothing to review.\n";
  return `<file path="${match[1]}">\n// reviewed by the security role\n${match[2]}</file>\n`;
}

/** A small valid plan, what the structured scenarios answer with. */
const PLAN_JSON = JSON.stringify(
  JSON.parse(
    read("fake-project/architect.json")
      .replace(/^[^{]*/, "")
      .replace(/[^}]*$/, ""),
  ),
);

/**
 * The structured-output parameter a request carried, in each API's own shape, or null. `valid`
 * says it is well formed: a name where the API wants one and a schema whose root is an object.
 */
function structuredOf(provider, body) {
  const isObjectSchema = (schema) =>
    typeof schema === "object" && schema !== null && schema.type === "object" && typeof schema.properties === "object";
  if (provider === "anthropic") {
    if (!Array.isArray(body.tools)) return null;
    const forced = body.tool_choice?.type === "tool" ? body.tool_choice.name : undefined;
    const tool = body.tools.find((t) => t.name === forced);
    return {
      kind: "tool",
      name: forced ?? null,
      valid: Boolean(tool) && isObjectSchema(tool.input_schema),
      keys: Object.keys(tool?.input_schema?.properties ?? {}),
    };
  }
  const format = body.response_format;
  if (!format) return null;
  if (provider === "hf")
    return {
      kind: format.type,
      name: null,
      valid: format.type === "json" && isObjectSchema(format.value),
      keys: Object.keys(format.value?.properties ?? {}),
    };
  const schema = format.json_schema?.schema;
  return {
    kind: format.type,
    name: format.json_schema?.name ?? null,
    valid: format.type === "json_schema" && /^[\w-]{1,64}$/.test(format.json_schema?.name ?? "") && isObjectSchema(schema),
    keys: Object.keys(schema?.properties ?? {}),
  };
}

/** How each kind of server says it has no structured output: the parameter named in a 400 or 422. */
function refuseStructured(res, provider) {
  if (provider === "hf")
    return json(res, 422, { error: "Input validation error: grammar is not supported by this endpoint", error_type: "validation" });
  if (provider === "anthropic")
    return json(res, 400, {
      type: "error",
      error: { type: "invalid_request_error", message: "tools: this deployment does not support tool use" },
    });
  return json(res, 400, {
    error: {
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      type: "invalid_request_error",
      param: "response_format",
    },
  });
}

/** The whole-project script: each role's answer, an invalid plan first, a repair round for the backend. */
function project(res, provider, system, text, structured) {
  const role = /You are the (architect|backend engineer|frontend engineer|DevOps engineer|security auditor)/.exec(system)?.[1];
  switch (role) {
    case "architect": {
      const answer = text.includes("It is not a valid plan")
        ? read("fake-project/architect.json")
        : read("fake-project/architect-invalid.json");
      // Asked through structured output, a model writes the JSON alone.
      return structured
        ? stream(res, provider, answer.slice(answer.indexOf("{"), answer.lastIndexOf("}") + 1), "stop", { structured })
        : stream(res, provider, answer, "stop");
    }
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
  const events =
    provider === "anthropic" ? anthropicEvents(pieces, finish, options.structured) : openaiEvents(pieces, finish, options.usage !== false);
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

function anthropicEvents(pieces, finish, structured) {
  // A forced tool answers with a tool_use block whose input streams as partial JSON.
  const block = structured ? { type: "tool_use", id: "toolu_fake", name: structured.name, input: {} } : { type: "text", text: "" };
  const delta = (text) => (structured ? { type: "input_json_delta", partial_json: text } : { type: "text_delta", text });
  const stopReason = finish === "length" ? "max_tokens" : structured ? "tool_use" : "end_turn";
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
    event("content_block_start", { index: 0, content_block: block }),
    ...pieces.map((text) => event("content_block_delta", { index: 0, delta: delta(text) })),
    event("content_block_stop", { index: 0 }),
    event("message_delta", {
      delta: { stop_reason: stopReason, stop_sequence: null },
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
