import { log } from "../../workers/lib/log";
import { ModelCallError, ModelUnreachableError, providerLabel, rejection } from "./errors";
import type { KeySource, ProviderName } from "./errors";
import type { Model, ModelEvent, ModelRequest, ModelUsage } from "./model";
import { StreamTimeoutError, untilAborted } from "./idle-timer";
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
  /**
   * The most one answer may take, calls, waits and continuations together. Past it the call in
   * flight is abandoned and recovery gives up with `ModelUnreachableError`, early enough inside the
   * Workflow step's 10 min for the user's own provider to take over.
   */
  deadlineMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  maxRetries: 4,
  maxContinuations: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  loadingBudgetMs: 180_000,
  deadlineMs: 420_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/**
 * Wraps a provider so its stream survives what providers do: transient errors are retried with
 * exponential backoff (Retry-After wins when given), a loading model is waited for within a
 * budget, and an answer that was dropped mid-stream or cut at the length limit is continued from
 * where it stopped, the pieces spliced into one stream. Permanent errors stop at once as
 * `ModelRejectedError`; spent retries or a spent deadline end as `ModelUnreachableError`.
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
  const label = providerLabel(provider);
  const deadlineAt = policy.now() + policy.deadlineMs;
  const limit = formatMs(policy.deadlineMs);
  for (;;) {
    const before = (request.continuation ?? "") + written;
    const call = before === "" ? request : { ...request, continuation: before };
    const splicer = before === "" ? undefined : new OverlapSplicer(before);
    let done: Extract<ModelEvent, { type: "done" }> | undefined;
    // The call in flight is bounded too: a stream that trickles forever never trips the idle timer.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new StreamTimeoutError(`past the ${limit} limit for one answer`)),
      deadlineAt - policy.now(),
    );
    try {
      const callSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      for await (const event of untilAborted(model.stream(call, callSignal), deadline.signal)) {
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
      if (signal?.aborted) throw err;
      if (deadline.signal.aborted)
        throw new ModelUnreachableError(provider, `${label} did not finish its answer within ${limit}, the limit for one answer`);
      if (!(err instanceof ModelCallError)) throw err;
      if (!err.retryable) throw rejection(err, keySource);
      const wait = delayFor(err, retries, policy);
      if (err.kind === "loading") {
        waitedForLoading += wait;
        if (waitedForLoading > policy.loadingBudgetMs) {
          throw new ModelUnreachableError(provider, `${label} was still loading after ${Math.round(policy.loadingBudgetMs / 1000)} s`);
        }
      } else if (++retries > policy.maxRetries) {
        throw new ModelUnreachableError(provider, `${label} kept failing (${describe(err)}) after ${policy.maxRetries} retries`);
      }
      // Sleeping past the deadline only to give up then would waste the time the fallback needs.
      if (policy.now() + wait >= deadlineAt) {
        const why =
          err.retryAfterMs !== undefined
            ? `asked to wait ${formatMs(wait)} before retrying (${describe(err)})`
            : `kept failing (${describe(err)})`;
        throw new ModelUnreachableError(provider, `${label} ${why}: that is past the ${limit} limit for one answer`);
      }
      log("model.retry", { provider, kind: err.kind, status: err.status, waitMs: wait, retries, resumedAt: written.length });
      await policy.sleep(wait);
      continue;
    } finally {
      clearTimeout(timer);
    }
    const rest = splicer?.end();
    if (rest) {
      written += rest;
      yield { type: "text", text: rest };
    }
    usage.promptTokens += done.usage.promptTokens;
    usage.completionTokens += done.usage.completionTokens;
    // Out of time, an answer cut at the length limit is returned as it is, reported as cut off.
    if (done.finishReason === "length" && continuations < policy.maxContinuations && policy.now() < deadlineAt) {
      continuations++;
      log("model.continue", { provider, continuations, resumedAt: written.length });
      continue;
    }
    yield { type: "done", finishReason: done.finishReason, usage };
    return;
  }
}

/**
 * Retry-After (or a loading estimate) when the provider gave one, in full: retrying sooner than the
 * server asked only burns retries. Else exponential backoff with jitter, capped at `maxDelayMs`.
 */
function delayFor(err: ModelCallError, retries: number, policy: RecoveryPolicy): number {
  if (err.retryAfterMs !== undefined) return err.retryAfterMs;
  // A dropped stream is not the server asking us to slow down: resume at once the first time.
  if (err.kind === "dropped" && retries === 0) return 0;
  const exponential = policy.baseDelayMs * 2 ** retries;
  return Math.min(policy.maxDelayMs, Math.round(exponential * (0.75 + Math.random() * 0.5)));
}

function describe(err: ModelCallError): string {
  return err.status ? `HTTP ${err.status}` : err.kind === "dropped" ? "dropped streams" : "network errors";
}

function formatMs(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
