import { HTTPException } from "hono/http-exception";
import { GenerationLimitError, InsufficientCreditsError, abandonGeneration, admitGeneration } from "../accounts/accounts";
import { apiError } from "../lib/errors";

/**
 * The account checks in front of `POST /api/projects`: limits and the credit reservation, as HTTP.
 * 402 carries the balance, the estimate and where to buy, so a client can say it in its own words.
 */
export async function admitProject(env: Env, accountId: string, projectId: string): Promise<void> {
  try {
    await admitGeneration(env, accountId, projectId);
  } catch (err) {
    if (err instanceof InsufficientCreditsError) throw insufficientCredits(err);
    if (err instanceof GenerationLimitError) {
      throw apiError(429, "rate_limited", err.message, { headers: { "retry-after": String(err.retryAfter) } });
    }
    throw err;
  }
}

/** The project could not be started after all: give its reservation back. */
export async function abandonProject(env: Env, accountId: string, projectId: string): Promise<void> {
  await abandonGeneration(env, accountId, projectId);
}

export function insufficientCredits(err: InsufficientCreditsError): HTTPException {
  const body = {
    error: { code: "insufficient_credits", message: err.message, balance: err.balance, estimate: err.needed, buyUrl: err.buyUrl },
  };
  const res = new Response(JSON.stringify(body), { status: 402, headers: { "content-type": "application/json; charset=utf-8" } });
  return new HTTPException(402, { res, message: err.message });
}
