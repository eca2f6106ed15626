import { ROLES } from "../../shared/roles";
import type { Role } from "../../shared/roles";
import type {
  FileView,
  ProjectError,
  ProjectProblem,
  ProjectStatus,
  ProjectView,
  StepStatus,
  StepView,
  Usage,
} from "../../shared/protocol";

/**
 * A project's state in its Durable Object's SQLite, and the view built from it. Only
 * ProjectRoom writes these tables; this module reads them back.
 */
export const PROJECT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS project (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, prompt TEXT NOT NULL,
    model TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    error TEXT
  );
  CREATE TABLE IF NOT EXISTS steps (
    role TEXT PRIMARY KEY, status TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
    started_at TEXT, finished_at TEXT, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0, error TEXT
  );
  -- One row per role and path: a later role (the security auditor) may replace an earlier
  -- role's file, and a retried step replaces only its own rows.
  CREATE TABLE IF NOT EXISTS files (
    role TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (role, path)
  );
  -- Capability tokens: whoever holds one may do that one thing (download the ZIP from a chat).
  CREATE TABLE IF NOT EXISTS tokens (kind TEXT PRIMARY KEY, token TEXT NOT NULL);
`;

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
  status: string;
  created_at: string;
  updated_at: string;
  error: string | null;
}

export interface StepRow extends Record<string, SqlStorageValue> {
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
  constructor(private readonly sql: SqlStorage) {
    sql.exec(PROJECT_SCHEMA);
  }

  project(): ProjectRow | undefined {
    return this.sql.exec<ProjectRow>("SELECT * FROM project LIMIT 1").toArray()[0];
  }

  step(role: Role): StepRow | undefined {
    return this.sql.exec<StepRow>("SELECT * FROM steps WHERE role = ?", role).toArray()[0];
  }

  /** The current file of each path: the latest role in pipeline order wins. */
  files(): Array<StoredFile & { role: Role }> {
    const rows = this.sql
      .exec<{ role: string; path: string; size: number; sha256: string }>(
        `SELECT role, path, size, sha256 FROM files ORDER BY path, ${ROLE_ORDER} DESC`,
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

  view(row: ProjectRow, problems: ProjectProblem[]): ProjectView {
    const steps = this.sql.exec<StepRow>(`SELECT * FROM steps ORDER BY ${ROLE_ORDER}`).toArray().map(toStepView);
    const files: FileView[] = this.files().map(({ path, size, role }) => ({ path, size, role }));
    const usage = steps.reduce<Usage>(
      (sum, s) => ({
        promptTokens: sum.promptTokens + s.usage.promptTokens,
        completionTokens: sum.completionTokens + s.usage.completionTokens,
      }),
      { promptTokens: 0, completionTokens: 0 },
    );
    const view: ProjectView = {
      id: row.id,
      name: row.name,
      prompt: row.prompt,
      model: row.model,
      status: toProjectStatus(row.status),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      steps,
      files,
      usage,
    };
    if (row.error) view.error = parseError(row.error);
    if (problems.length > 0) view.problems = problems;
    return view;
  }
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

function toStepStatus(value: string): StepStatus {
  if (value === "pending" || value === "running" || value === "done" || value === "failed") return value;
  throw new Error(`unknown step status in storage: ${value}`);
}

function toProjectStatus(value: string): ProjectStatus {
  if (value === "queued" || value === "running" || value === "completed" || value === "failed") return value;
  throw new Error(`unknown project status in storage: ${value}`);
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
