// The local stack for browser tests: `scripts/start.mjs` (wrangler dev, offline model) on a free
// port, with its own fresh state folder, in its own process group so stopping it stops workerd too.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startStack() {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "autocrea-e2e-"));
  // The console is under test here, not billing (test/ledger, metering and rate-limits cover that):
  // one owner builds several projects from one address, more than a 100-credit trial pays for.
  const vars = ["--var", "TRIAL_CREDITS:10000", "--var", "RATE_API_PER_MINUTE:0"];
  const child = spawn(process.execPath, [join(root, "scripts", "start.mjs"), "--persist-to", state, ...vars], {
    cwd: root,
    // wrangler's `#!/usr/bin/env node` must find the Node 22 from devDependencies, as under `npm run`.
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode}):\n${output.slice(-2000)}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the stack did not start in 90 s:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // Already gone.
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Stopped cleanly.
        }
      }
      rmSync(state, { recursive: true, force: true });
    },
  };
}
