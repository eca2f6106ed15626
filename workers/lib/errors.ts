import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorBody, ApiErrorCode, ApiErrorDetails } from "../../shared/error-codes";

/** Every error the API returns has this shape, whatever the route. */
export interface ErrorBody {
  error: ApiErrorBody;
}

/** Throw from a route: becomes `{"error": {code, message, ...details}}` with `status`. */
export function apiError(status: ContentfulStatusCode, code: ApiErrorCode, message: string, details: ApiErrorDetails = {}): HTTPException {
  const body: ErrorBody = { error: { code, message, ...details } };
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  // A rate limit says when to come back in the standard header too.
  if (details.retryAfter !== undefined) headers["retry-after"] = String(details.retryAfter);
  const res = new Response(JSON.stringify(body), { status, headers });
  return new HTTPException(status, { res, message });
}

export const notFound = (what = "resource") => apiError(404, "not_found", `${what} not found`);
