import { tsPlugin } from "@sveltejs/acorn-typescript";
import { Parser } from "acorn";
import type { Options } from "acorn";
import { loadAll } from "js-yaml";

/**
 * Does a generated file parse? JSON with `JSON.parse`, YAML with js-yaml, JavaScript with acorn and
 * TypeScript/JSX with acorn plus @sveltejs/acorn-typescript: small pure-JS parsers (~0.5 MB
 * unminified together) that run inside the Worker. Returns the first error, or null.
 */

const TS_PARSER = Parser.extend(tsPlugin());
const TSX_PARSER = Parser.extend(tsPlugin({ jsx: true }));
const DTS_PARSER = Parser.extend(tsPlugin({ dts: true }));

const BASE: Options = { ecmaVersion: "latest", locations: true, allowHashBang: true };

export type SyntaxKind = "json" | "yaml" | "js" | "ts" | "tsx" | "dts";

export function syntaxKind(path: string): SyntaxKind | undefined {
  const name = path.split("/").pop() ?? path;
  // tsconfig and editor settings are JSON with comments; they are not plain JSON.
  if (/^(ts|js)config.*\.json$/.test(name) || path.startsWith(".vscode/")) return undefined;
  if (name.endsWith(".json")) return "json";
  if (/\.ya?ml$/.test(name)) return "yaml";
  if (/\.d\.[cm]?ts$/.test(name)) return "dts";
  if (/\.[cm]?js$/.test(name)) return "js";
  if (/\.[cm]?ts$/.test(name)) return "ts";
  if (/\.[jt]sx$/.test(name)) return "tsx";
  return undefined;
}

export function checkSyntax(path: string, content: string): string | null {
  const kind = syntaxKind(path);
  if (!kind) return null;
  try {
    switch (kind) {
      case "json":
        JSON.parse(content);
        return null;
      case "yaml":
        loadAll(content);
        return null;
      case "js":
        return parseEither(Parser, content);
      case "ts":
        return parseEither(TS_PARSER, content);
      case "tsx":
        return parseEither(TSX_PARSER, content);
      case "dts":
        return parseEither(DTS_PARSER, content);
    }
  } catch (err) {
    return short(err);
  }
}

/** ES modules first; CommonJS files (top-level `return`, sloppy mode) parse as scripts. */
function parseEither(parser: typeof Parser, content: string): string | null {
  try {
    parser.parse(content, { ...BASE, sourceType: "module" });
    return null;
  } catch (moduleError) {
    try {
      parser.parse(content, { ...BASE, sourceType: "script", allowReturnOutsideFunction: true });
      return null;
    } catch {
      return short(moduleError);
    }
  }
}

function short(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0]?.slice(0, 200) ?? "parse error";
}
