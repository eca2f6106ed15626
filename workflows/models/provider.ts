import type { KeySource } from "./errors";

/** What a provider needs to make calls; keys are always passed in, never read from the environment. */
export interface ProviderSettings {
  apiKey: string;
  keySource: KeySource;
  baseURL: string;
  model: string;
  /** How long a call may wait for its answer (JoxCoder: for the next chunk) before it counts as dropped. */
  timeoutMs?: number;
}

export const CALL_TIMEOUT_MS = 180_000;

/** The caller aborted: that error passes through untouched, it must not be retried as a dropped call. */
export function isAbort(_err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true;
}
