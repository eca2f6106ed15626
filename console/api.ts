/**
 * Requests to the Worker. The session is an HttpOnly cookie the page never sees, so there is no
 * token to keep or leak here; same-origin fetches carry it.
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

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

export async function sendJson(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<unknown> {
  const res = await request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.status === 204 ? null : res.json();
}

async function toError(res: Response): Promise<HttpError> {
  let code = "http_error";
  let message = `${res.status} ${res.statusText}`;
  try {
    const body: unknown = await res.json();
    if (typeof body === "object" && body !== null && "error" in body && typeof body.error === "object" && body.error !== null) {
      if ("code" in body.error && typeof body.error.code === "string") code = body.error.code;
      if ("message" in body.error && typeof body.error.message === "string") message = body.error.message;
    }
  } catch {
    // Not JSON: keep the status line.
  }
  return new HttpError(res.status, code, message);
}
