// zod/mini, as everywhere in the console: full zod compiles parsers with `new Function`, which the
// page's Trusted Types policy blocks.
import * as z from "zod/mini";
import type { ApiErrorDetails } from "../shared/error-codes";

/**
 * Requests to the Worker. The session is an HttpOnly cookie the page never sees, so there is no
 * token to keep or leak here; same-origin fetches carry it.
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    /** An API error code (shared/error-codes.ts) or, from a server that is not ours, anything. */
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
  }
}

/** The API's error envelope; fields a code does not carry are simply absent. */
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.optional(z.string()),
    length: z.optional(z.number()),
    max: z.optional(z.number()),
    balance: z.optional(z.number()),
    estimate: z.optional(z.number()),
    buyUrl: z.optional(z.string()),
    reason: z.optional(z.enum(["concurrent", "hourly", "requests"])),
    limit: z.optional(z.number()),
    retryAfter: z.optional(z.number()),
  }),
});

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  if (!res.ok) throw await toError(res);
  return res;
}

export async function getJson(path: string): Promise<unknown> {
  return (await request(path)).json();
}

/** Like `getJson`, but a route that does not exist yet (404) gives null: its panel hides. */
export async function getOptional(path: string): Promise<unknown> {
  try {
    return await getJson(path);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

export async function sendJson(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<unknown> {
  const res = await request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.status === 204 ? null : res.json();
}

async function toError(res: Response): Promise<HttpError> {
  const statusLine = `${res.status} ${res.statusText}`;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: keep the status line.
  }
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) return new HttpError(res.status, "http_error", statusLine);
  const { code, message, ...details } = parsed.data.error;
  return new HttpError(res.status, code, message, details);
}
