#!/usr/bin/env node
// `npm start`: the whole stack (Worker, Durable Objects, Workflow, R2, the console) in workerd,
// offline. PORT moves it (default 8787); arguments after `npm start --` go to `wrangler dev`.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const configHome = join(root, ".wrangler", "config");
mkdirSync(configHome, { recursive: true });

const port = process.env.PORT ?? "8787";
const ip = process.env.HOST ?? "127.0.0.1";
const args = ["dev", "--port", port, "--ip", ip, ...process.argv.slice(2)];

const child = spawn(join(root, "node_modules", ".bin", "wrangler"), args, {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    // Offline and quiet: no telemetry, no Request.cf download, no update check, nothing in ~.
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    XDG_CONFIG_HOME: configHome,
  },
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
