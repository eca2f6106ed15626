import { afterEach, describe, expect, it, vi } from "vitest";
import { ModelCallError, ModelUnreachableError } from "../../../workflows/models/errors";
import type { ModelEvent } from "../../../workflows/models/model";
import { DEFAULT_RECOVERY } from "../../../workflows/models/recovery";
import { PROVIDERS, collect, rawProvider, recorded, recovering, request, unique } from "../../helpers/models";

// Must match test/fake/model-server.mjs.
const NORMAL_TEXT =
  "Hola: this is the fake model answering, in several small chunks, so the stream has a few pieces to put back together.\n" +
  "A second line follows, with enough characters to be cut in half by a length limit or a dropped connection.\n";

afterEach(() => {
  vi.restoreAllMocks();
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe("the timing budget, against the Workflow step's 10 minutes", () => {
  it("keeps five silent calls plus backoff, and the whole answer, well inside one step", () => {
    const { deadlineMs, maxRetries, baseDelayMs, loadingBudgetMs } = DEFAULT_RECOVERY;
    const idle = 60_000;
    // Worst case of backoff: each wait at the top of its jitter (x1.25).
    const backoff = Array.from({ length: maxRetries }, (_, n) => baseDelayMs * 2 ** n * 1.25).reduce((a, b) => a + b, 0);
    expect((maxRetries + 1) * idle + backoff).toBeLessThan(deadlineMs);
    expect(loadingBudgetMs).toBeLessThan(deadlineMs);
    // The user's own provider needs time of its own after JoxCoder gives up.
    expect(deadlineMs).toBeLessThanOrEqual(600_000 - 180_000);
  });
});

describe.each(PROVIDERS)("%s: a stream that stalls mid-answer", (provider) => {
  it("counts as dropped once nothing has arrived for the idle timeout, keeping what came before", async () => {
    const marker = `[[fake:stall:${unique()}]]`;
    let text = "";
    const started = Date.now();
    const error = await failure(
      (async () => {
        for await (const event of rawProvider(provider, 300).stream(request(marker))) if (event.type === "text") text += event.text;
      })(),
    );
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).kind).toBe("dropped");
    expect(text.length).toBeGreaterThan(0);
    expect(NORMAL_TEXT.startsWith(text)).toBe(true);
    // The fake holds the silent connection open for 3 s; the idle timer does not wait for that.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("is resumed by recovery, so the answer still arrives whole and once", async () => {
    const marker = `[[fake:stall-once:${unique()}]]`;
    const { model, waits } = recovering(provider, {}, 300);
    const { text, done } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(done?.finishReason).toBe("stop");
    expect(waits).toEqual([0]);
    const calls = await recorded(marker);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.assistant.length).toBeGreaterThan(0);
    expect(NORMAL_TEXT.startsWith(calls[1]?.assistant ?? "x")).toBe(true);
  });
});

describe.each(PROVIDERS)("%s: Retry-After and the deadline", (provider) => {
  it("honours a Retry-After longer than 30 s in full", async () => {
    const marker = `[[fake:rate-limited-45s:${unique()}]]`;
    const { model, waits } = recovering(provider);
    const { text } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(waits).toEqual([45_000]);
  });

  it("gives up at once, as a transient error, when Retry-After reaches past the deadline", async () => {
    const marker = `[[fake:rate-limited-long:${unique()}]]`;
    const { model, waits } = recovering(provider);
    const error = await failure(collect(model, request(marker)));
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as Error).message).toMatch(/asked to wait 10 min before retrying \(HTTP 429\).*past the 7 min limit/);
    expect(waits).toEqual([]);
    expect(await recorded(marker)).toHaveLength(1);
  });

  it("stops retrying when the next backoff would cross the deadline, before its retries run out", async () => {
    const marker = `[[fake:always-500:${unique()}]]`;
    const { model, waits } = recovering(provider, { maxRetries: 10, baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 200_000 });
    const error = await failure(collect(model, request(marker)));
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as Error).message).toMatch(/kept failing \(HTTP 500\).*past the 200 s limit/);
    // 45-60 s, then 60 s twice: a fourth wait would end past 200 s.
    expect(waits).toHaveLength(3);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(200_000);
    expect(await recorded(marker)).toHaveLength(4);
  });

  it("abandons a call still streaming at the deadline, keeping what arrived", async () => {
    const marker = `[[fake:trickle:${unique()}]]`;
    const { model } = recovering(provider, { deadlineMs: 600 });
    let text = "";
    const started = Date.now();
    const error = await failure(
      (async () => {
        for await (const event of model.stream(request(marker))) if (event.type === "text") text += event.text;
      })(),
    );
    expect(error).toBeInstanceOf(ModelUnreachableError);
    expect((error as Error).message).toMatch(/did not finish its answer within 1 s/);
    expect(text.length).toBeGreaterThan(0);
    expect(NORMAL_TEXT.repeat(2).startsWith(text)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("the Hugging Face loading wait", () => {
  it("still waits out a model loading for the full 3 minutes, which fits inside the deadline", async () => {
    const marker = `[[fake:loading-3min:${unique()}]]`;
    const { model, waits } = recovering("joxcoder");
    const { text } = await collect(model, request(marker));
    expect(text).toBe(NORMAL_TEXT);
    expect(waits).toEqual(Array.from({ length: 12 }, () => 15_000));
    expect(await recorded(marker)).toHaveLength(13);
  });
});

describe.each(["joxcoder", "openai"] as const)("%s: a server that sends no usage", (provider) => {
  const usageLines = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls
      .map((args) => String(args[0]))
      .filter((line) => line.includes('"model.usage"'))
      .map((line): unknown => JSON.parse(line));

  it("bills an estimate of four characters per token, and logs it as estimated", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    const marker = `[[fake:no-usage:${unique()}]]`;
    const req = request(`write it ${marker}`, "You are a careful test system.");
    let done: Extract<ModelEvent, { type: "done" }> | undefined;
    for await (const event of rawProvider(provider).stream(req)) if (event.type === "done") done = event;
    const usage = {
      promptTokens: Math.ceil((req.system.length + req.prompt.length) / 4),
      completionTokens: Math.ceil(NORMAL_TEXT.length / 4),
    };
    expect(done?.usage).toEqual(usage);
    expect(usageLines(spy)).toEqual([expect.objectContaining({ provider, ...usage, estimated: true })]);
  });

  it("uses the server's own count when it sends one, logged as not estimated", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    const { done } = await collect(rawProvider(provider), request(`[[fake:normal:${unique()}]]`));
    expect(done?.usage).toEqual({ promptTokens: 50, completionTokens: 25 });
    expect(usageLines(spy)).toEqual([expect.objectContaining({ provider, promptTokens: 50, completionTokens: 25, estimated: false })]);
  });
});
