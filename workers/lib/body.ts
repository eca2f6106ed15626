import type { Context } from "hono";
import type { z } from "zod";
import { apiError } from "./errors";

/**
 * Reads a JSON body with a size cap (413 past it) and validates it with `schema` (400 naming the
 * first bad field). The body is read as text first so an oversized one is never parsed.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const text = await readText(c.req.raw, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_json", "the request body must be JSON");
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    const message = issue ? `${field ?? "body"}: ${issue.message}` : "invalid request body";
    throw apiError(400, "invalid_request", message, field ? { field } : undefined);
  }
  return result.data;
}

/**
 * The body as text, refused with 413 once it passes `maxBytes`: a declared Content-Length is
 * checked first, and a body without one (chunked) is read as a stream and abandoned the moment it
 * grows past the cap, so a large body is never held in memory, let alone verified or parsed.
 */
export async function readText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

const tooLarge = (maxBytes: number) => apiError(413, "body_too_large", `the request body is larger than ${maxBytes} bytes`);
