import { describe, expect, it } from "vitest";
import type { ProjectEventBody } from "../../../shared/protocol";
import { RunProgress } from "../../../workers/mcp/run-progress";

let seq = 0;
const event = (body: ProjectEventBody) => ({ ...body, seq: ++seq, at: new Date(0).toISOString(), run: "r1" });

describe("RunProgress: MCP progress from a run's events", () => {
  it("counts a retry as progress, says which attempt it is, and counts only the files the step kept", () => {
    const progress = new RunProgress("en");
    const updates = [
      event({ type: "status", status: "running" }),
      event({ type: "step", role: "architect", status: "running", attempt: 1 }),
      event({ type: "file", role: "architect", path: "plan.json", size: 10 }),
      event({ type: "step", role: "architect", status: "done", attempt: 1 }),
      event({ type: "step", role: "backend", status: "running", attempt: 1 }),
      event({ type: "file", role: "backend", path: "a.js", size: 1 }),
      event({ type: "file", role: "backend", path: "b.js", size: 1 }),
      event({ type: "step", role: "backend", status: "running", attempt: 2 }),
      event({ type: "delta", role: "backend", attempt: 2, text: "..." }),
      event({ type: "file", role: "backend", path: "b.js", size: 0, removed: true }),
      event({ type: "step", role: "backend", status: "done", attempt: 2 }),
    ]
      .map((e) => progress.apply(e))
      .filter((u) => u !== null);
    expect(updates.map((u) => u.message)).toEqual([
      "⏳ Architect",
      "✅ Architect (1 file)",
      "⏳ Backend",
      "⏳ Backend (2 files, retry 2)",
      "✅ Backend (1 file)",
    ]);
    const values = updates.map((u) => u.progress);
    expect(values).toEqual([0.5, 2, 2.5, expect.closeTo(2 + 2 / 3, 5), 4]);
    expect(updates.every((u) => u.total === 10)).toBe(true);
  });

  it("announces a failed role once and never sends the same progress twice", () => {
    const progress = new RunProgress("es");
    progress.apply(event({ type: "step", role: "architect", status: "done", attempt: 1 }));
    const failed = progress.apply(
      event({ type: "step", role: "backend", status: "failed", attempt: 1, error: { code: "x", message: "y" } }),
    );
    expect(failed).toEqual({ progress: 2.5, total: 10, message: "❌ Backend" });
    expect(progress.apply(event({ type: "step", role: "backend", status: "failed", attempt: 1 }))).toBeNull();
  });
});
