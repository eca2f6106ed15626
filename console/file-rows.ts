/**
 * A project's files as the Durable Object keeps them (durable-objects/project-room/rows.ts): one row per
 * (role, path), and the visible file of a path is the row of the latest role in pipeline order.
 * Keeping every row lets a later role's `removed` event uncover the earlier role's file, which
 * the server still serves, instead of leaving a hole in the tree.
 */
import type { FileView, ProjectEvent } from "../shared/protocol";
import { STEP_ORDER } from "../shared/roles";

type FileEvent = Extract<ProjectEvent, { type: "file" }>;

/** Applies one `file` event to the rows: a write replaces the role's own row, `removed` drops it. */
export function applyFileEvent(rows: readonly FileView[], event: FileEvent): FileView[] {
  const rest = rows.filter((r) => !(r.path === event.path && r.role === event.role));
  return event.removed ? rest : [...rest, { path: event.path, size: event.size, role: event.role }];
}

/** One file per path, the latest role's, sorted by path: what the tree shows and the ZIP holds. */
export function visibleFiles(rows: readonly FileView[]): FileView[] {
  const byPath = new Map<string, FileView>();
  for (const row of rows) {
    const current = byPath.get(row.path);
    if (!current || STEP_ORDER.indexOf(row.role) > STEP_ORDER.indexOf(current.role)) byPath.set(row.path, row);
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
