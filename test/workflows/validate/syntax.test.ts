import { describe, expect, it } from "vitest";
import { checkSyntax } from "../../../workflows/validate/syntax";

describe("checkSyntax: generated files must parse", () => {
  it.each([
    ["package.json", '{ "name": "x" }'],
    ["docker-compose.yml", "services:\n  app:\n    build: .\n"],
    ["src/server.js", "import x from 'y';\nexport const a = () => x;\n"],
    ["src/legacy.cjs", "const fs = require('fs');\nif (!fs) return;\nmodule.exports = {};\n"],
    ["bin/cli.js", "#!/usr/bin/env node\nconsole.log(1);\n"],
    ["src/app.ts", "type A = { n: number };\nexport function f(a: A): number { return a.n; }\n"],
    ["src/view.tsx", "export const V = (p: { t: string }) => <b>{p.t}</b>;\n"],
    ["tsconfig.json", "{ // comments are fine here\n }"],
    ["README.md", "not checked {"],
  ])("accepts %s", (path, content) => {
    expect(checkSyntax(path, content)).toBeNull();
  });

  it.each([
    ["package.json", '{ "name": "x", }'],
    [".github/workflows/ci.yml", "on: [push\njobs: x"],
    ["src/server.js", "export const a = (;\n"],
    ["src/app.ts", "let a: = 1;\n"],
  ])("rejects %s", (path, content) => {
    expect(checkSyntax(path, content)).toMatch(/.+/);
  });
});
