import { HTTPException } from "hono/http-exception";
import { GenerationLimitError, InsufficientCreditsError } from "../accounts/accounts";
import { apiError } from "../lib/errors";
import { RunInProgressError } from "../projects/start-run";

/**
 * The account checks in front of a new project (limits and the credit reservation), as HTTP:
 * 402 carries the balance, the estimate and where to buy, so a client can say it in its own
 * words; 429 says when to retry; 409 names the run still in progress (`run`). Null for any
 * other error.
 */
export function admissionError(err: unknown): HTTPException | null {
  if (err instanceof RunInProgressError) return runInProgress(err);
  if (err instanceof InsufficientCreditsError) return insufficientCredits(err);
  if (err instanceof GenerationLimitError) {
    return apiError(429, "rate_limited", err.message, { headers: { "retry-after": String(err.retryAfter) } });
  }
  return null;
}

export function insufficientCredits(err: InsufficientCreditsError): HTTPException {
  const body = {
    error: { code: "insufficient_credits", message: err.message, balance: err.balance, estimate: err.needed, buyUrl: err.buyUrl },
  };
  const res = new Response(JSON.stringify(body), { status: 402, headers: { "content-type": "application/json; charset=utf-8" } });
  return new HTTPException(402, { res, message: err.message });
}

/** 409 with the id of the run that is in the way, so a client can watch it or wait for it. */
export function runInProgress(err: RunInProgressError): HTTPException {
  const body = { error: { code: "run_in_progress", message: err.message, run: err.runId } };
  const res = new Response(JSON.stringify(body), { status: 409, headers: { "content-type": "application/json; charset=utf-8" } });
  return new HTTPException(409, { res, message: err.message });
}
