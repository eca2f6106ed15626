import type { ProjectProblem } from "../../shared/protocol";
import type { Role } from "../../shared/roles";

/**
 * The parts of a project's state the model layer adds: which roles switched models, and what was
 * still wrong after repair, per run. Both are written from retried steps, so each write reports whether it
 * is new; the room emits an event only then.
 */
export class ProjectNotes {
  constructor(private readonly sql: SqlStorage) {}

  /** true the first time this switch is recorded for this attempt of the run. */
  recordSwitch(run: string, role: Role, attempt: number, from: string, to: string): boolean {
    return (
      this.sql
        .exec(
          "INSERT OR IGNORE INTO model_switches (run, role, attempt, from_model, to_model) VALUES (?, ?, ?, ?, ?) RETURNING role",
          run,
          role,
          attempt,
          from,
          to,
        )
        .toArray().length > 0
    );
  }

  /** The provider the run's latest switch went to, if any of its roles switched. */
  lastSwitch(run: string): string | undefined {
    return this.sql
      .exec<{ to_model: string }>("SELECT to_model FROM model_switches WHERE run = ? ORDER BY rowid DESC LIMIT 1", run)
      .toArray()[0]?.to_model;
  }

  /** Replaces the role's problems in the run; returns the ones not already recorded. */
  replaceProblems(run: string, role: Role, problems: readonly ProjectProblem[]): ProjectProblem[] {
    const known = new Set(
      this.sql
        .exec<{ kind: string; path: string; message: string }>(
          "SELECT kind, path, message FROM problems WHERE run = ? AND role = ?",
          run,
          role,
        )
        .toArray()
        .map((row) => `${row.kind}\n${row.path}\n${row.message}`),
    );
    this.sql.exec("DELETE FROM problems WHERE run = ? AND role = ?", run, role);
    for (const p of problems) {
      this.sql.exec(
        "INSERT OR REPLACE INTO problems (run, role, kind, path, message) VALUES (?, ?, ?, ?, ?)",
        run,
        role,
        p.kind,
        p.path,
        p.message,
      );
    }
    return problems.filter((p) => !known.has(`${p.kind}\n${p.path}\n${p.message}`));
  }

  problems(run: string, toRole: (value: string) => Role): ProjectProblem[] {
    return this.sql
      .exec<{ role: string; kind: string; path: string; message: string }>(
        "SELECT role, kind, path, message FROM problems WHERE run = ? ORDER BY role, path",
        run,
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
