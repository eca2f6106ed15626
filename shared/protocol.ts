/**
 * The wire protocol between a project's Durable Object and everyone watching it (the console,
 * the bots, users' scripts), and the view the REST API returns. Shared by the Worker and `web/`.
 */
import type { Role } from "./roles";

export type ProjectStatus = "queued" | "running" | "completed" | "failed";
/** A run goes through the same states as the project it belongs to. */
export type RunStatus = ProjectStatus;
/**
 * What a run does: the first generation (`generate`), and later runs on an existing project: a
 * follow-up change (`edit`), a repair of what is still wrong (`fix`), an explanation with no file
 * changes (`explain`), and the first run of a project copied from another (`remix`).
 */
export type RunKind = "generate" | "edit" | "fix" | "explain" | "remix";
export const RUN_KINDS: readonly RunKind[] = ["generate", "edit", "fix", "explain", "remix"];
export type StepStatus = "pending" | "running" | "done" | "failed";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ProjectError {
  /** The role whose step failed, when a step failed. */
  role?: Role;
  code: string;
  message: string;
}

export interface StepView {
  role: Role;
  status: StepStatus;
  /** 1 for the first try; a retried step counts up. */
  attempt: number;
  startedAt?: string;
  finishedAt?: string;
  usage: Usage;
  error?: ProjectError;
}

export interface FileView {
  path: string;
  size: number;
  role: Role;
}

/** Something still wrong after the repair round: reported, never hidden. */
export interface ProjectProblem {
  role: Role;
  kind: "invalid_file" | "missing_file";
  path: string;
  message: string;
}

/** One run of a project, as `ProjectView.runs` lists them (oldest first). */
export interface RunView {
  /** `r1`, `r2`, ...: numbered in the order the runs started. */
  id: string;
  kind: RunKind;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  /** The git commit the run ended at; null until the git history is built. */
  commit: string | null;
}

/**
 * A project as its latest run left it: `status`, `steps`, `files`, `usage`, `error` and
 * `problems` are that run's; `runs` lists every run.
 */
export interface ProjectView {
  id: string;
  name: string;
  prompt: string;
  model: string;
  status: ProjectStatus;
  createdAt: string;
  updatedAt: string;
  steps: StepView[];
  files: FileView[];
  usage: Usage;
  error?: ProjectError;
  /** Files that still do not parse, or that the plan promised and no role wrote. */
  problems?: ProjectProblem[];
  runs: RunView[];
}

/**
 * A GitHub export (`POST /api/projects/:id/github`, `/github` in chat): `running` as it goes,
 * then `pushed` or `failed`. `diverged`: the branch asked for had commits AUTOCREA did not make,
 * so `branch` is `autocrea/<run>` instead; nothing is ever force-pushed over someone's work.
 */
export type GithubExportEvent =
  | { type: "github"; status: "running"; repo: string; phase: "repository" | "objects" | "ref"; detail?: string }
  | {
      type: "github";
      status: "pushed";
      repo: string;
      branch: string;
      url: string;
      commit: string;
      created: boolean;
      diverged: boolean;
      upToDate: boolean;
    }
  | { type: "github"; status: "failed"; repo: string; code: string; message: string };

/** Events in a project's append-only log. `seq` strictly increases per project, across its runs. */
export type ProjectEventBody =
  /** The run's status; the `queued` one that opens a run also says its `kind`. */
  | { type: "status"; status: ProjectStatus; error?: ProjectError; kind?: RunKind }
  | { type: "step"; role: Role; status: StepStatus; attempt: number; usage?: Usage; error?: ProjectError }
  /** A file was written, or (`removed`) dropped because only a failed attempt wrote it. */
  | { type: "file"; role: Role; path: string; size: number; removed?: true }
  | { type: "delta"; role: Role; attempt: number; text: string }
  /** The project's model gave up and the user's own provider took over for this role. */
  | { type: "model"; role: Role; attempt: number; from: string; to: string; reason: string }
  | ({ type: "problem" } & ProjectProblem)
  /** The healer found the run making no progress, and what it did about it (workers/runs/heal.ts). */
  | { type: "heal"; action: HealAction; reason: string }
  | GithubExportEvent;

/**
 * `woke`: the run's Workflow was still meant to be running and was nudged to resume; `failed`: its
 * Workflow had ended without telling the project (errored, terminated, lost, or never revived), so
 * the project failed and its credits were settled; `settled`: the Workflow had finished but the
 * project had not heard, so the charge was made and the project completed.
 */
export type HealAction = "woke" | "failed" | "settled";

/** `run` is the id of the run the event belongs to (`r1` for the first generation). */
export type ProjectEvent = ProjectEventBody & { seq: number; at: string; run: string };

/** The first message a viewer gets when it connects without `?after`: the current view, at `seq`. */
export interface SnapshotMessage {
  type: "snapshot";
  seq: number;
  project: ProjectView;
}

export type ServerMessage = SnapshotMessage | ProjectEvent;

/**
 * How many sockets watch the project right now (owner, share-link viewers, bots). Sent only to
 * sockets that connect with `?viewers=1`, when they connect and whenever the number changes. It is
 * not an event: it has no `seq`, is not logged and is never replayed, so it never moves `?after=`.
 */
export interface ViewersMessage {
  type: "viewers";
  count: number;
}

/** Everything a socket opened with `?viewers=1` can receive. */
export type LiveMessage = ServerMessage | ViewersMessage;
