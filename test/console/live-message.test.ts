import { describe, expect, it } from "vitest";
import { closeOutcome, parseLiveMessage } from "../../console/live-message";
import { projectViewSchema } from "../../console/project-schema";
import { ROLES } from "../../shared/roles";

const at = "2026-11-22T00:00:00.000Z";

describe("console live messages: what the page accepts from the socket", () => {
  it("accepts model and problem events as well as the older kinds", () => {
    const model = {
      type: "model",
      role: "backend",
      attempt: 2,
      from: "workers-ai",
      to: "openai",
      reason: "timeout",
      seq: 9,
      at,
      run: "r1",
    };
    const problem = {
      type: "problem",
      role: "devops",
      kind: "missing_file",
      path: "Dockerfile",
      message: "not written",
      seq: 10,
      at,
      run: "r2",
    };
    expect(parseLiveMessage(JSON.stringify(model))).toEqual(model);
    expect(parseLiveMessage(JSON.stringify(problem))).toEqual(problem);
    expect(
      parseLiveMessage(JSON.stringify({ type: "delta", role: "backend", attempt: 1, text: "x", seq: 1, at, run: "r1" })),
    ).not.toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: "viewers", count: 2 }))).toEqual({ type: "viewers", count: 2 });
  });

  it("accepts the healer's events", () => {
    const heal = {
      type: "heal",
      action: "woke",
      reason: "no progress for 300 s; its Workflow was running, so it was woken",
      seq: 11,
      at,
      run: "r1",
    };
    expect(parseLiveMessage(JSON.stringify(heal))).toEqual(heal);
  });

  it("rejects unknown types, seq-less or run-less events and non-JSON", () => {
    expect(parseLiveMessage(JSON.stringify({ type: "html", seq: 1 }))).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: "status", status: "running", seq: 3, at }))).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: "model", role: "backend" }))).toBeNull();
    expect(parseLiveMessage("{not json")).toBeNull();
    expect(parseLiveMessage(new ArrayBuffer(2))).toBeNull();
  });

  it("keeps a project view's problems instead of stripping them", () => {
    const usage = { promptTokens: 0, completionTokens: 0 };
    const problems = [{ role: "security", kind: "invalid_file", path: "src/server.js", message: "Unexpected token" }];
    const view = projectViewSchema.parse({
      id: "prj_x",
      name: "Demo",
      prompt: "p",
      model: "m",
      status: "completed",
      createdAt: at,
      updatedAt: at,
      steps: ROLES.map((role) => ({ role, status: "done", attempt: 1, usage })),
      files: [],
      usage,
      problems,
      runs: [{ id: "r1", kind: "generate", status: "completed", createdAt: at, finishedAt: at, commit: null }],
    });
    expect(view.problems).toEqual(problems);
    expect(() => projectViewSchema.parse({ ...view, problems: [{ ...problems[0], kind: "other" }] })).toThrow();
    expect(() => projectViewSchema.parse({ ...view, runs: [{ ...view.runs[0], kind: "rebuild" }] })).toThrow();
  });

  it("stops reconnecting when the session ended (401) or the project or link is gone (404)", () => {
    expect(closeOutcome(401)).toBe("signed-out");
    expect(closeOutcome(404)).toBe("gone");
    expect(closeOutcome(200)).toBe("retry");
    expect(closeOutcome(503)).toBe("retry");
    expect(closeOutcome(null)).toBe("retry");
  });
});
