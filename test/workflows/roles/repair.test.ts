import { describe, expect, it } from "vitest";
import { findProblems } from "../../../workflows/roles/repair";

describe("findProblems", () => {
  const plan = {
    files: {
      backend: [
        { path: "src/server.js", purpose: "" },
        { path: "src/db.js", purpose: "" },
        { path: "src/*.js", purpose: "" },
      ],
      frontend: [],
      devops: [],
    },
  };
  it("lists broken files and planned files nobody wrote, but not globs or earlier roles' files", () => {
    const written = new Map([
      ["src/server.js", "export const = 1"],
      ["config.json", "{}"],
    ]);
    // @ts-expect-error a partial plan is enough for this check
    const problems = findProblems("backend", plan, written, new Set<string>());
    expect(problems.map((p) => [p.kind, p.path])).toEqual([
      ["invalid_file", "src/server.js"],
      ["missing_file", "src/db.js"],
    ]);
    // @ts-expect-error a partial plan is enough for this check
    expect(findProblems("backend", plan, new Map([["src/server.js", "export {}"]]), new Set(["src/db.js"]))).toEqual([]);
  });
});
