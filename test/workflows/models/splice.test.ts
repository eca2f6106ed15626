import { describe, expect, it } from "vitest";
import { overlapLength } from "../../../workflows/models/splice";

describe("splicing a continuation", () => {
  it.each([
    ["const a = 1;\nconst b = fo", "const b = foo();\n", "const b = fo".length],
    ["line one\nline two is long enough", "line two is long enough\nline three", "line two is long enough".length],
    ["return x;\n}", "}\nmore", 0],
    ["abc", "xyz", 0],
  ])("before %j, next %j: drops %i repeated characters", (before, next, expected) => {
    expect(overlapLength(before, next)).toBe(expected);
  });
});
