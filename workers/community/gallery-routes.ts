import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { apiError } from "../lib/errors";
import { GALLERY_SORTS, decodeCursor } from "./cursor";
import { listGallery } from "./gallery-db";

const querySchema = z.object({
  sort: z.enum(GALLERY_SORTS).default("recent"),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * `GET /api/gallery?sort=recent|popular|trending&q=<text>&cursor=<next>&limit=`: public projects,
 * readable without an account. Scores are defined in docs/community.md. Never cached: a project
 * made private leaves the list at once.
 */
export const gallery = new Hono<AppEnv>().get("/", async (c) => {
  const parsed = querySchema.safeParse(c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "query";
    throw apiError(400, "invalid_request", `${field}: ${issue?.message ?? "invalid"}`, { field });
  }
  const { sort, q, limit } = parsed.data;
  const cursor = parsed.data.cursor ? decodeCursor(parsed.data.cursor) : null;
  if (parsed.data.cursor && (!cursor || cursor.sort !== sort)) {
    throw apiError(400, "invalid_request", "cursor: not a cursor from this listing; start again without it", { field: "cursor" });
  }
  const page = await listGallery(c.env.DB, { sort, q: q || null, cursor, limit });
  return c.json(page, 200, { "cache-control": "no-store" });
});
