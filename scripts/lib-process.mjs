// Process helpers shared by the scripts that drive the local stack (check-generated, bench):
// children run in their own process groups, so stopping one stops wrangler and workerd with it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

/** The generated projects' `node` and `npm` must be the Node 22 running this script, not the system's. */
export const ENV = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter) };
export const children = new Set();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a command in its own process group, keeping the tail of its output for error messages. */
export function start(command, args, options) {
  const child = spawn(command, args, { ...options, env: { ...ENV, ...options.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  children.add(child);
  exited.then(() => children.delete(child));
  return { child, exited, output: () => output };
}

/** Stops a whole process group (npm -> sh -> node, wrangler -> workerd), politely first. */
export async function stop(handle) {
  const signal = (name) => {
    try {
      process.kill(-handle.child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const done = await Promise.race([handle.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) signal("SIGKILL");
  await Promise.race([handle.exited, sleep(2000)]);
}

export async function waitFor(url, timeoutMs, handle) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle && handle.child.exitCode !== null) throw new Error(`exited before ${url} answered:\n${handle.output().trim()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return res;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${handle ? `:\n${handle.output().trim()}` : ""}`);
}

/**
 * `npm start`'s stack on a free loopback port, with its own fresh state folder (so it never
 * shares Durable Objects or R2 with a developer's `npm start`). `ready` resolves once /health
 * answers; `args` go to `wrangler dev` (for example `--var NAME:value`); `stop()` ends the whole
 * process group and removes the state, also after a failed start. `prepare(state)`, if given,
 * runs first with the state folder (the benchmark fills its D1 database there).
 */
export async function startStack(root, timeoutMs, args = [], prepare = undefined) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), "autocrea-stack-"));
  if (prepare) {
    try {
      await prepare(state);
    } catch (err) {
      rmSync(state, { recursive: true, force: true });
      throw err;
    }
  }
  const stack = start(process.execPath, [join(root, "scripts", "start.mjs"), "--persist-to", state, ...args], {
    cwd: root,
    env: { PORT: String(port), HOST: "127.0.0.1" },
  });
  const ready = waitFor(`${base}/health`, timeoutMs, stack);
  // Callers await `ready` later; until then a rejection must not count as unhandled.
  ready.catch(() => {});
  return {
    base,
    stack,
    ready,
    async stop() {
      await stop(stack);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

// Ctrl-C must not leave wrangler or a generated app running.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await Promise.all([...children].map((child) => stop({ child, exited: new Promise((resolve) => child.on("close", resolve)) })));
    process.exit(130);
  });
}
