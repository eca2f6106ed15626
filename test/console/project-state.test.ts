import { describe, expect, it } from "vitest";
import { apply, emptyState, replayState, resumeFrom } from "../../console/project-state";
import type { ProjectEvent, ProjectView, SnapshotMessage } from "../../shared/protocol";
import { ROLES } from "../../shared/roles";

const at = "2026-11-22T00:00:00.000Z";
const usage = { promptTokens: 0, completionTokens: 0 };

function view(): ProjectView {
  return {
    id: "prj_x",
    name: "Demo",
    prompt: "una app",
    model: "blueprint",
    status: "running",
    createdAt: at,
    updatedAt: at,
    steps: ROLES.map((role) => ({ role, status: role === "architect" ? "done" : "pending", attempt: role === "architect" ? 1 : 0, usage })),
    files: [{ path: "docs/architecture.json", size: 10, role: "architect" }],
    usage,
    runs: [{ id: "r1", kind: "generate", status: "running", createdAt: at, finishedAt: null, commit: null }],
  };
}

/** The log of a short run: the architect, then one backend file, with streamed text. */
const log: ProjectEvent[] = [
  { type: "status", status: "queued", seq: 1, at, run: "r1" },
  { type: "status", status: "running", seq: 2, at, run: "r1" },
  { type: "step", role: "architect", status: "running", attempt: 1, seq: 3, at, run: "r1" },
  { type: "delta", role: "architect", attempt: 1, text: '{"name":', seq: 4, at, run: "r1" },
  { type: "delta", role: "architect", attempt: 1, text: '"Demo"}', seq: 5, at, run: "r1" },
  { type: "file", role: "architect", path: "docs/architecture.json", size: 10, seq: 6, at, run: "r1" },
  { type: "step", role: "architect", status: "done", attempt: 1, usage: { promptTokens: 3, completionTokens: 4 }, seq: 7, at, run: "r1" },
  { type: "step", role: "backend", status: "running", attempt: 1, seq: 8, at, run: "r1" },
  { type: "delta", role: "backend", attempt: 1, text: "<script>alert(1)</script>", seq: 9, at, run: "r1" },
  { type: "file", role: "backend", path: "src/old.js", size: 5, seq: 10, at, run: "r1" },
  { type: "file", role: "backend", path: "src/server.js", size: 20, seq: 11, at, run: "r1" },
  { type: "file", role: "backend", path: "src/old.js", size: 0, removed: true, seq: 12, at, run: "r1" },
];

describe("console state: every event exactly once, whatever the reconnections", () => {
  it("rebuilds status, steps, files and every role's output from a full replay", () => {
    const state = replayState({ ...view(), status: "completed" });
    expect(state.view?.status).toBe("queued");
    expect(state.view?.files).toEqual([]);
    for (const event of log) expect(apply(state, event)).toBe(true);
    expect(state.lastSeq).toBe(12);
    expect(state.view?.status).toBe("running");
    expect(state.view?.steps.map((s) => s.status)).toEqual(["done", "running", "pending", "pending", "pending"]);
    expect(state.view?.usage).toEqual({ promptTokens: 3, completionTokens: 4 });
    expect(state.view?.files.map((f) => f.path)).toEqual(["docs/architecture.json", "src/server.js"]);
    expect(state.output.architect?.text).toBe('{"name":"Demo"}');
    expect(state.output.backend?.text).toBe("<script>alert(1)</script>");
    expect(state.activeRole).toBe("backend");
  });

  it("ignores the overlap when a reconnection replays events it already applied", () => {
    const once = replayState(view());
    for (const event of log) apply(once, event);

    const twice = replayState(view());
    for (const event of log.slice(0, 7)) apply(twice, event);
    expect(resumeFrom(twice)).toBe(7);
    // The socket dropped; the server replays from an earlier point, then goes on.
    const replayed = log.slice(3).map((event) => apply(twice, event));
    expect(replayed.filter((changed) => !changed)).toHaveLength(4);
    expect(twice).toEqual(once);
    expect(twice.output.architect?.text).toBe('{"name":"Demo"}');
  });

  it("starts from a snapshot when it knows nothing, and never lets an older one roll it back", () => {
    const state = emptyState();
    expect(resumeFrom(state)).toBeNull();
    const snapshot: SnapshotMessage = { type: "snapshot", seq: 7, project: view() };
    expect(apply(state, snapshot)).toBe(true);
    expect(apply(state, log[5] as ProjectEvent)).toBe(false);
    expect(apply(state, log[7] as ProjectEvent)).toBe(true);
    expect(apply(state, { ...snapshot, seq: 6 })).toBe(false);
    expect(state.view?.steps.find((s) => s.role === "backend")?.status).toBe("running");
  });

  it("keeps only the newest attempt's text, and viewer counts leave the seq alone", () => {
    const state = replayState(view());
    for (const event of log.slice(0, 9)) apply(state, event);
    apply(state, { type: "step", role: "backend", status: "running", attempt: 2, seq: 13, at, run: "r1" });
    apply(state, { type: "delta", role: "backend", attempt: 2, text: "again", seq: 14, at, run: "r1" });
    expect(state.output.backend).toEqual({ attempt: 2, text: "again" });
    expect(apply(state, { type: "viewers", count: 3 })).toBe(true);
    expect(state.viewers).toBe(3);
    expect(resumeFrom(state)).toBe(14);
  });

  it("keeps a file an earlier role wrote when a later role's failed attempt drops its own copy", () => {
    const state = replayState(view());
    const events: ProjectEvent[] = [
      { type: "file", role: "backend", path: "src/server.js", size: 20, seq: 1, at, run: "r1" },
      { type: "file", role: "security", path: "src/server.js", size: 25, seq: 2, at, run: "r1" },
      { type: "file", role: "frontend", path: "src/server.js", size: 22, seq: 3, at, run: "r1" },
    ];
    for (const event of events) apply(state, event);
    // The latest role in pipeline order wins, whatever order the events came in.
    expect(state.view?.files).toEqual([{ path: "src/server.js", size: 25, role: "security" }]);
    // Security's retried attempt did not write it: only security's row goes; the server serves frontend's.
    apply(state, { type: "file", role: "security", path: "src/server.js", size: 0, removed: true, seq: 4, at, run: "r1" });
    expect(state.view?.files).toEqual([{ path: "src/server.js", size: 22, role: "frontend" }]);
    apply(state, { type: "file", role: "frontend", path: "src/server.js", size: 0, removed: true, seq: 5, at, run: "r1" });
    expect(state.view?.files).toEqual([{ path: "src/server.js", size: 20, role: "backend" }]);
    apply(state, { type: "file", role: "backend", path: "src/server.js", size: 0, removed: true, seq: 6, at, run: "r1" });
    expect(state.view?.files).toEqual([]);
  });

  it("records model switches per role and problems once per role, kind and path", () => {
    const state = replayState({ ...view(), problems: [{ role: "backend", kind: "missing_file", path: "old", message: "stale" }] });
    expect(state.view?.problems).toBeUndefined();
    apply(state, {
      type: "model",
      role: "backend",
      attempt: 1,
      from: "workers-ai",
      to: "openai",
      reason: "429 rate limited",
      seq: 1,
      at,
      run: "r1",
    });
    apply(state, {
      type: "problem",
      role: "backend",
      kind: "invalid_file",
      path: "src/a.js",
      message: "Unexpected token",
      seq: 2,
      at,
      run: "r1",
    });
    apply(state, { type: "problem", role: "backend", kind: "invalid_file", path: "src/a.js", message: "Missing }", seq: 3, at, run: "r1" });
    apply(state, {
      type: "problem",
      role: "devops",
      kind: "missing_file",
      path: "Dockerfile",
      message: "planned, not written",
      seq: 4,
      at,
      run: "r1",
    });
    expect(state.models.backend).toMatchObject({ to: "openai", reason: "429 rate limited" });
    expect(state.models.frontend).toBeUndefined();
    expect(state.view?.problems).toEqual([
      { role: "backend", kind: "invalid_file", path: "src/a.js", message: "Missing }" },
      { role: "devops", kind: "missing_file", path: "Dockerfile", message: "planned, not written" },
    ]);
    expect(state.lastSeq).toBe(4);
  });

  it("starts its file rows from a snapshot's files", () => {
    const state = emptyState();
    apply(state, { type: "snapshot", seq: 1, project: view() });
    apply(state, { type: "file", role: "security", path: "docs/architecture.json", size: 12, seq: 2, at, run: "r1" });
    apply(state, { type: "file", role: "security", path: "docs/architecture.json", size: 0, removed: true, seq: 3, at, run: "r1" });
    expect(state.view?.files).toEqual([{ path: "docs/architecture.json", size: 10, role: "architect" }]);
  });

  it("remembers the healer's latest verdict and applies the failure that follows it", () => {
    const state = emptyState();
    apply(state, { type: "snapshot", seq: 12, project: view() });
    apply(state, { type: "heal", action: "failed", reason: "its Workflow had been terminated", seq: 13, at, run: "r1" });
    apply(state, { type: "status", status: "failed", error: { code: "run_terminated", message: "stopped" }, seq: 14, at, run: "r1" });
    expect(state.heal).toMatchObject({ action: "failed", reason: "its Workflow had been terminated" });
    expect(state.view?.status).toBe("failed");
  });
});

describe("console state: a later run", () => {
  it("starts the steps over when an event names a new run, keeping the files it builds on", () => {
    const state = replayState(view());
    for (const event of log) apply(state, event);
    apply(state, {
      type: "step",
      role: "backend",
      status: "done",
      attempt: 1,
      usage: { promptTokens: 5, completionTokens: 5 },
      seq: 13,
      at,
      run: "r1",
    });
    apply(state, { type: "status", status: "completed", seq: 14, at, run: "r1" });
    apply(state, { type: "status", status: "queued", kind: "edit", seq: 15, at, run: "r2" });
    expect(state.view?.status).toBe("queued");
    expect(state.view?.steps.every((s) => s.status === "pending" && s.attempt === 0)).toBe(true);
    expect(state.view?.usage).toEqual(usage);
    expect(state.view?.files.map((f) => f.path)).toEqual(["docs/architecture.json", "src/server.js"]);
    expect(state.view?.runs.map((r) => [r.id, r.kind, r.status])).toEqual([
      ["r1", "generate", "completed"],
      ["r2", "edit", "queued"],
    ]);
    apply(state, { type: "step", role: "frontend", status: "running", attempt: 1, seq: 16, at, run: "r2" });
    expect(state.view?.steps.map((s) => s.status)).toEqual(["pending", "pending", "running", "pending", "pending"]);
    expect(state.activeRole).toBe("frontend");
  });
});
