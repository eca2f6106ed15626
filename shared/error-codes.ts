/**
 * Every `error.code` the API answers with. Front-ends (the chat bots, the console) word each code
 * in their users' language from this list, so a new code cannot ship without its wording: their
 * tests iterate it. docs/api.md gives each code's HTTP status and meaning.
 */
export const API_ERROR_CODES = [
  "invalid_request",
  "invalid_json",
  "body_too_large",
  "unauthorized",
  "cross_site",
  "invalid_signature",
  "stale_request",
  "not_found",
  "invalid_code",
  "not_ready",
  "upgrade_required",
  "unsupported_interaction",
  "prompt_too_long",
  "insufficient_credits",
  "rate_limited",
  "run_settled",
  "run_in_progress",
  "unsupported_edit",
  "no_customer",
  "not_configured",
  "keys_unavailable",
  "github_token_missing",
  "billing_unavailable",
  "payment_provider_error",
  "forbidden",
  "project_removed",
  "own_project",
  "internal",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}

/** What some codes carry beside the message, so a front-end can word them in its own terms. */
export interface ApiErrorDetails {
  /** The request field at fault (`invalid_request`, `prompt_too_long`, `invalid_code`). */
  field?: string;
  /** `prompt_too_long`: the prompt's length and the limit, in characters. */
  length?: number;
  max?: number;
  /** `insufficient_credits`: the balance, what a generation needs, and where to buy more. */
  balance?: number;
  estimate?: number;
  buyUrl?: string;
  /** `rate_limited`: which limit (generations running, started this hour, requests a minute). */
  reason?: "concurrent" | "hourly" | "requests";
  limit?: number;
  /** `rate_limited`: seconds until a retry can succeed (also the `Retry-After` header). */
  retryAfter?: number;
  /** `run_in_progress`: the id of the project's run that is queued or running. */
  run?: string;
}

/** The `error` object of every error response. */
export interface ApiErrorBody extends ApiErrorDetails {
  code: ApiErrorCode;
  message: string;
}
