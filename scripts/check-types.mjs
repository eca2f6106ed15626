#!/usr/bin/env node
// `npm run check:types` (part of `npm test`): fails when the committed binding types
// (workers/worker-configuration.d.ts) are not what `npm run types` would write today, i.e. after a
// change to wrangler.toml, .dev.vars.example or the installed wrangler/workerd. It runs the very
// command of the `types` script in package.json, into a temporary file, and compares whole files
// (`wrangler types --check` compares only the header hashes).
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fail = (message) => {
  console.error(`check:types: ${message}`);
  process.exit(1);
};
// Inside the try below, failures throw so the temporary file is removed first.
class CheckFailed extends Error {}

// The `types` script is the one source of the command: "VAR=value ... wrangler types <flags> <output>".
const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts?.types ?? "";
const words = script.trim().split(/\s+/);
const env = {};
while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
  const [name, ...value] = words.shift().split("=");
  env[name] = value.join("=");
}
if (words[0] !== "wrangler" || words[1] !== "types" || words.length < 3 || words.at(-1).startsWith("-")) {
  fail(`expected the "types" script in package.json to read "[VAR=value ...] wrangler types [flags] <output file>", got: ${script}`);
}
const flags = words.slice(2, -1);
const target = words.at(-1);

let committed;
try {
  committed = readFileSync(join(root, target), "utf8");
} catch {
  fail(`${target} is missing: run npm run types`);
}

// Next to the committed file, because the generated imports of the Worker's classes are relative to
// it; removed again whatever happens.
const temp = join(dirname(target), `.check-types-${process.pid}.d.ts`);
const cleanUp = () => rmSync(join(root, temp), { force: true });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(1);
  });
}
try {
  const wrangler = join(root, "node_modules", ".bin", "wrangler");
  const result = spawnSync(wrangler, ["types", ...flags, temp], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      // Wrangler on the Node running this script (Node 22 from devDependencies under npm run).
      PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
      // Offline and quiet: no telemetry, no Request.cf download, no update check, nothing in ~.
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      ...env,
      XDG_CONFIG_HOME: resolve(root, env.XDG_CONFIG_HOME ?? ".wrangler/config"),
    },
  });
  if (result.status !== 0) {
    throw new CheckFailed(`wrangler types exited with ${result.status ?? result.signal}:\n${(result.stdout + result.stderr).trim()}`);
  }
  // The header names the output file: name the committed one, as `npm run types` would.
  const fresh = readFileSync(join(root, temp), "utf8").split(temp).join(target);
  if (fresh !== committed) {
    const a = committed.split("\n");
    const b = fresh.split("\n");
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    throw new CheckFailed(
      `${target} is not what wrangler generates today (wrangler.toml, .dev.vars.example or the installed wrangler/workerd changed, or the file was edited by hand).\n` +
        `First difference at line ${line + 1}:\n  committed: ${a[line] ?? "(end of file)"}\n  generated: ${b[line] ?? "(end of file)"}\n` +
        "Run npm run types and commit the result.",
    );
  }
  console.log(`check:types: ${target} is current`);
} catch (error) {
  if (!(error instanceof CheckFailed)) throw error;
  process.exitCode = 1;
  console.error(`check:types: ${error.message}`);
} finally {
  cleanUp();
}
