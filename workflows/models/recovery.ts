import { log } from "../../workers/lib/log";
import { ModelCallError, ModelUnreachableError, providerLabel, rejection } from "./errors";
import type { KeySource, ProviderName } from "./errors";
import type { Model, ModelEvent, ModelRequest, ModelUsage } from "./model";
import { OverlapSplicer } from "./splice";

export interface RecoveryPolicy {
  /** Transient failures (429, 5xx, network, dropped stream) retried per call. */
  maxRetries: number;
  /** Times an answer cut off at the length limit is continued. */
  maxContinuations: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time spent waiting for a model that is still loading (Hugging Face 503). */
  loadingBudgetMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  maxRetries: 4,
  maxContinuations: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  loadingBudgetMs: 180_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Wraps a provider so its stream survives what providers do: transient errors are retried with
 * exponential backoff (Retry-After wins when given), a loading model is waited for within a
 * budget, and an answer that was dropped mid-stream or cut at the length limit is continued from
 * where it stopped, the pieces spliced into one stream. Permanent errors stop at once as
 * `ModelRejectedError`; spent retries end as `ModelUnreachableError`.
 */
export function withRecovery(provider: ProviderName, model: Model, keySource: KeySource, policy = DEFAULT_RECOVERY): Model {
  return {
    name: model.name,
    stream: (request, signal) => recoverStream(provider, model, keySource, request, policy, signal),
  };
}

async function* recoverStream(
  provider: ProviderName,
  model: Model,
  keySource: KeySource,
  request: ModelRequest,
  policy: RecoveryPolicy,
  signal?: AbortSignal,
): AsyncIterable<ModelEvent> {
  const usage: ModelUsage = { promptTokens: 0, completionTokens: 0 };
  let written = "";
  let retries = 0;
  let continuations = 0;
  let waitedForLoading = 0;
  for (;;) {
    const before = (request.continuation ?? "") + written;
    const call = before === "" ? request : { ...request, continuation: before };
    const splicer = before === "" ? undefined : new OverlapSplicer(before);
    let done: Extract<ModelEvent, { type: "done" }> | undefined;
    try {
      for await (const event of model.stream(call, signal)) {
        if (event.type === "done") {
          done = event;
          break;
        }
        const text = splicer ? splicer.push(event.text) : event.text;
        if (text) {
          written += text;
          yield { type: "text", text };
        }
      }
      if (!done) throw new ModelCallError(provider, "dropped", "the stream ended before the model finished");
    } catch (err) {
      if (!(err instanceof ModelCallError) || signal?.aborted) throw err;
      if (!err.retryable) throw rejection(err, keySource);
      const wait = delayFor(err, retries, policy);
      if (err.kind === "loading") {
        waitedForLoading += wait;
        if (waitedForLoading > policy.loadingBudgetMs) {
          throw new ModelUnreachableError(provider, `${providerLabel(provider)} was still loading after ${Math.round(policy.loadingBudgetMs / 1000)} s`);
        }
      } else if (++retries > policy.maxRetries) {
        throw new ModelUnreachableError(provider, `${providerLabel(provider)} kept failing (${describe(err)}) after ${policy.maxRetries} retries`);
      }
      log("model.retry", { provider, kind: err.kind, status: err.status, waitMs: wait, retries, resumedAt: written.length });
      await policy.sleep(wait);
      continue;
    }
    const rest = splicer?.end();
    if (rest) {
      written += rest;
      yield { type: "text", text: rest };
    }
    usage.promptTokens += done.usage.promptTokens;
    usage.completionTokens += done.usage.completionTokens;
    if (done.finishReason === "length" && continuations < policy.maxContinuations) {
      continuations++;
      log("model.continue", { provider, continuations, resumedAt: written.length });
      continue;
    }
    yield { type: "done", finishReason: done.finishReason, usage };
    return;
  }
}

/** Retry-After (or a loading estimate) when the provider gave one, else exponential backoff with jitter. */
function delayFor(err: ModelCallError, retries: number, policy: RecoveryPolicy): number {
  if (err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, policy.maxDelayMs);
  // A dropped stream is not the server asking us to slow down: resume at once the first time.
  if (err.kind === "dropped" && retries === 0) return 0;
  const exponential = policy.baseDelayMs * 2 ** retries;
  return Math.min(policy.maxDelayMs, Math.round(exponential * (0.75 + Math.random() * 0.5)));
}

function describe(err: ModelCallError): string {
  return err.status ? `HTTP ${err.status}` : err.kind === "dropped" ? "dropped streams" : "network errors";
}
