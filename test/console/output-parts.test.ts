import { describe, expect, it } from "vitest";
import { splitOutput } from "../../console/output-parts";

describe("the output panel's parts", () => {
  it("tells prose and files apart, without the wrappers", () => {
    const text =
      'Voy a escribir el servidor.\n<file path="src/server.js">\nconst a = 1;\n</file>\nY las pruebas:\n<file path=\'test/a.test.js\' role="backend">\nok();\n</file>\nListo.';
    expect(splitOutput(text)).toEqual([
      { kind: "prose", text: "Voy a escribir el servidor." },
      { kind: "file", path: "src/server.js", text: "const a = 1;", complete: true },
      { kind: "prose", text: "Y las pruebas:" },
      { kind: "file", path: "test/a.test.js", text: "ok();", complete: true },
      { kind: "prose", text: "Listo." },
    ]);
  });

  it("shows a file still streaming as incomplete, and holds back a tag cut in half", () => {
    expect(splitOutput('Hola\n<file path="a.js">\nlet x')).toEqual([
      { kind: "prose", text: "Hola" },
      { kind: "file", path: "a.js", text: "let x", complete: false },
    ]);
    expect(splitOutput("Hola\n<fil")).toEqual([{ kind: "prose", text: "Hola" }]);
    expect(splitOutput("a < b")).toEqual([{ kind: "prose", text: "a < b" }]);
  });

  it("drops markdown fences left around the blocks, and keeps text with no files as prose", () => {
    expect(splitOutput('```xml\n<file path="a.md">\n# A\n</file>\n```')).toEqual([
      { kind: "file", path: "a.md", text: "# A", complete: true },
    ]);
    expect(splitOutput('{"name": "x"}')).toEqual([{ kind: "prose", text: '{"name": "x"}' }]);
  });

  it("keeps markup inside a file as the file's text", () => {
    const [file] = splitOutput('<file path="index.html">\n<script>alert(1)</script>\n</file>');
    expect(file).toEqual({ kind: "file", path: "index.html", text: "<script>alert(1)</script>", complete: true });
  });
});
