// Reads settings for the setup scripts from the environment, then from .dev.vars (where
// `wrangler dev` reads local secrets), then from wrangler.toml's top-level [vars], so each
// setting is written down in one place only.
import { existsSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function devVars() {
  const file = join(root, ".dev.vars");
  if (!existsSync(file)) return {};
  const vars = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]] = match[2].replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

/** `NAME = "value"` lines of the top-level [vars] table (not an environment's). */
function tomlVars() {
  const file = join(root, "wrangler.toml");
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("\n[vars]");
  if (start < 0) return {};
  const end = text.slice(start + 1).search(/\n\[/);
  const table = end < 0 ? text.slice(start) : text.slice(start, start + 1 + end);
  const vars = {};
  for (const match of table.matchAll(/^([A-Z0-9_]+)\s*=\s*"(.*)"\s*$/gm)) vars[match[1]] = match[2];
  return vars;
}

const local = { ...tomlVars(), ...devVars() };

export function setting(name, fallback) {
  const value = process.env[name] ?? local[name] ?? fallback;
  if (value === undefined || value === "") {
    console.error(`${name} is not set: export it or add it to .dev.vars`);
    process.exit(2);
  }
  return value;
}
