import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ModelUnavailableError, chooseModel, configuredModels } from "../../../workflows/models/registry";
import { overlapLength } from "../../../workflows/models/splice";
import { findProblems } from "../../../workflows/roles/repair";
import { scanSources } from "../../../workflows/security/scanner";
import { checkSyntax } from "../../../workflows/validate/syntax";
import { call } from "../../helpers/api";

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

describe("the security scanner", () => {
  const scan = (path: string, content: string) => scanSources([{ path, content }]).map((f) => f.rule);

  it.each([
    ["src/config.js", 'const apiKey = "sk-live-0123456789abcdefghijklmn";', "hardcoded-secret"],
    ["src/config.js", 'const password = "hunter2hunter2";', "hardcoded-secret"],
    ["keys/id_rsa.pem", "-----BEGIN RSA PRIVATE KEY-----", "hardcoded-secret"],
    ["src/run.js", "const r = eval(input);", "eval"],
    ["src/run.js", "const f = new Function('a', body);", "eval"],
    ["src/db.js", 'db.all("SELECT * FROM users WHERE id = " + id);', "sql-concatenation"],
    ["src/db.js", "db.all(`DELETE FROM users WHERE id = ${id}`);", "sql-concatenation"],
    ["public/app.js", "list.innerHTML = items.map(render).join('');", "html-injection"],
    [
      "src/server.js",
      'res.setHeader("Access-Control-Allow-Origin", "*");\nres.setHeader("Access-Control-Allow-Credentials", "true");',
      "cors-wildcard-credentials",
    ],
    ["src/server.js", 'app.post("/api/users", (req, res) => { db.insert(req.body); res.end(); });', "unvalidated-input"],
  ])("flags %s: %s", (path, content, rule) => {
    expect(scan(path, content)).toContain(rule);
  });

  it.each([
    ["src/config.js", "const apiKey = process.env.API_KEY;"],
    [".env.example", "API_KEY=sk-live-0123456789abcdefghijklmn"],
    ["src/run.js", "const value = JSON.parse(text); retrieval(x);"],
    ["src/db.js", 'db.all("SELECT * FROM users WHERE id = ?", [id]);'],
    ["public/app.js", 'list.innerHTML = "";\nitem.textContent = name;'],
    ["src/server.js", 'res.setHeader("Access-Control-Allow-Origin", "*");'],
    ["src/server.js", 'app.post("/api/users", (req, res) => { if (typeof req.body.name !== "string") return res.status(400).end(); });'],
  ])("leaves %s alone: %s", (path, content) => {
    expect(scan(path, content)).toEqual([]);
  });
});

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

describe("model selection", () => {
  it("defaults to joxcoder when its endpoint is set, and lists what is configured", async () => {
    expect(configuredModels(env)).toEqual(["joxcoder", "blueprint"]);
    expect(chooseModel(env, undefined)).toBe("joxcoder");
    expect(chooseModel({ ...env, JOXCODER_ENDPOINT_URL: "" } as Env, undefined)).toBe("blueprint");
    expect(() => chooseModel(env, "openai")).toThrowError(ModelUnavailableError);
    expect(chooseModel(env, "openai", ["openai"])).toBe("openai");
    expect(chooseModel({ ...env, OPENAI_API_KEY: "sk-deploy" } as Env, "openai")).toBe("openai");
    const health = await (await call("/health")).json();
    expect(health).toMatchObject({ models: ["joxcoder", "blueprint"] });
  });
});
