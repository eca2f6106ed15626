import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorCode, ApiErrorDetails } from "../../shared/error-codes";
import { MAX_PROMPT_CHARS } from "../../shared/limits";
import { ModelUnavailableError } from "../../workflows/models/registry";
import { GenerationLimitError, InsufficientCreditsError, RunSettledError } from "../accounts/accounts";
import { apiError } from "../lib/errors";
import { PromptTooLongError } from "./start";
import { RunInProgressError } from "./start-run";

/** A refusal of `startProject` or `startRun`, as an API error: the REST API answers it, the chat bots word it. */
export interface StartRefusal {
  status: ContentfulStatusCode;
  code: ApiErrorCode;
  message: string;
  details: ApiErrorDetails;
}

/**
 * The one place that maps the errors `startProject` throws to API error codes; null for anything
 * else (a bug or an outage, which stays a 500). Front-ends switch on `code`, never on classes.
 */
export function errorCodeOf(err: unknown): StartRefusal | null {
  if (err instanceof PromptTooLongError) {
    return {
      status: 413,
      code: "prompt_too_long",
      message: err.message,
      details: { field: "prompt", length: err.length, max: MAX_PROMPT_CHARS },
    };
  }
  if (err instanceof ModelUnavailableError)
    return { status: 400, code: "invalid_request", message: err.message, details: { field: "model" } };
  if (err instanceof InsufficientCreditsError) {
    return {
      status: 402,
      code: "insufficient_credits",
      message: err.message,
      details: { balance: err.balance, estimate: err.needed, buyUrl: err.buyUrl },
    };
  }
  if (err instanceof GenerationLimitError) {
    return {
      status: 429,
      code: "rate_limited",
      message: err.message,
      details: { reason: err.reason, limit: err.limit, retryAfter: err.retryAfter },
    };
  }
  if (err instanceof RunInProgressError) {
    return { status: 409, code: "run_in_progress", message: err.message, details: { run: err.runId } };
  }
  if (err instanceof RunSettledError) return { status: 409, code: "run_settled", message: err.message, details: {} };
  return null;
}

/** For a route: the refusal as the HTTPException to throw, or the error itself. */
export function startErrorResponse(err: unknown): unknown {
  const refusal = errorCodeOf(err);
  return refusal ? apiError(refusal.status, refusal.code, refusal.message, refusal.details) : err;
}
