import type { GalleryEntry, GalleryPage, Visibility } from "../../shared/community";
import { encodeCursor } from "./cursor";
import type { GalleryCursor, GallerySort } from "./cursor";
import { ftsQuery } from "./search";

/**
 * The gallery's index in D1 (migrations/0001_gallery.sql): one row per project that was ever
 * made visible, with the counters the gallery sorts by. The project's Durable Object decides who
 * may see a project; this index only lists, searches and counts.
 */

/** What the index keeps about a project, written when its visibility changes or a run ends. */
export interface Listing {
  projectId: string;
  accountId: string;
  author: string;
  name: string;
  summary: string;
  idea: string;
  language: string;
  model: string;
  files: number;
  visibility: Visibility;
  parentId: string | null;
}

interface GalleryRow extends Record<string, unknown> {
  seq: number;
  project_id: string;
  author: string;
  name: string;
  summary: string;
  language: string;
  model: string;
  files: number;
  stars: number;
  remixes: number;
  clones: number;
  views: number;
  parent_id: string | null;
  published_at: number;
  updated_at: number;
  sort_key: number;
}

/**
 * Adds or refreshes a project's row. Counters are never taken from the caller: a new row counts
 * the stars, remixes, views and clones already recorded (a project starred while unlisted, remixed while
 * private), and an existing row keeps its own. `published_at` is set the first time the project
 * goes public and kept after, so switching back and forth does not move it to the top of "recent".
 */
export async function upsertListing(db: D1Database, listing: Listing, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `INSERT INTO gallery (project_id, account_id, author, name, summary, idea, language, model, files, visibility,
         parent_id, published_at, updated_at, stars, remixes, views, clones)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?10 = 'public' THEN ?12 END, ?12,
         (SELECT COUNT(*) FROM stars WHERE project_id = ?1),
         (SELECT COUNT(*) FROM remixes WHERE parent_id = ?1),
         (SELECT COUNT(*) FROM daily_views WHERE project_id = ?1),
         COALESCE((SELECT clones FROM clone_counts WHERE project_id = ?1), 0))
       ON CONFLICT (project_id) DO UPDATE SET
         author = excluded.author, name = excluded.name, summary = excluded.summary, idea = excluded.idea,
         language = excluded.language, model = excluded.model, files = excluded.files,
         visibility = excluded.visibility, parent_id = excluded.parent_id,
         published_at = COALESCE(gallery.published_at, excluded.published_at), updated_at = excluded.updated_at`,
    )
    .bind(
      listing.projectId,
      listing.accountId,
      listing.author,
      listing.name,
      listing.summary,
      listing.idea,
      listing.language,
      listing.model,
      listing.files,
      listing.visibility,
      listing.parentId,
      now,
    )
    .run();
}

/** Going private keeps the row (and its counters) but takes it out of every list at once. */
export async function setListedVisibility(db: D1Database, projectId: string, visibility: Visibility, now = Date.now()): Promise<void> {
  await db.prepare("UPDATE gallery SET visibility = ?2, updated_at = ?3 WHERE project_id = ?1").bind(projectId, visibility, now).run();
}

export interface GalleryQuery {
  sort: GallerySort;
  /** Free text; null lists everything. */
  q: string | null;
  cursor: GalleryCursor | null;
  limit: number;
}

/** Only `public`, never hidden by reports or removed by an admin, and published at least once. */
const LISTED = "g.visibility = 'public' AND g.hidden = 0 AND g.removed = 0 AND g.published_at IS NOT NULL";

/** docs/community.md defines these; they are the only place the scores are computed. */
export const POPULAR_SCORE = "(g.stars * 3 + g.clones + g.remixes * 2)";
const HOUR_MS = 3_600_000;
/**
 * +1 so entries nobody has starred yet still rank, newest first, instead of all tying at 0. The decay
 * is a square written as a product: SQLite's pow() exists only where it was built with math
 * functions, which D1 does not promise.
 */
const trendingScore = (atParam: string) => {
  const age = `(MAX(${atParam} - g.published_at, 0) / ${HOUR_MS}.0 + 2)`;
  return `((${POPULAR_SCORE} + 1) / (${age} * ${age}))`;
};

export async function listGallery(db: D1Database, query: GalleryQuery, now = Date.now()): Promise<GalleryPage> {
  // Trending scores depend on the clock: every page of one listing is scored at the first page's.
  const at = query.sort === "trending" ? (query.cursor?.at ?? now) : undefined;
  const key = query.sort === "recent" ? "g.published_at" : query.sort === "popular" ? POPULAR_SCORE : trendingScore("?1");
  const params: Array<string | number> = [at ?? 0];
  const where = [LISTED];
  const match = query.q ? ftsQuery(query.q) : null;
  if (query.q && !match) return { entries: [], next: null };
  if (match) {
    params.push(match);
    where.push(`g.seq IN (SELECT rowid FROM gallery_fts WHERE gallery_fts MATCH ?${params.length})`);
  }
  if (query.cursor) {
    params.push(query.cursor.key, query.cursor.seq);
    const k = `?${params.length - 1}`;
    const s = `?${params.length}`;
    where.push(`(${key} < ${k} OR (${key} = ${k} AND g.seq < ${s}))`);
  }
  params.push(query.limit + 1);
  const sql = `SELECT g.*, ${key} AS sort_key FROM gallery g WHERE ${where.join(" AND ")}
    ORDER BY sort_key DESC, g.seq DESC LIMIT ?${params.length}`;
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<GalleryRow>();
  const rows = results.slice(0, query.limit);
  const last = rows.at(-1);
  const next =
    results.length > query.limit && last
      ? encodeCursor({ sort: query.sort, key: last.sort_key, seq: last.seq, ...(at !== undefined ? { at } : {}) })
      : null;
  return { entries: rows.map(toEntry), next };
}

/** One project's row, listed or not (the owner's page and the counters read it). */
export async function galleryRow(db: D1Database, projectId: string): Promise<GalleryEntry | null> {
  const row = await db.prepare("SELECT g.*, 0 AS sort_key FROM gallery g WHERE project_id = ?1").bind(projectId).first<GalleryRow>();
  return row ? toEntry(row) : null;
}

function toEntry(row: GalleryRow): GalleryEntry {
  return {
    id: row.project_id,
    name: row.name,
    summary: row.summary,
    language: row.language,
    model: row.model,
    files: row.files,
    stars: row.stars,
    remixes: row.remixes,
    clones: row.clones,
    views: row.views,
    author: row.author,
    publishedAt: new Date(row.published_at ?? row.updated_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    parent: row.parent_id,
    path: `/p/${row.project_id}`,
  };
}
