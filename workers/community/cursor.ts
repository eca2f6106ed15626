import { z } from "zod";

/**
 * Gallery cursors are opaque to clients: base64url of where the previous page ended. Keyset
 * paging (never OFFSET) keeps a page stable while entries are added above it, and the entry's
 * `seq` breaks ties, so entries with equal scores are neither skipped nor repeated.
 */

export const GALLERY_SORTS = ["recent", "popular", "trending"] as const;
export type GallerySort = (typeof GALLERY_SORTS)[number];

const cursorSchema = z.object({
  /** The sort the cursor was made for: it means nothing under another. */
  sort: z.enum(GALLERY_SORTS),
  /** The last entry's sort key: published_at (recent) or its score (popular, trending). */
  key: z.number().finite(),
  /** The last entry's seq, the tie-breaker. */
  seq: z.number().int().nonnegative(),
  /** Trending only: the moment the first page was scored at, so later pages use the same clock. */
  at: z.number().int().nonnegative().optional(),
});

export type GalleryCursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: GalleryCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The cursor, or null when it is not one this code made. */
export function decodeCursor(text: string): GalleryCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    const parsed = cursorSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
