import type { KeySource } from "./errors";

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
