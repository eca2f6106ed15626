import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error the API returns has this shape, whatever the route. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** Throw from a route: becomes `{"error": {...}}` with `status`. */
export function apiError(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra?: { field?: string; headers?: Record<string, string> },
): HTTPException {
  const body: ErrorBody = { error: { code, message, ...(extra?.field ? { field: extra.field } : {}) } };
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...extra?.headers },
  });
  return new HTTPException(status, { res, message });
}

export const notFound = (what = "resource") => apiError(404, "not_found", `${what} not found`);
