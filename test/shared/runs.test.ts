import { describe, expect, it } from "vitest";
import { FIRST_RUN, RUN_ID, runId, runNumber, runRef, workflowInstanceId } from "../../shared/runs";

describe("shared run ids", () => {
  it("numbers runs r1, r2, ... and reads the number back", () => {
    expect(runId(1)).toBe(FIRST_RUN);
    expect(runNumber(runId(42))).toBe(42);
    for (const ok of ["r1", "r9", "r10", "r999999"]) expect(ok).toMatch(RUN_ID);
    for (const bad of ["r0", "r01", "1", "r", "r1000000", "r1/x"]) expect(bad).not.toMatch(RUN_ID);
  });

  it("keeps the project id as the first run's Workflow instance, so older instances are still found", () => {
    expect(workflowInstanceId("prj_a", "r1")).toBe("prj_a");
    expect(workflowInstanceId("prj_a", "r2")).toBe("prj_a--r2");
    expect(runRef("prj_a", "r3")).toBe("prj_a/r3");
  });
});
