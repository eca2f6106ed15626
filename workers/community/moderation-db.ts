/**
 * Reports and admin decisions in D1. A project leaves the gallery once `threshold` distinct
 * accounts have reported it (`hidden`), and stays out until an admin restores it (the reports
 * so far are then resolved: only new reports count towards hiding it again) or removes it.
 */

export interface ReportOutcome {
  /** False when this account had reported the project before (nothing changed). */
  recorded: boolean;
  /** Open reports, this one included. */
  reports: number;
  hidden: boolean;
}

export async function addReport(
  db: D1Database,
  projectId: string,
  reporter: string,
  reason: string,
  threshold: number,
  now = Date.now(),
): Promise<ReportOutcome> {
  const [insert, , state] = await db.batch<{ reports: number; hidden: number }>([
    db
      .prepare("INSERT OR IGNORE INTO reports (project_id, reporter, reason, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(projectId, reporter, reason, now),
    // In the same batch (one transaction), so two reports racing to the threshold both see it.
    db
      .prepare(
        `UPDATE gallery SET hidden = 1 WHERE project_id = ?1 AND hidden = 0 AND removed = 0
           AND (SELECT COUNT(*) FROM reports WHERE project_id = ?1 AND resolved = 0) >= ?2`,
      )
      .bind(projectId, threshold),
    db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM reports WHERE project_id = ?1 AND resolved = 0) AS reports,
           COALESCE((SELECT hidden FROM gallery WHERE project_id = ?1), 0) AS hidden`,
      )
      .bind(projectId),
  ]);
  const row = state?.results[0];
  return { recorded: (insert?.meta.changes ?? 0) > 0, reports: row?.reports ?? 0, hidden: row?.hidden === 1 };
}

/** Back in the gallery (if its owner still has it public); the reports so far are resolved. */
export async function restoreListing(db: D1Database, projectId: string): Promise<boolean> {
  const [update] = await db.batch([
    db.prepare("UPDATE gallery SET hidden = 0, removed = 0 WHERE project_id = ?1").bind(projectId),
    db.prepare("UPDATE reports SET resolved = 1 WHERE project_id = ?1").bind(projectId),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** Out of the gallery for good; the project's own object closes its public page. */
export async function removeListing(db: D1Database, projectId: string): Promise<boolean> {
  const [update] = await db.batch([
    db.prepare("UPDATE gallery SET removed = 1, hidden = 0 WHERE project_id = ?1").bind(projectId),
    db.prepare("UPDATE reports SET resolved = 1 WHERE project_id = ?1").bind(projectId),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

/** What admins review: hidden projects with their open reports, oldest first. */
export async function hiddenListings(
  db: D1Database,
  limit = 50,
): Promise<Array<{ id: string; name: string; reports: Array<{ reason: string; at: string }> }>> {
  const { results } = await db
    .prepare(
      `SELECT g.project_id AS id, g.name AS name, r.reason AS reason, r.created_at AS at FROM gallery g
         JOIN reports r ON r.project_id = g.project_id AND r.resolved = 0
       WHERE g.hidden = 1 AND g.removed = 0 ORDER BY g.seq, r.created_at LIMIT ?1`,
    )
    .bind(limit * 10)
    .all<{ id: string; name: string; reason: string; at: number }>();
  const byProject = new Map<string, { id: string; name: string; reports: Array<{ reason: string; at: string }> }>();
  for (const row of results) {
    const entry = byProject.get(row.id) ?? { id: row.id, name: row.name, reports: [] };
    entry.reports.push({ reason: row.reason, at: new Date(row.at).toISOString() });
    byProject.set(row.id, entry);
  }
  return [...byProject.values()].slice(0, limit);
}
