import type { KeySource } from "./errors";

/** What a provider needs to make calls; keys are always passed in, never read from the environment. */
export interface ProviderSettings {
  apiKey: string;
  keySource: KeySource;
  baseURL: string;
  model: string;
  /** The longest a single call may take before it counts as a dropped stream. */
  timeoutMs?: number;
}

export const CALL_TIMEOUT_MS = 180_000;

/** The caller aborted: that error passes through untouched, it must not be retried as a dropped call. */
export function isAbort(_err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true;
}
