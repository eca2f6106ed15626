import { describe, expect, it } from "vitest";
import { DEFAULTS, config } from "../../../workers/config/config";
import { VARS } from "../../../workers/config/vars";

/**
 * The configuration's four places agree: wrangler.toml's [vars] and [env.production.vars] (vars
 * are not inherited by environments, so a var missing from the second is unset in production),
 * .dev.vars.example (the secrets), workers/config/vars.ts (the one parser), and the table in
 * docs/configuration.md.
 */
const raw = import.meta.glob<string>(["../../../wrangler.toml", "../../../.dev.vars.example", "../../../docs/configuration.md"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const file = (name: string): string => {
  const entry = Object.entries(raw).find(([path]) => path.endsWith(name));
  if (!entry) throw new Error(`${name} not found`);
  return entry[1];
};

/** `NAME = "value"` lines of one table of wrangler.toml. */
function varsOf(table: string): Record<string, string> {
  const lines = file("wrangler.toml").split("\n");
  const start = lines.indexOf(`[${table}]`);
  if (start < 0) throw new Error(`wrangler.toml has no [${table}]`);
  const vars: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("[")) break;
    const match = /^([A-Z0-9_]+)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = match[2] ?? match[3] ?? "";
  }
  return vars;
}

const topLevel = varsOf("vars");
const production = varsOf("env.production.vars");
const secrets = [...file(".dev.vars.example").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? "");
const sorted = (names: Iterable<string>) => [...names].sort();

describe("configuration: wrangler.toml, .dev.vars.example, vars.ts and the docs agree", () => {
  it("sets every var in [vars] and again in [env.production.vars]", () => {
    expect(sorted(Object.keys(production))).toEqual(sorted(Object.keys(topLevel)));
  });

  it("parses exactly the vars wrangler.toml sets and the secrets .dev.vars.example lists", () => {
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((name) => name in topLevel)).toEqual([]);
    expect(sorted(Object.keys(VARS))).toEqual(sorted([...Object.keys(topLevel), ...secrets]));
  });

  it("documents every var and secret in docs/configuration.md", () => {
    const docs = file("configuration.md");
    expect(Object.keys(VARS).filter((name) => !docs.includes(`| \`${name}\``))).toEqual([]);
  });

  it("writes the same defaults in wrangler.toml as workers/config/defaults.ts, in both environments", () => {
    // A deployment's own addresses are expected to differ from the local ones.
    const ownAddress = new Set(["PUBLIC_URL", "BUY_URL"]);
    for (const [table, vars] of [
      ["vars", topLevel],
      ["env.production.vars", production],
    ] as const) {
      const parsed = config(vars as unknown as Env);
      for (const [name, value] of Object.entries(DEFAULTS)) {
        if (table === "env.production.vars" && ownAddress.has(name)) continue;
        expect(parsed[name as keyof typeof DEFAULTS], `${table}.${name}`).toBe(value);
      }
    }
  });
});
