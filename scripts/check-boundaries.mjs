// The architecture's boundaries, checked in `npm test`. Every import (type-only included) of every
// TypeScript file is read with a real parser (acorn + acorn-typescript, already a dependency), then:
//   - no import cycles;
//   - shared/ imports nothing (no package, no other folder);
//   - the console imports only shared/, zod and its own files;
//   - models (providers and the offline blueprint) never import the Workflow or the role runner;
//   - product code never imports test code;
//   - no var or secret is read from `env` outside workers/config/, where each is parsed with zod.
// docs/architecture.md explains the layers. `--self-test` proves each rule fires on a known-bad graph.
import { tsPlugin } from "@sveltejs/acorn-typescript";
import { Parser } from "acorn";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOTS = ["shared", "workers", "durable-objects", "workflows", "console", "test"];
const SKIP = [/worker-configuration\.d\.ts$/, /^test\/fixtures\//, /^test\/fake\/.*\.mjs$/];
const TsParser = Parser.extend(tsPlugin());

const RULES = [
  {
    name: "shared-imports-nothing",
    why: "shared/ is what every runtime and the browser have in common; it depends on nothing",
    test: (from, to) => from.startsWith("shared/") && !to.startsWith("shared/"),
  },
  {
    name: "console-imports-only-shared",
    why: "the browser bundle must not pull server code in (model SDKs, Durable Objects)",
    test: (from, to) => from.startsWith("console/") && !/^(console|shared)\//.test(to) && to !== "zod" && !to.startsWith("zod/"),
  },
  {
    name: "models-stay-below-the-workflow",
    why: "models answer a request; they never reach up into the Workflow or the role runner",
    test: (from, to) => /^workflows\/(models|blueprint)\//.test(from) && /^workflows\/(generate-app|roles)\//.test(to),
  },
  {
    name: "no-test-code-in-product",
    why: "fakes live in test/ only, at the wire",
    test: (from, to) => !from.startsWith("test/") && to.startsWith("test/"),
  },
];

/** Var and secret names: the [vars] of wrangler.toml and the secrets listed in .dev.vars.example. */
export function configNames(wranglerToml, devVarsExample) {
  const names = [...wranglerToml.matchAll(/^([A-Z][A-Z0-9_]*)\s*=/gm), ...devVarsExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)];
  return new Set(names.map((m) => m[1]));
}

/** `env.X`, `env["X"]` and `const { X } = env` for a configuration name X, outside the config module. */
export function rawConfigReads(source, file, names) {
  if (
    file.startsWith("workers/config/") ||
    file.startsWith("test/") ||
    !/^(shared|workers|durable-objects|workflows|console)\//.test(file)
  ) {
    return [];
  }
  const found = [];
  for (const m of source.matchAll(/\benv\s*(?:\?\.|\.)\s*([A-Z][A-Z0-9_]*)\b|\benv\s*\[\s*["'`]([A-Z][A-Z0-9_]*)/g)) {
    const name = m[1] ?? m[2];
    if (names.has(name)) found.push(name);
  }
  for (const m of source.matchAll(/\{([^{}]*)\}\s*=\s*(?:[\w.]*\.)?env\b/g)) {
    for (const key of m[1].matchAll(/\b([A-Z][A-Z0-9_]*)\b/g)) if (names.has(key[1])) found.push(key[1]);
  }
  return [...new Set(found)].map(
    (name) => `config-read-once: ${file} reads ${name} from env (read it through workers/config/config.ts, which parses it with zod)`,
  );
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.posix.join(dir, name);
    if (statSync(p).isDirectory()) return listFiles(p);
    return /\.(ts|mts)$/.test(name) && !SKIP.some((re) => re.test(p)) ? [p] : [];
  });
}

/** Every module specifier a file names: static imports, re-exports, dynamic imports. */
export function specifiersOf(source, file) {
  const ast = TsParser.parse(source, { ecmaVersion: "latest", sourceType: "module", locations: true });
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== "string") return;
    if (
      (node.type === "ImportDeclaration" || node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") &&
      node.source
    ) {
      found.push(node.source.value);
    } else if (node.type === "ImportExpression" && node.source?.type === "Literal") {
      found.push(node.source.value);
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && key !== "loc") visit(value);
    }
  };
  try {
    visit(ast);
  } catch (err) {
    throw new Error(`${file}: ${err.message}`);
  }
  return found;
}

function resolve(from, spec, exists) {
  if (!spec.startsWith(".")) return spec.startsWith("node:") || spec.startsWith("cloudflare:") ? null : spec;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, `${base.replace(/\.js$/, "")}.ts`, `${base}/index.ts`]) {
    if (exists(candidate)) return candidate;
  }
  return base;
}

/** Graph edges and the rule breaks among them; cycles found with Tarjan's algorithm. */
export function check(graph) {
  const problems = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      for (const rule of RULES) if (rule.test(from, to)) problems.push(`${rule.name}: ${from} -> ${to} (${rule.why})`);
    }
  }
  let index = 0;
  const stack = [];
  const meta = new Map();
  const strong = (v) => {
    meta.set(v, { index, low: index, on: true });
    index += 1;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!meta.has(w)) {
        strong(w);
        meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
      } else if (meta.get(w).on) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
    if (meta.get(v).low === meta.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        meta.get(w).on = false;
        component.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop)
        problems.push(`no-cycles: ${component.reverse().join(" -> ")} (a type lives in the wrong module)`);
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) strong(v);
  return problems;
}

function graphOfTree() {
  const files = ROOTS.flatMap(listFiles);
  const known = new Set(files);
  const exists = (p) => known.has(p) || (existsSync(p) && statSync(p).isFile());
  const graph = new Map();
  for (const file of files) {
    const targets = specifiersOf(readFileSync(file, "utf8"), file)
      .map((spec) => resolve(file, spec, exists))
      .filter((t) => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

function selfTest() {
  const bad = new Map([
    ["shared/a.ts", ["zod"]],
    ["console/b.ts", ["workers/c.ts"]],
    ["workflows/models/d.ts", ["workflows/roles/e.ts"]],
    ["workers/c.ts", ["workers/f.ts"]],
    ["workers/f.ts", ["workers/c.ts"]],
    ["workers/g.ts", ["test/helpers/h.ts"]],
  ]);
  const found = check(bad).map((p) => p.split(":")[0]);
  const expected = [
    "shared-imports-nothing",
    "console-imports-only-shared",
    "models-stay-below-the-workflow",
    "no-test-code-in-product",
    "no-cycles",
  ];
  const missing = expected.filter((name) => !found.includes(name));
  const typeOnly = specifiersOf(
    'import type { A } from "./a";\nexport type { B } from "./b";\nconst c = await import("./c");',
    "self-test.ts",
  );
  const names = configNames('name = "x"\n[vars]\nPUBLIC_URL = "y"\n', "HF_TOKEN=\nTELEGRAM_BOT_TOKEN=\n");
  const raw = rawConfigReads(
    'c.env.PUBLIC_URL; this.env["HF_TOKEN"]; const { TELEGRAM_BOT_TOKEN: t } = c.env; env.ACCOUNTS; config(env).PUBLIC_URL;',
    "workers/x.ts",
    names,
  ).length;
  const allowed = rawConfigReads("env.PUBLIC_URL", "workers/config/config.ts", names).length;
  if (missing.length > 0 || typeOnly.join() !== "./a,./b,./c" || raw !== 3 || allowed !== 0) {
    console.error(
      `check-boundaries self-test failed: missing ${missing.join(", ") || "none"}; parsed ${typeOnly.join()}; raw config reads ${raw}/3, ${allowed}/0`,
    );
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  selfTest();
  const graph = graphOfTree();
  const names = configNames(readFileSync("wrangler.toml", "utf8"), readFileSync(".dev.vars.example", "utf8"));
  const problems = [...check(graph), ...[...graph.keys()].flatMap((file) => rawConfigReads(readFileSync(file, "utf8"), file, names))];
  const edges = [...graph.values()].reduce((n, t) => n + t.length, 0);
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    console.error(`${problems.length} boundary violation(s) in ${graph.size} modules`);
    process.exit(1);
  }
  console.log(`boundaries hold: ${graph.size} modules, ${edges} imports, no cycles; ${names.size} vars read only in workers/config/`);
}
