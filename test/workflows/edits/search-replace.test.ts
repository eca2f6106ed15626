import { describe, expect, it } from "vitest";
import { applyBlock, applyEditBlocks, describeFailure, parseEditBlocks } from "../../../workflows/edits/search-replace";

const SERVER = ["export function list(req, res) {", "  const items = store.all();", "  res.json(items);", "}", ""].join("\n");

describe("parseEditBlocks", () => {
  it("reads the path above each block, inside or outside a fence, and ignores prose", () => {
    const answer = [
      "I will add a phone field.",
      "",
      "src/server.js",
      "```js",
      "<<<<<<< SEARCH",
      "  const items = store.all();",
      "=======",
      "  const items = store.all().filter(Boolean);",
      ">>>>>>> REPLACE",
      "```",
      "",
      "**public/app.js**",
      "<<<<<<< SEARCH",
      "",
      "=======",
      "console.log('new');",
      ">>>>>>> REPLACE",
    ].join("\n");
    expect(parseEditBlocks(answer)).toEqual([
      { path: "src/server.js", search: "  const items = store.all();", replace: "  const items = store.all().filter(Boolean);" },
      { path: "public/app.js", search: "", replace: "console.log('new');" },
    ]);
  });

  it("skips a block with no closing marker rather than guessing", () => {
    expect(parseEditBlocks("a.js\n<<<<<<< SEARCH\nx\n=======\ny\n")).toEqual([]);
  });

  it("accepts CRLF answers", () => {
    expect(parseEditBlocks("a.js\r\n<<<<<<< SEARCH\r\nx\r\n=======\r\ny\r\n>>>>>>> REPLACE\r\n")).toEqual([
      { path: "a.js", search: "x", replace: "y" },
    ]);
  });
});

describe("applyBlock", () => {
  it("replaces an exact, unique match", () => {
    const out = applyBlock(SERVER, { path: "s.js", search: "  res.json(items);", replace: "  res.status(200).json(items);" });
    expect(out).toEqual({ content: SERVER.replace("res.json", "res.status(200).json") });
  });

  it("keeps $ sequences in the replacement literally", () => {
    const out = applyBlock("a = 1;\n", { path: "a.js", search: "a = 1;", replace: "a = '$&$1';" });
    expect(out).toEqual({ content: "a = '$&$1';\n" });
  });

  it("matches despite other indentation and re-indents the replacement", () => {
    const out = applyBlock(SERVER, {
      path: "s.js",
      search: "const items = store.all();\nres.json(items);",
      replace: "const items = store.all();\nif (!items) return;\nres.json(items);",
    });
    expect(out).toEqual({ content: SERVER.replace("  res.json(items);", "  if (!items) return;\n  res.json(items);") });
  });

  it("re-indents every line of the replacement when one unindented line matches inside an indented one", () => {
    const out = applyBlock(SERVER, { path: "s.js", search: "res.json(items);", replace: "res.json(items);\nres.end();" });
    expect(out).toEqual({ content: SERVER.replace("  res.json(items);", "  res.json(items);\n  res.end();") });
    // A one-line replacement inside a line is a plain substring edit.
    expect(applyBlock(SERVER, { path: "s.js", search: "store.all()", replace: "store.list()" })).toEqual({
      content: SERVER.replace("store.all()", "store.list()"),
    });
  });

  it("refuses a SEARCH that matches twice, saying how many times", () => {
    const out = applyBlock("x();\nx();\n", { path: "a.js", search: "x();", replace: "y();" });
    expect(out).toMatchObject({ reason: "ambiguous", matches: 2 });
  });

  it("refuses a SEARCH that matches nowhere", () => {
    expect(applyBlock(SERVER, { path: "s.js", search: "nothing like this", replace: "" })).toMatchObject({ reason: "not_found" });
  });

  it("creates a missing file from an empty SEARCH, and refuses a non-empty one", () => {
    expect(applyBlock(undefined, { path: "n.js", search: "", replace: "new" })).toEqual({ content: "new\n" });
    expect(applyBlock(undefined, { path: "n.js", search: "old", replace: "new" })).toMatchObject({ reason: "no_such_file" });
  });
});

describe("applyEditBlocks: all or nothing", () => {
  const files = new Map([
    ["s.js", SERVER],
    ["b.js", "b();\n"],
  ]);

  it("applies every block and lists the files that really changed", () => {
    const out = applyEditBlocks(files, [
      { path: "s.js", search: "res.json(items);", replace: "res.json({ items });" },
      { path: "b.js", search: "b();", replace: "b();" },
    ]);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.changed).toEqual(["s.js"]);
    expect(out.files.get("s.js")).toContain("res.json({ items });");
    expect(files.get("s.js")).toBe(SERVER);
  });

  it("changes nothing when one block fails, and reports every failure", () => {
    const out = applyEditBlocks(files, [
      { path: "s.js", search: "res.json(items);", replace: "res.json({ items });" },
      { path: "b.js", search: "c();", replace: "d();" },
      { path: "z.js", search: "q", replace: "r" },
    ]);
    expect(out).toMatchObject({ ok: false, applied: 1 });
    if (out.ok) return;
    expect(out.failures.map((f) => f.reason)).toEqual(["not_found", "no_such_file"]);
    expect(out.failures.map(describeFailure).join("\n")).toContain("b.js: this SEARCH text is not in the file");
  });
});
