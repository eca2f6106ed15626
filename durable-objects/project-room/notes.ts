import type { ProjectProblem } from "../../shared/protocol";
import type { Role } from "../../shared/roles";

/**
 * The parts of a project's state the model layer adds: which roles switched models, and what was
 * still wrong after repair. Both are written from retried steps, so each write reports whether it
 * is new; the room emits an event only then.
 */
export class ProjectNotes {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS model_switches (
        role TEXT NOT NULL, attempt INTEGER NOT NULL, from_model TEXT NOT NULL, to_model TEXT NOT NULL,
        PRIMARY KEY (role, attempt, from_model, to_model)
      );
      CREATE TABLE IF NOT EXISTS problems (
        role TEXT NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL,
        PRIMARY KEY (role, kind, path)
      );
    `);
  }

  /** true the first time this switch is recorded for this attempt. */
  recordSwitch(role: Role, attempt: number, from: string, to: string): boolean {
    return (
      this.sql
        .exec(
          "INSERT OR IGNORE INTO model_switches (role, attempt, from_model, to_model) VALUES (?, ?, ?, ?) RETURNING role",
          role,
          attempt,
          from,
          to,
        )
        .toArray().length > 0
    );
  }

  /** The provider the latest switch went to, if any role switched. */
  lastSwitch(): string | undefined {
    return this.sql.exec<{ to_model: string }>("SELECT to_model FROM model_switches ORDER BY rowid DESC LIMIT 1").toArray()[0]?.to_model;
  }

  /** Replaces the role's problems; returns the ones not already recorded. */
  replaceProblems(role: Role, problems: readonly ProjectProblem[]): ProjectProblem[] {
    const known = new Set(
      this.sql
        .exec<{ kind: string; path: string; message: string }>("SELECT kind, path, message FROM problems WHERE role = ?", role)
        .toArray()
        .map((row) => `${row.kind}\n${row.path}\n${row.message}`),
    );
    this.sql.exec("DELETE FROM problems WHERE role = ?", role);
    for (const p of problems) {
      this.sql.exec("INSERT OR REPLACE INTO problems (role, kind, path, message) VALUES (?, ?, ?, ?)", role, p.kind, p.path, p.message);
    }
    return problems.filter((p) => !known.has(`${p.kind}\n${p.path}\n${p.message}`));
  }

  problems(toRole: (value: string) => Role): ProjectProblem[] {
    return this.sql
      .exec<{ role: string; kind: string; path: string; message: string }>(
        "SELECT role, kind, path, message FROM problems ORDER BY role, path",
      )
      .toArray()
      .map((row) => ({
        role: toRole(row.role),
        kind: row.kind === "missing_file" ? "missing_file" : "invalid_file",
        path: row.path,
        message: row.message,
      }));
  }
}
