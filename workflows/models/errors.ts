/**
 * How a model call fails. Providers turn their SDK's errors into `ModelCallError` (one call, with
 * whether trying again can help); the recovery wrapper retries those and, when it must stop, throws
 * one of the two errors the Workflow understands: rejected (permanent) or unreachable (transient,
 * retries spent). Messages say what to fix and never carry a key.
 */

export type ProviderName = "joxcoder" | "openai" | "anthropic";
/** Whose key a call used: the deployment's secret or the account's own (BYO) key. */
export type KeySource = "deployment" | "account";

export type CallFailureKind = "auth" | "invalid" | "rate" | "server" | "loading" | "network" | "dropped";

export class ModelCallError extends Error {
  override readonly name = "ModelCallError";
  constructor(
    readonly provider: ProviderName,
    readonly kind: CallFailureKind,
    message: string,
    readonly status?: number,
    /** From Retry-After (or the endpoint's own loading estimate), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind !== "auth" && this.kind !== "invalid";
  }
}

/** No retry can fix it (bad key, invalid request): the step stops at once. */
export class ModelRejectedError extends Error {
  override readonly name = "ModelRejectedError";
  constructor(
    readonly provider: ProviderName,
    readonly code: "model_auth" | "model_request",
    message: string,
  ) {
    super(message);
  }
}

/** Transient failures outlasted the retries; a later step attempt may still succeed. */
export class ModelUnreachableError extends Error {
  override readonly name = "ModelUnreachableError";
  constructor(
    readonly provider: ProviderName,
    message: string,
  ) {
    super(message);
  }
}

const LABEL: Record<ProviderName, string> = { joxcoder: "JoxCoder", openai: "OpenAI", anthropic: "Anthropic" };
const KEY_VAR: Record<ProviderName, string> = { joxcoder: "HF_TOKEN", openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY" };
const SETTINGS: Record<ProviderName, string> = {
  joxcoder: "JOXCODER_ENDPOINT_URL and JOXCODER_MODEL",
  openai: "OPENAI_BASE_URL and OPENAI_MODEL",
  anthropic: "ANTHROPIC_BASE_URL and ANTHROPIC_MODEL",
};

export function providerLabel(provider: ProviderName): string {
  return LABEL[provider];
}

/** The permanent error for a call that cannot succeed, worded as what the user or operator must do. */
export function rejection(failure: ModelCallError, keySource: KeySource): ModelRejectedError {
  const who = LABEL[failure.provider];
  const status = failure.status ? ` (${failure.status})` : "";
  if (failure.kind === "auth") {
    const fix =
      keySource === "account"
        ? `replace your key with PUT /api/account/keys/${failure.provider}`
        : `set a valid ${KEY_VAR[failure.provider]} secret`;
    return new ModelRejectedError(failure.provider, "model_auth", `${who} rejected the API key${status}: ${fix}`);
  }
  return new ModelRejectedError(
    failure.provider,
    "model_request",
    `${who} rejected the request${status}: ${failure.message}. Check ${SETTINGS[failure.provider]}`,
  );
}

/** Maps an HTTP status to what it means for retrying. */
export function kindOfStatus(status: number, loading = false): CallFailureKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429 || status === 408 || status === 409) return "rate";
  if (status === 503 && loading) return "loading";
  if (status >= 500) return "server";
  return "invalid";
}

/** Retry-After as milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Provider messages are shown to users: keep them short and strip anything shaped like a key. */
export function cleanMessage(message: string, secret?: string): string {
  let text = message.replace(/\s+/g, " ").trim();
  if (secret) text = text.split(secret).join("[key]");
  text = text.replace(/\b(sk|hf|key)[-_][A-Za-z0-9_-]{8,}/g, "[key]");
  return text.slice(0, 200);
}
