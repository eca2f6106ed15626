/**
 * What a viewer knows about one project, built from the live messages alone. No DOM here: the
 * same rules run in the browser and in the tests. The contract it keeps: every event is applied
 * exactly once, in seq order, whatever reconnections happen.
 */
import type { FileView, GithubExportEvent, LiveMessage, ProjectEvent, ProjectProblem, ProjectView } from "../shared/protocol";
import type { Role } from "../shared/roles";
import { applyFileEvent, visibleFiles } from "./file-rows";

/** How much streamed output is kept per role: the view shows the tail. */
export const OUTPUT_LIMIT = 60_000;

export interface ProjectState {
  view: ProjectView | null;
  /** The last seq applied; 0 before anything. A reconnect asks for `?after=lastSeq`. */
  lastSeq: number;
  /** Streamed model output per role, for the attempt shown. */
  output: Partial<Record<Role, { attempt: number; text: string }>>;
  /** The role whose output the viewer follows: the one running now, or the last to run. */
  activeRole: Role | null;
  viewers: number | null;
  /** Every (role, path) file row; `view.files` is derived from them (see file-rows.ts). */
  fileRows: FileView[];
  /** The latest model change per role: the user's own provider took over. */
  models: Partial<Record<Role, ModelChange>>;
  /** The healer's latest verdict on this run, if it ever had to step in. */
  heal: HealNote | null;
  /** The run the steps show; an event of another run starts that run's steps afresh. */
  run: string | null;
  /** The latest GitHub export event, if the owner exported. */
  github: GithubExportEvent | null;
}

export type HealNote = Extract<ProjectEvent, { type: "heal" }>;

export type ModelChange = Extract<ProjectEvent, { type: "model" }>;

export function emptyState(): ProjectState {
  return {
    view: null,
    lastSeq: 0,
    output: {},
    activeRole: null,
    viewers: null,
    fileRows: [],
    models: {},
    heal: null,
    run: null,
    github: null,
  };
}

/**
 * A state that replays the whole log (`?after=0`) on top of the project's fixed facts (name,
 * prompt, model): status, steps and files start blank and come from events only, so the streamed
 * output of every role is there too, not only what arrives after the page opened.
 */
export function replayState(project: ProjectView): ProjectState {
  const zero = { promptTokens: 0, completionTokens: 0 };
  const facts = structuredClone(project);
  delete facts.error;
  delete facts.problems;
  const view: ProjectView = {
    ...facts,
    status: "queued",
    steps: project.steps.map((s) => ({ role: s.role, status: "pending", attempt: 0, usage: zero })),
    files: [],
    usage: zero,
  };
  return { ...emptyState(), view };
}

/** Where to resume: `null` means "send me a snapshot", a number is the `?after=` to ask for. */
export function resumeFrom(state: ProjectState): number | null {
  return state.view ? state.lastSeq : null;
}

/**
 * Applies one message. Returns false when it changed nothing because it was already applied
 * (a replay overlapping what this viewer saw before it reconnected).
 */
export function apply(state: ProjectState, message: LiveMessage): boolean {
  if (message.type === "viewers") {
    state.viewers = message.count;
    return true;
  }
  if (message.type === "snapshot") {
    // A snapshot is only asked for when nothing is known; an older one never rolls state back.
    if (state.view && message.seq <= state.lastSeq) return false;
    state.view = structuredClone(message.project);
    // A snapshot holds only each path's winning row; the hidden ones are not sent.
    state.fileRows = structuredClone(message.project.files);
    state.lastSeq = message.seq;
    state.activeRole = state.view.steps.find((s) => s.status === "running")?.role ?? state.activeRole;
    state.run = state.view.runs.at(-1)?.id ?? null;
    return true;
  }
  if (message.seq <= state.lastSeq || !state.view) return false;
  state.lastSeq = message.seq;
  applyEvent(state, state.view, message);
  return true;
}

function applyEvent(state: ProjectState, view: ProjectView, event: ProjectEvent): void {
  view.updatedAt = event.at;
  if (state.run !== event.run) startRun(state, view, event);
  switch (event.type) {
    case "status": {
      view.status = event.status;
      if (event.error) view.error = event.error;
      const run = view.runs.find((r) => r.id === event.run);
      if (run) {
        run.status = event.status;
        if (event.status === "completed" || event.status === "failed") run.finishedAt = event.at;
      }
      return;
    }
    case "step": {
      const step = view.steps.find((s) => s.role === event.role);
      if (!step) return;
      step.status = event.status;
      step.attempt = event.attempt;
      if (event.usage) step.usage = event.usage;
      if (event.error) step.error = event.error;
      if (event.status === "running") {
        state.activeRole = event.role;
        state.output[event.role] = { attempt: event.attempt, text: "" };
      }
      view.usage = view.steps.reduce(
        (sum, s) => ({
          promptTokens: sum.promptTokens + s.usage.promptTokens,
          completionTokens: sum.completionTokens + s.usage.completionTokens,
        }),
        { promptTokens: 0, completionTokens: 0 },
      );
      return;
    }
    case "file":
      state.fileRows = applyFileEvent(state.fileRows, event);
      view.files = visibleFiles(state.fileRows);
      return;
    case "model":
      state.models[event.role] = event;
      return;
    case "problem":
      view.problems = addProblem(view.problems ?? [], event);
      return;
    case "heal":
      state.heal = event;
      return;
    case "github":
      state.github = event;
      return;
    case "delta": {
      const current = state.output[event.role];
      const base = current && current.attempt === event.attempt ? current.text : "";
      const text = base + event.text;
      state.output[event.role] = { attempt: event.attempt, text: text.length > OUTPUT_LIMIT ? text.slice(-OUTPUT_LIMIT) : text };
      state.activeRole = event.role;
      return;
    }
  }
}

/**
 * A later run begins (an edit, a fix): its steps start pending and its usage at zero, while the
 * files stay, since a run starts from the files of the one before it. During a replay from the
 * start, the first event only names the run the blank steps belong to.
 */
function startRun(state: ProjectState, view: ProjectView, event: ProjectEvent): void {
  const first = state.run === null;
  state.run = event.run;
  if (!view.runs.some((r) => r.id === event.run)) {
    const kind = event.type === "status" && event.kind ? event.kind : "generate";
    view.runs.push({ id: event.run, kind, status: "queued", createdAt: event.at, finishedAt: null, commit: null });
  }
  if (first) return;
  const zero = { promptTokens: 0, completionTokens: 0 };
  view.steps = view.steps.map((s) => ({ role: s.role, status: "pending", attempt: 0, usage: zero }));
  view.usage = zero;
  delete view.error;
  delete view.problems;
  state.output = {};
  state.models = {};
  state.heal = null;
  state.activeRole = null;
}

/** The room keeps one problem per (role, kind, path) and announces each once; a newer one replaces. */
function addProblem(problems: ProjectProblem[], event: ProjectProblem): ProjectProblem[] {
  const { role, kind, path, message } = event;
  const rest = problems.filter((p) => !(p.role === role && p.kind === kind && p.path === path));
  return [...rest, { role, kind, path, message }];
}
