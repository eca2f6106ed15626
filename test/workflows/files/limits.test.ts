import { describe, expect, it } from "vitest";
import { PATH_TRICKS } from "../../helpers/path-tricks";
import { LIMITS, UnsafeOutputError, checkFileSize, checkProjectTotals, foldName, safePath } from "../../../workflows/files/limits";

describe("safePath: model-written paths are untrusted", () => {
  it.each([
    ["src/app.js", "src/app.js"],
    ["./src//app.js", "src/app.js"],
    [".github/workflows/ci.yml", ".github/workflows/ci.yml"],
    ["Dockerfile", "Dockerfile"],
    // Names that merely start like the dangerous ones are fine.
    [".gitignore", ".gitignore"],
    [".github/workflows/ci.yml", ".github/workflows/ci.yml"],
    ["docs/git~notes.md", "docs/git~notes.md"],
    ["src/console.js", "src/console.js"],
    ["src/pages/[id].tsx", "src/pages/[id].tsx"],
    ["src/con-fig.json", "src/con-fig.json"],
    ["ñandú/café.md", "ñandú/café.md"],
  ])("accepts %j as %j", (raw, expected) => {
    expect(safePath(raw)).toBe(expected);
  });

  it.each([
    ["/etc/passwd", "is absolute"],
    ["C:/Windows/win.ini", "is absolute"],
    ["../outside.js", "contains '..'"],
    ["src/../../x", "contains '..'"],
    ["src\\app.js", "backslash"],
    ["src/app\0.js", "NUL"],
    ["src/\u0007bell", "control character"],
    [".git/config", ".git"],
    [".GIT/config", ".git"],
    ["src/.Git./hooks/x", ".git"],
    ["git~1/config", ".git"],
    ["", "is empty"],
    ["./", "is empty"],
    [`${"a/".repeat(100)}b.js`, "longer than 200"],
  ])("rejects %j (%s)", (raw, why) => {
    expect(() => safePath(raw)).toThrowError(UnsafeOutputError);
    expect(() => safePath(raw)).toThrowError(why);
  });
});

describe("safePath: names that mean .git, or that Windows cannot hold", () => {
  it.each(PATH_TRICKS)("rejects %j", (raw, why) => {
    expect(() => safePath(raw)).toThrowError(UnsafeOutputError);
    expect(() => safePath(raw)).toThrowError(why);
  });

  it("shows invisible characters escaped in the message, so it cannot be spoofed either", () => {
    expect(() => safePath("src/cod\u202egnp.js")).toThrowError('unsafe file path "src/cod\\u202egnp.js"');
  });

  it("folds names the way the disks do", () => {
    expect(foldName(".G\u0131T")).toBe(".git");
    expect(foldName("Cafe\u0301")).toBe(foldName("CAF\u00c9"));
  });
});

describe("size limits", () => {
  it("allows exactly 1 MiB per file and rejects one byte more", () => {
    expect(() => checkFileSize("a", LIMITS.maxFileBytes)).not.toThrow();
    expect(() => checkFileSize("a", LIMITS.maxFileBytes + 1)).toThrowError(/1 MiB/);
  });

  it("rejects a project of more than 200 files or 10 MiB", () => {
    const files = new Map<string, number>();
    for (let i = 0; i < LIMITS.maxFiles; i++) files.set(`f${i}`, 1);
    expect(() => checkProjectTotals(files)).not.toThrow();
    files.set("one-too-many", 1);
    expect(() => checkProjectTotals(files)).toThrowError(/201 files; the limit is 200/);
    const big = new Map([
      ["a", LIMITS.maxFileBytes * 6],
      ["b", LIMITS.maxFileBytes * 5],
    ]);
    expect(() => checkProjectTotals(big)).toThrowError(/10 MiB/);
  });
});
