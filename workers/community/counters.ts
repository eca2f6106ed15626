import { hex, sha256Hex } from "../../shared/ids";

/**
 * Stars, clones, views and remixes in D1. Each counter on a gallery row is kept by a trigger on
 * its own table (migrations/0001_gallery.sql), so recording the same thing twice (a second star,
 * a second view the same day, a retried remix) inserts nothing and counts nothing.
 */

/** Stars the project for the account; starring again changes nothing. The project's star count after. */
export async function addStar(db: D1Database, accountId: string, projectId: string, now = Date.now()): Promise<number> {
  const [, count] = await db.batch<{ stars: number }>([
    db.prepare("INSERT OR IGNORE INTO stars (account_id, project_id, created_at) VALUES (?1, ?2, ?3)").bind(accountId, projectId, now),
    db.prepare("SELECT COUNT(*) AS stars FROM stars WHERE project_id = ?1").bind(projectId),
  ]);
  return count?.results[0]?.stars ?? 0;
}

/** Removes the account's star; removing one that is not there changes nothing. */
export async function removeStar(db: D1Database, accountId: string, projectId: string): Promise<number> {
  const [, count] = await db.batch<{ stars: number }>([
    db.prepare("DELETE FROM stars WHERE account_id = ?1 AND project_id = ?2").bind(accountId, projectId),
    db.prepare("SELECT COUNT(*) AS stars FROM stars WHERE project_id = ?1").bind(projectId),
  ]);
  return count?.results[0]?.stars ?? 0;
}

export async function starState(db: D1Database, accountId: string | null, projectId: string): Promise<{ stars: number; starred: boolean }> {
  const row = await db
    .prepare(
      "SELECT (SELECT COUNT(*) FROM stars WHERE project_id = ?1) AS stars, EXISTS (SELECT 1 FROM stars WHERE project_id = ?1 AND account_id = ?2) AS starred",
    )
    .bind(projectId, accountId ?? "")
    .first<{ stars: number; starred: number }>();
  return { stars: row?.stars ?? 0, starred: row?.starred === 1 };
}

/** One git-upload-pack that sent a pack. */
export async function addClone(db: D1Database, projectId: string): Promise<void> {
  await db
    .prepare("INSERT INTO clone_counts (project_id, clones) VALUES (?1, 1) ON CONFLICT (project_id) DO UPDATE SET clones = clones + 1")
    .bind(projectId)
    .run();
}

/** The new project `childId` was remixed from `parentId`; a retry of the same remix counts once. */
export async function addRemix(db: D1Database, parentId: string, childId: string, accountId: string, now = Date.now()): Promise<void> {
  await db
    .prepare("INSERT OR IGNORE INTO remixes (child_id, parent_id, account_id, created_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(childId, parentId, accountId, now)
    .run();
}

/** Who is looking: a signed-in account, or an anonymous visitor known only by their address. */
export type Visitor = { account: string } | { address: string };

/**
 * Counts a view: one per visitor, project and UTC day. An anonymous visitor is a SHA-256 of the
 * address and a random salt that exists only for that day: when a new day starts, the old salt
 * and the old day's rows are deleted (the count stays on the gallery row), after which no stored
 * hash can be matched to an address again. Returns whether this view counted.
 */
export async function recordView(db: D1Database, projectId: string, visitor: Visitor, now = Date.now()): Promise<boolean> {
  const day = new Date(now).toISOString().slice(0, 10);
  const fresh = hex(crypto.getRandomValues(new Uint8Array(32)));
  // The first view of a day makes its salt; every later one reads the same.
  const [, , , salt] = await db.batch<{ salt: string }>([
    db.prepare("DELETE FROM view_salts WHERE day < ?1").bind(day),
    db.prepare("DELETE FROM daily_views WHERE day < ?1").bind(day),
    db.prepare("INSERT OR IGNORE INTO view_salts (day, salt) VALUES (?1, ?2)").bind(day, fresh),
    db.prepare("SELECT salt FROM view_salts WHERE day = ?1").bind(day),
  ]);
  const viewer =
    "account" in visitor ? `acc:${visitor.account}` : `anon:${await sha256Hex(`${salt?.results[0]?.salt ?? fresh}:${visitor.address}`)}`;
  const result = await db
    .prepare("INSERT OR IGNORE INTO daily_views (project_id, day, viewer) VALUES (?1, ?2, ?3)")
    .bind(projectId, day, viewer)
    .run();
  return result.meta.changes > 0;
}
