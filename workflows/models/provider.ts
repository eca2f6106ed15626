import { ModelCallError, cleanMessage, kindOfStatus, retryAfterMs } from "./errors";
import type { KeySource, ProviderName } from "./errors";

/** What a provider needs to make calls; keys are always passed in, never read from the environment. */
export interface ProviderSettings {
  apiKey: string;
  keySource: KeySource;
  baseURL: string;
  model: string;
  /** How long a call may go without data (headers, then each chunk) before it counts as dropped. */
  timeoutMs?: number;
}

/**
 * The default idle timeout. Five silent calls (the first and 4 retries) plus their backoff take
 * about 5 min 15 s, inside the recovery deadline (7 min), which is inside the Workflow step's 10 min.
 */
export const IDLE_TIMEOUT_MS = 60_000;

/** The caller aborted: that error passes through untouched, it must not be retried as a dropped call. */
export function isAbort(_err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true;
}

/** The error classes an official SDK (openai, @anthropic-ai/sdk) throws; both carry status and headers. */
export interface SdkErrorClasses {
  connection: abstract new (...args: never[]) => Error;
  api: abstract new (
    ...args: never[]
  ) => Error & { status?: number | undefined; headers?: { get(name: string): string | null } | undefined };
}

/**
 * What an SDK threw, as a ModelCallError recovery understands: the HTTP status says whether to
 * retry (529, Anthropic's "overloaded", is transient like a 503), and anything else thrown
 * mid-stream (a reset connection, a malformed event) is a dropped stream. The key is scrubbed from
 * every message.
 */
export function sdkCallError(provider: ProviderName, sdk: SdkErrorClasses, err: unknown, key: string, signal?: AbortSignal): unknown {
  if (err instanceof ModelCallError || isAbort(err, signal)) return err;
  if (err instanceof sdk.connection) return new ModelCallError(provider, "network", cleanMessage(err.message, key));
  if (err instanceof sdk.api && typeof err.status === "number") {
    return new ModelCallError(
      provider,
      kindOfStatus(err.status),
      cleanMessage(err.message, key),
      err.status,
      retryAfterMs(err.headers?.get("retry-after")),
    );
  }
  return new ModelCallError(provider, "dropped", cleanMessage(err instanceof Error ? err.message : String(err), key));
}
