import { ROLES } from "../../shared/roles";
import type { Role } from "../../shared/roles";
import { RUN_KINDS } from "../../shared/protocol";
import type {
  FileView,
  ProjectError,
  ProjectProblem,
  ProjectStatus,
  ProjectView,
  RunKind,
  RunView,
  StepStatus,
  StepView,
  Usage,
} from "../../shared/protocol";

/**
 * A project's state in its Durable Object's SQLite (schema.ts), and the view built from it.
 * Only ProjectRoom writes these tables; this module reads them back.
 */

export interface StoredFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ProjectRow extends Record<string, SqlStorageValue> {
  id: string;
  account_id: string;
  name: string;
  prompt: string;
  model: string;
  created_at: string;
  updated_at: string;
}

export interface RunRow extends Record<string, SqlStorageValue> {
  id: string;
  n: number;
  kind: string;
  status: string;
  prompt: string;
  model: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error: string | null;
  commit_id: string | null;
  legacy_keys: number;
}

export interface StepRow extends Record<string, SqlStorageValue> {
  run: string;
  role: string;
  status: string;
  attempt: number;
  started_at: string | null;
  finished_at: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  error: string | null;
}

const ROLE_ORDER = `CASE role ${ROLES.map((r, i) => `WHEN '${r}' THEN ${i}`).join(" ")} END`;

export class ProjectRows {
  constructor(private readonly sql: SqlStorage) {}

  project(): ProjectRow | undefined {
    return this.sql.exec<ProjectRow>("SELECT * FROM project LIMIT 1").toArray()[0];
  }

  run(id: string): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE id = ?", id).toArray()[0];
  }

  /** The run started last: the one the project view shows. */
  latestRun(): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs ORDER BY n DESC LIMIT 1").toArray()[0];
  }

  /** The newest run that completed: its files are the project as it stands, and its ZIP the download. */
  latestCompletedRun(): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE status = 'completed' ORDER BY n DESC LIMIT 1").toArray()[0];
  }

  /** The completed runs, oldest first. */
  completedRuns(): RunRow[] {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE status = 'completed' ORDER BY n").toArray();
  }

  runs(): RunView[] {
    return this.sql.exec<RunRow>("SELECT * FROM runs ORDER BY n").toArray().map(toRunView);
  }

  step(run: string, role: Role): StepRow | undefined {
    return this.sql.exec<StepRow>("SELECT * FROM steps WHERE run = ? AND role = ?", run, role).toArray()[0];
  }

  /**
   * The run's current file of each path: what the run's own roles wrote wins over what it
   * inherited from the run before it, and among its own, the latest role in pipeline order.
   */
  files(run: string): Array<StoredFile & { role: Role }> {
    const rows = this.sql
      .exec<{ role: string; path: string; size: number; sha256: string }>(
        `SELECT role, path, size, sha256 FROM files WHERE run = ? ORDER BY path, inherited ASC, ${ROLE_ORDER} DESC`,
        run,
      )
      .toArray();
    const seen = new Set<string>();
    const out: Array<StoredFile & { role: Role }> = [];
    for (const row of rows) {
      if (seen.has(row.path)) continue;
      seen.add(row.path);
      out.push({ path: row.path, size: row.size, sha256: row.sha256, role: toRole(row.role) });
    }
    return out;
  }

  view(project: ProjectRow, run: RunRow, problems: ProjectProblem[]): ProjectView {
    const steps = this.sql.exec<StepRow>(`SELECT * FROM steps WHERE run = ? ORDER BY ${ROLE_ORDER}`, run.id).toArray().map(toStepView);
    const files: FileView[] = this.files(run.id).map(({ path, size, role }) => ({ path, size, role }));
    const usage = steps.reduce<Usage>(
      (sum, s) => ({
        promptTokens: sum.promptTokens + s.usage.promptTokens,
        completionTokens: sum.completionTokens + s.usage.completionTokens,
      }),
      { promptTokens: 0, completionTokens: 0 },
    );
    const view: ProjectView = {
      id: project.id,
      name: project.name,
      prompt: project.prompt,
      model: run.model,
      status: toProjectStatus(run.status),
      createdAt: project.created_at,
      updatedAt: project.updated_at,
      steps,
      files,
      usage,
      runs: this.runs(),
    };
    if (run.error) view.error = parseError(run.error);
    if (problems.length > 0) view.problems = problems;
    return view;
  }
}

function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    kind: toRunKind(row.kind),
    status: toProjectStatus(row.status),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    commit: row.commit_id,
  };
}

function toStepView(row: StepRow): StepView {
  const step: StepView = {
    role: toRole(row.role),
    status: toStepStatus(row.status),
    attempt: row.attempt,
    usage: { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens },
  };
  if (row.started_at) step.startedAt = row.started_at;
  if (row.finished_at) step.finishedAt = row.finished_at;
  if (row.error) step.error = parseError(row.error);
  return step;
}

// Rows are written only by ProjectRoom, so these narrowings guard against schema drift, not users.
export function toRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new Error(`unknown role in storage: ${value}`);
  return role;
}

function toRunKind(value: string): RunKind {
  const kind = RUN_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`unknown run kind in storage: ${value}`);
  return kind;
}

function toStepStatus(value: string): StepStatus {
  if (value === "pending" || value === "running" || value === "done" || value === "failed") return value;
  throw new Error(`unknown step status in storage: ${value}`);
}

function toProjectStatus(value: string): ProjectStatus {
  if (value === "queued" || value === "running" || value === "completed" || value === "failed") return value;
  throw new Error(`unknown project status in storage: ${value}`);
}

export function isFinal(status: string): boolean {
  return status === "completed" || status === "failed";
}

export function parseError(text: string): ProjectError {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === "object" && parsed !== null && "code" in parsed && "message" in parsed) {
    const { code, message } = parsed;
    const role = "role" in parsed && typeof parsed.role === "string" ? toRole(parsed.role) : undefined;
    return { code: String(code), message: String(message), ...(role ? { role } : {}) };
  }
  return { code: "unknown", message: "the project failed" };
}
