#!/usr/bin/env node
// `npm start`: the whole stack (Worker, Durable Objects, Workflow, R2, D1, the console) in workerd,
// offline. PORT moves it (default 8787); arguments after `npm start --` go to `wrangler dev`.
// `wrangler dev` does not apply D1 migrations, so this applies them first, to the same state.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const configHome = join(root, ".wrangler", "config");
mkdirSync(configHome, { recursive: true });

const port = process.env.PORT ?? "8787";
const ip = process.env.HOST ?? "127.0.0.1";

// Links the stack hands out (chat buttons, the buy link) must point at where it really listens,
// unless .dev.vars says otherwise (a tunnel's public address, say).
const devVars = existsSync(join(root, ".dev.vars")) ? readFileSync(join(root, ".dev.vars"), "utf8") : "";
const setInDevVars = (name) => new RegExp(`^\\s*${name}\\s*=`, "m").test(devVars);
const origin = `http://${ip === "0.0.0.0" ? "127.0.0.1" : ip}:${port}`;
const vars = [];
if (!setInDevVars("PUBLIC_URL")) vars.push("--var", `PUBLIC_URL:${origin}`);
if (!setInDevVars("BUY_URL")) vars.push("--var", `BUY_URL:${origin}/#/account`);
// wrangler.toml defaults to production so nothing deployed from it is development by accident;
// the local stack is development (the dev sign-in routes) unless .dev.vars says otherwise.
if (!setInDevVars("ENVIRONMENT")) vars.push("--var", "ENVIRONMENT:development");

const args = ["dev", "--port", port, "--ip", ip, ...vars, ...process.argv.slice(2)];
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const env = {
  ...process.env,
  // Offline and quiet: no telemetry, no Request.cf download, no update check, nothing in ~.
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  XDG_CONFIG_HOME: configHome,
};

// The D1 database `wrangler dev` will open: the same --persist-to, if one was given.
const persist = persistTo(process.argv.slice(2));
const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "autocrea", "--local", ...(persist ? ["--persist-to", persist] : [])], {
  cwd: root,
  // Not a terminal, so wrangler answers its own "apply these?" prompt.
  stdio: ["ignore", "inherit", "inherit"],
  env,
});
if (migrate.status !== 0) {
  console.error("npm start: applying the D1 migrations failed (see above)");
  process.exit(migrate.status ?? 1);
}

const child = spawn(wrangler, args, { cwd: root, stdio: "inherit", env });

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `wrangler dev` never fires the cron in wrangler.toml, and the local Workflow engine never resumes
// a run cut off by a restart. So: once the stack answers, call the scheduled handler as the
// "@startup" cron (heal every run the restart cut off, at once), then as the real cron every minute
// (workers/runs/sweep.ts). The heal is idempotent, so an extra call is harmless.
const scheduled = (cron) =>
  fetch(`${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`, { signal: AbortSignal.timeout(30_000) }).catch(() => {});
async function healLoop() {
  for (let tries = 0; tries < 240; tries++) {
    const up = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await scheduled("@startup");
  setInterval(() => scheduled("* * * * *"), 60_000).unref();
}
healLoop();

function persistTo(argv) {
  for (const [i, arg] of argv.entries()) {
    if (arg === "--persist-to") return argv[i + 1];
    if (arg.startsWith("--persist-to=")) return arg.slice("--persist-to=".length);
  }
  return undefined;
}
