import { describe, expect, it, vi } from "vitest";
import { ModelCallError, ModelRejectedError, ModelUnreachableError } from "../../../workflows/models/errors";
import { PROVIDERS, TEST_KEYS, collect, rawProvider, recorded, recovering, request, unique } from "../../helpers/models";

// Must match test/fake/model-server.mjs.
const NORMAL_TEXT =
  "Hola: this is the fake model answering, in several small chunks, so the stream has a few pieces to put back together.\n" +
  "A second line follows, with enough characters to be cut in half by a length limit or a dropped connection.\n";

describe.each(PROVIDERS)("the %s provider, against its fake server", (provider) => {
  it("streams the answer in pieces and reports the server's own token counts", async () => {
    const marker = `[[fake:normal:${unique()}]]`;
    // The SDKs warn on every call to a model past its end of life: the default must not be one.
    const warn = vi.spyOn(console, "warn");
    const { text, chunks, done } = await collect(rawProvider(provider), request(`say hi ${marker}`));
    const warnings = warn.mock.calls.flat().map(String).join("\n");
    warn.mockRestore();
    expect(warnings).not.toMatch(/deprecated|end-of-life/i);
    expect(text).toBe(NORMAL_TEXT);
    expect(chunks).toBeGreaterThan(5);
    expect(done).toEqual({ type: "done", finishReason: "stop", usage: { promptTokens: 50, completionTokens: 25 } });
    const [seen] = await recorded(marker);
    // The key went to this provider's base URL, and only there, in the header its API expects.
    expect(seen?.path).toBe(
      { joxcoder: "/hf/v1/chat/completions", openai: "/openai/v1/chat/completions", anthropic: "/anthropic/v1/messages" }[provider],
    );
    const sent = seen?.apiKey ?? seen?.authorization ?? "";
    expect(sent).toContain(TEST_KEYS[provider]);
    expect(seen?.model).toBe({ joxcoder: "joxcoder-test", openai: "gpt-4.1-mini", anthropic: "claude-sonnet-5-5" }[provider]);
  });

  it("waits and retries once when the server is unavailable (503), then succeeds", async () => {
    const marker = `[[fake:unavailable-once:${unique()}]]`;
    const { model, waits } = recovering(provider);
    const { text, done } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(done?.finishReason).toBe("stop");
    // JoxCoder honours the endpoint's loading estimate (0.05 s); the others Retry-After: 0.
    expect(waits).toEqual([provider === "joxcoder" ? 50 : 0]);
    expect((await recorded(marker)).map((r) => r.count)).toEqual([1, 2]);
  });

  it("honours Retry-After on a 429, then succeeds", async () => {
    const marker = `[[fake:rate-limited-once:${unique()}]]`;
    const { model, waits } = recovering(provider);
    const { text } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(waits).toEqual([2_000]);
    expect((await recorded(marker)).map((r) => r.count)).toEqual([1, 2]);
  });

  it("stops at once on 401 with a message that says which key to fix, and never shows the key", async () => {
    const marker = `[[fake:unauthorized:${unique()}]]`;
    const { model, waits } = recovering(provider);
    const error = await collect(model, request(marker)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ModelRejectedError);
    const rejected = error as ModelRejectedError;
    expect(rejected.code).toBe("model_auth");
    expect(rejected.message).toMatch(provider === "joxcoder" ? /HF_TOKEN/ : new RegExp(`PUT /api/account/keys/${provider}`));
    expect(rejected.message).not.toContain(TEST_KEYS[provider]);
    expect(waits).toEqual([]);
    expect(await recorded(marker)).toHaveLength(1);
  });

  it("stops at once on 400 and points at the settings to check", async () => {
    const marker = `[[fake:bad-request:${unique()}]]`;
    const error = await collect(recovering(provider).model, request(marker)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ModelRejectedError);
    expect((error as ModelRejectedError).code).toBe("model_request");
    expect((error as Error).message).toMatch(/(400)/);
  });

  it("resumes a dropped stream from where it stopped, so the text arrives whole and once", async () => {
    const marker = `[[fake:drop:${unique()}]]`;
    const raw = await collect(rawProvider(provider), request(`${marker}a`)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(raw).toBeInstanceOf(ModelCallError);
    expect((raw as ModelCallError).kind).toBe("dropped");

    const { model } = recovering(provider);
    const { text, done } = await collect(model, request(`${marker}b`));
    expect(text).toBe(NORMAL_TEXT);
    expect(done?.finishReason).toBe("stop");
    const calls = await recorded(`${marker}b`);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.assistant).toBe(NORMAL_TEXT.slice(0, 100));
  });

  it("continues an answer cut at the length limit and splices away the repeated tail", async () => {
    const marker = `[[fake:length:${unique()}]]`;
    const { model } = recovering(provider);
    const { text, done } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(done).toEqual({ type: "done", finishReason: "stop", usage: { promptTokens: 100, completionTokens: 50 } });
    const calls = await recorded(marker);
    expect(calls.map((c) => c.assistant.length)).toEqual([0, 120]);
    expect(calls[1]?.text).toContain("Continue exactly where it stopped");
  });

  it("gives up after its retries when the server keeps failing, as a transient error", async () => {
    const marker = `[[fake:always-500:${unique()}]]`;
    const { model, waits } = recovering(provider, { maxRetries: 2, baseDelayMs: 10 });
    const error = await collect(model, request(marker)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect(waits).toHaveLength(2);
    // Exponential: the second wait is about twice the first (with jitter).
    expect(waits[1] ?? 0).toBeGreaterThan(waits[0] ?? 0);
    expect(await recorded(marker)).toHaveLength(3);
  });
});

describe("continuation bounds", () => {
  it("stops continuing after the limit and reports the answer as still cut off", async () => {
    const marker = `[[fake:length:${unique()}]]`;
    const { model } = recovering("openai", { maxContinuations: 0 });
    const { text, done } = await collect(model, request(marker));
    expect(done?.finishReason).toBe("length");
    expect(text).toBe(NORMAL_TEXT.slice(0, 120));
  });
});
