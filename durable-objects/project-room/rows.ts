import { STEP_ORDER } from "../../shared/roles";
import type { Role } from "../../shared/roles";
import { RUN_KINDS } from "../../shared/protocol";
import type {
  FileView,
  ProjectError,
  ProjectProblem,
  ProjectStatus,
  ProjectView,
  RunAnswer,
  RunDetail,
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
  changed: number | null;
  packaged: number;
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

const ROLE_ORDER = `CASE role ${STEP_ORDER.map((r, i) => `WHEN '${r}' THEN ${i}`).join(" ")} END`;

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

  /** The newest run that completed: its files are the project as it stands. */
  /**
   * The run the project view stands on: the latest one, unless it failed before any of its steps
   * started (refused for credits or limits, or its Workflow never started). Such a run stays in
   * `runs` with its reason, but a project whose files and ZIP are fine must not read as failed
   * because an edit of it was turned away.
   */
  shownRun(): RunRow | undefined {
    return (
      this.sql
        .exec<RunRow>(
          `SELECT * FROM runs r
           WHERE NOT (r.status = 'failed' AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.run = r.id AND s.status != 'pending'))
           ORDER BY n DESC LIMIT 1`,
        )
        .toArray()[0] ?? this.latestRun()
    );
  }

  latestCompletedRun(): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE status = 'completed' ORDER BY n DESC LIMIT 1").toArray()[0];
  }

  /** The newest completed run that stored a ZIP: the download (a run that changed nothing stores none). */
  latestPackagedRun(): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE status = 'completed' AND packaged = 1 ORDER BY n DESC LIMIT 1").toArray()[0];
  }

  answer(run: string): RunAnswer | undefined {
    const row = this.sql
      .exec<{ text: string; read: string; cited: string }>("SELECT text, read, cited FROM answers WHERE run = ?", run)
      .toArray()[0];
    return row ? { text: row.text, read: paths(row.read), cited: paths(row.cited) } : undefined;
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

  steps(run: string): StepView[] {
    return this.sql.exec<StepRow>(`SELECT * FROM steps WHERE run = ? ORDER BY ${ROLE_ORDER}`, run).toArray().map(toStepView);
  }

  /** The paths the run's own steps wrote, not those it inherited (the latest role's version of each). */
  ownFiles(run: string): FileView[] {
    const own = new Set(
      this.sql
        .exec<{ path: string }>("SELECT DISTINCT path FROM files WHERE run = ? AND inherited = 0", run)
        .toArray()
        .map((row) => row.path),
    );
    return this.files(run)
      .filter((file) => own.has(file.path))
      .map(({ path, size, role }) => ({ path, size, role }));
  }

  /** One run in full (`GET /api/projects/:id/runs/:run`). */
  detail(row: RunRow, problems: ProjectProblem[]): RunDetail {
    const steps = this.steps(row.id);
    const detail: RunDetail = {
      ...toRunView(row),
      prompt: row.prompt,
      model: row.model,
      steps,
      files: this.ownFiles(row.id),
      usage: sumUsage(steps),
    };
    if (row.error) detail.error = parseError(row.error);
    if (problems.length > 0) detail.problems = problems;
    const answer = this.answer(row.id);
    if (answer) detail.answer = answer;
    return detail;
  }

  view(project: ProjectRow, run: RunRow, problems: ProjectProblem[]): ProjectView {
    const steps = this.steps(run.id);
    const files: FileView[] = this.files(run.id).map(({ path, size, role }) => ({ path, size, role }));
    const usage = sumUsage(steps);
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
    const answer = this.answer(run.id);
    if (answer) view.answer = answer;
    return view;
  }
}

function sumUsage(steps: readonly StepView[]): Usage {
  return steps.reduce<Usage>(
    (sum, s) => ({
      promptTokens: sum.promptTokens + s.usage.promptTokens,
      completionTokens: sum.completionTokens + s.usage.completionTokens,
    }),
    { promptTokens: 0, completionTokens: 0 },
  );
}

/** A JSON list of paths as the room stored it. */
function paths(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
}

function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    kind: toRunKind(row.kind),
    status: toProjectStatus(row.status),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    commit: row.commit_id,
    changed: row.changed,
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
  const role = STEP_ORDER.find((r) => r === value);
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
