/**
 * The project's git branch heads (`refs/heads/<name>` -> commit id). The commits themselves are
 * derived from the step manifests (workflows/git/); only where each branch points is state, and
 * it moves by compare-and-swap so two writers can never lose each other's update.
 */

export interface GitRef {
  name: string;
  target: string;
}

/** `moved`: the branch no longer points at what the caller expected; `current` is where it is. */
export type RefUpdate =
  | { ok: true }
  | { ok: false; reason: "moved"; current: string | null }
  | { ok: false; reason: "invalid"; message: string };

const REF_NAME = /^refs\/heads\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const OBJECT_ID = /^[0-9a-f]{40}$/;

/** The table is made by schema.ts (version 3, `git_refs`). */
export class GitRefs {
  constructor(private readonly sql: SqlStorage) {}

  /** Every branch, by name. */
  list(): GitRef[] {
    return this.sql
      .exec<{ name: string; target: string }>("SELECT name, target FROM git_refs ORDER BY name")
      .toArray()
      .map(({ name, target }) => ({ name, target }));
  }

  get(name: string): string | null {
    return this.sql.exec<{ target: string }>("SELECT target FROM git_refs WHERE name = ?", name).toArray()[0]?.target ?? null;
  }

  /**
   * Moves `name` from `expected` (null: the branch must not exist) to `next` (null: delete it),
   * only if it still points at `expected`. Runs in one synchronous turn of the object, so no
   * other call interleaves between the read and the write.
   */
  update(name: string, expected: string | null, next: string | null): RefUpdate {
    // Answered, not thrown: an error thrown across RPC would reach the caller as an opaque one.
    if (!REF_NAME.test(name) || name.includes("..") || name.endsWith(".lock")) {
      return { ok: false, reason: "invalid", message: `invalid ref name: ${name.slice(0, 100)}` };
    }
    for (const id of [expected, next]) {
      if (id !== null && !OBJECT_ID.test(id)) return { ok: false, reason: "invalid", message: `invalid object id: ${id.slice(0, 60)}` };
    }
    const current = this.get(name);
    if (current !== expected) return { ok: false, reason: "moved", current };
    if (next === null) this.sql.exec("DELETE FROM git_refs WHERE name = ?", name);
    else {
      this.sql.exec(
        "INSERT INTO git_refs (name, target, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at",
        name,
        next,
        new Date().toISOString(),
      );
    }
    return { ok: true };
  }
}
