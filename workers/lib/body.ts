import type { Context } from "hono";
import type { z } from "zod";
import { apiError } from "./errors";

/**
 * Reads a JSON body with a size cap (413 past it) and validates it with `schema` (400 naming the
 * first bad field). The body is read as text first so an oversized one is never parsed.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) throw tooLarge(maxBytes);
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

const tooLarge = (maxBytes: number) => apiError(413, "body_too_large", `the request body is larger than ${maxBytes} bytes`);
