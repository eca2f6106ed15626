import type { Publication, PublicationHold, Visibility } from "../../shared/community";
import { isVisibility } from "../../shared/community";

/** The publication as the room keeps it: what owners see, and whether an admin removed it. */
export type PublicationState = Publication & { removed: boolean };

interface PublicationRow extends Record<string, SqlStorageValue> {
  visibility: string;
  requested: string;
  hold: string | null;
  removed: number;
  parent_id: string | null;
  parent_name: string | null;
}

/**
 * Who may see the project (docs/community.md): the one source of truth that every way in reads
 * on every request, so a change takes effect at the next request. A project without a row is
 * private, as every project was before visibility existed. The table is schema.ts's version 3.
 */
export class ProjectPublication {
  constructor(private readonly sql: SqlStorage) {}

  get(): PublicationState {
    const row = this.sql.exec<PublicationRow>("SELECT * FROM publication WHERE id = 1").toArray()[0];
    if (!row) return { visibility: "private", requested: "private", hold: null, parent: null, removed: false };
    return {
      visibility: toVisibility(row.visibility),
      requested: toVisibility(row.requested),
      hold: row.hold ? toHold(row.hold) : null,
      parent: row.parent_id ? { id: row.parent_id, name: row.parent_name ?? row.parent_id } : null,
      removed: row.removed === 1,
    };
  }

  set(next: { visibility: Visibility; requested: Visibility; hold: PublicationHold | null }): void {
    this.upsert({ visibility: next.visibility, requested: next.requested, hold: next.hold ? JSON.stringify(next.hold) : null });
  }

  /** An admin's decision: removed projects are private and stay so until restored. */
  setRemoved(removed: boolean): void {
    const current = this.get();
    this.upsert({
      removed: removed ? 1 : 0,
      ...(removed ? { visibility: "private", hold: JSON.stringify({ code: "removed" } satisfies PublicationHold) } : {}),
      ...(!removed && current.hold?.code === "removed" ? { hold: null } : {}),
    });
  }

  /** The project this one was remixed from; set once, when the remix is made. */
  setParent(parent: { id: string; name: string }): void {
    this.upsert({ parent_id: parent.id, parent_name: parent.name });
  }

  private upsert(values: Record<string, SqlStorageValue>): void {
    const current = this.get();
    const row = {
      visibility: current.visibility,
      requested: current.requested,
      hold: current.hold ? JSON.stringify(current.hold) : null,
      removed: current.removed ? 1 : 0,
      parent_id: current.parent?.id ?? null,
      parent_name: current.parent?.name ?? null,
      ...values,
    };
    this.sql.exec(
      `INSERT INTO publication (id, visibility, requested, hold, removed, parent_id, parent_name, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET visibility = excluded.visibility, requested = excluded.requested, hold = excluded.hold,
         removed = excluded.removed, parent_id = excluded.parent_id, parent_name = excluded.parent_name, updated_at = excluded.updated_at`,
      row.visibility,
      row.requested,
      row.hold,
      row.removed,
      row.parent_id,
      row.parent_name,
      new Date().toISOString(),
    );
  }
}

// Written only by this class, so these guard against schema drift, not users.
function toVisibility(value: string): Visibility {
  if (isVisibility(value)) return value;
  throw new Error(`unknown visibility in storage: ${value}`);
}

function toHold(text: string): PublicationHold | null {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || !("code" in value)) return null;
  if (value.code === "removed") return { code: "removed" };
  if (value.code === "secret_found" && "path" in value && "line" in value) {
    return { code: "secret_found", path: String(value.path), line: Number(value.line) };
  }
  return null;
}
