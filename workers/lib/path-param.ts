import { notFound } from "./errors";

/** A URL path segment as text; a malformed %-escape is a path that does not exist, not a 500. */
export function decodePath(raw: string, what = "file"): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw notFound(what);
  }
}
