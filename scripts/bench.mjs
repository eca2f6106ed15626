#!/usr/bin/env node
// `npm run bench`: the speed and size figures we watch, measured on the local stack. It prints
// numbers and asserts nothing: compare them across changes on the same machine.
//   - bundle size (what `wrangler deploy` would upload), raw and gzip;
//   - hot paths: /health, a signed Discord PING (verify + answer), a Telegram update with a wrong
//     secret (the rejection path), each p50/p95 over sequential requests;
//   - a whole offline generation (five roles + ZIP), from POST to the `completed` event;
//   - WebSocket fan-out: many viewers of one live project, how late the last one sees the end;
//   - git: `git clone` of a generated project with stock git (wall time), and the pack's size;
//   - the offline model's faithfulness on the fixture ideas (scripts/lib-faithfulness.mjs);
//   - the gallery (D1): listing, each sort, a full-text search and a deep page, over
//     BENCH_GALLERY public projects written straight into the local database before the start.
// BENCH_REQUESTS, BENCH_VIEWERS, BENCH_RUNS and BENCH_GALLERY change the sample sizes;
// BENCH_ONLY=faithfulness prints that figure alone, without starting the stack.
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { faithfulness } from "./lib-faithfulness.mjs";
import { start, startStack } from "./lib-process.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GALLERY = Number(process.env.BENCH_GALLERY ?? 5000);
const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: join(ROOT, ".wrangler", "config"),
};

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (n) => `${n.toFixed(1)} ms`;

async function bundleSize() {
  const out = await mkdtemp(join(tmpdir(), "autocrea-bundle-"));
  const build = start(join(ROOT, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: ROOT,
    env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", XDG_CONFIG_HOME: join(ROOT, ".wrangler", "config") },
  });
  if ((await build.exited) !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${build.output()}`);
  let raw = 0;
  let gzip = 0;
  for (const name of await readdir(out)) {
    if (!name.endsWith(".js")) continue;
    const bytes = await readFile(join(out, name));
    raw += bytes.byteLength;
    gzip += gzipSync(bytes).byteLength;
  }
  await rm(out, { recursive: true, force: true });
  return `bundle: ${(raw / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzip`;
}

/** `n` sequential requests; each must answer `status`, or a refusal would be timed as a success. */
async function timed(n, status, request) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await request(i);
    await res.arrayBuffer();
    samples.push(performance.now() - t0);
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} on request ${i + 1}`);
  }
  return `p50 ${ms(quantile(samples, 0.5))}, p95 ${ms(quantile(samples, 0.95))} (n=${n})`;
}

/** Opens `count` viewers of a new project at once; resolves with when each saw the final status. */
async function watchGeneration(base, auth, token, count) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/projects`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ prompt: "Una app de reservas para mi peluquería con clientes y servicios" }),
  });
  const { id } = await res.json();
  const url = `${base.replace("http", "ws")}/api/projects/${id}/events?after=0&token=${token}`;
  const finished = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          ws.onmessage = (event) => {
            const message = JSON.parse(String(event.data));
            if (message.type === "status" && (message.status === "completed" || message.status === "failed")) {
              resolve({ at: performance.now() - t0, status: message.status });
              ws.close();
            }
          };
          ws.onerror = () => reject(new Error("viewer socket failed"));
        }),
    ),
  );
  if (finished.some((f) => f.status !== "completed")) throw new Error("a benchmark generation failed");
  return finished.map((f) => f.at);
}

/** The D1 schema and `GALLERY` public projects, written into the stack's state before it starts. */
async function seedGallery(state) {
  const wrangler = (args) => start(join(ROOT, "node_modules", ".bin", "wrangler"), args, { cwd: ROOT, env: WRANGLER_ENV });
  const migrate = wrangler(["d1", "migrations", "apply", "autocrea", "--local", "--persist-to", state]);
  if ((await migrate.exited) !== 0) throw new Error(`migrations failed:\n${migrate.output()}`);
  const words = ["reservas", "tareas", "inventario", "recetas", "gastos", "citas", "biblioteca", "tienda", "gimnasio", "clínica"];
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < GALLERY; i++) {
    const word = words[i % words.length];
    // A valid project id (shared/ids.ts's alphabet), unique per row.
    const id = `prj_${[...i.toString(32).padStart(20, "0")].map((d) => "abcdefghijkmnpqrstuvwxyz23456789"[Number.parseInt(d, 32)]).join("")}`;
    const published = now - i * 600_000;
    rows.push(
      `('${id}','acc_bench','Autor ${i % 97}','App de ${word} ${i}','Una app de ${word} con usuarios y panel.','una app de ${word} número ${i}','JavaScript','blueprint',${20 + (i % 7)},${i % 13},${i % 5},${i % 17},${i % 31},'public',${published},${published})`,
    );
  }
  // D1 caps one statement at 100 KB: a hundred rows each.
  const sql = [];
  for (let i = 0; i < rows.length; i += 100) {
    sql.push(
      `INSERT INTO gallery (project_id, account_id, author, name, summary, idea, language, model, files, stars, remixes, clones, views, visibility, published_at, updated_at) VALUES ${rows.slice(i, i + 100).join(",")};`,
    );
  }
  const file = join(state, "gallery-seed.sql");
  await writeFile(file, sql.join("\n"));
  const seed = wrangler(["d1", "execute", "autocrea", "--local", "--persist-to", state, "--file", file, "--yes"]);
  if ((await seed.exited) !== 0) throw new Error(`seeding the gallery failed:\n${seed.output()}`);
}

/** Each sort's first page, a search, and the 10th page reached through cursors. */
async function galleryFigures(base) {
  const page = (query) => fetch(`${base}/api/gallery?${query}`);
  const lines = [];
  for (const sort of ["recent", "popular", "trending"])
    lines.push(`gallery ${sort}, first page: ${await timed(REQUESTS, 200, () => page(`sort=${sort}`))}`);
  lines.push(`gallery search "reservas" (popular): ${await timed(REQUESTS, 200, () => page("sort=popular&q=reservas"))}`);
  let cursor = null;
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const body = await (await page(`sort=trending&limit=20${cursor ? `&cursor=${cursor}` : ""}`)).json();
    samples.push(performance.now() - t0);
    cursor = body.next;
  }
  lines.push(`gallery trending, pages 1..10 by cursor: p50 ${ms(quantile(samples, 0.5))}, max ${ms(Math.max(...samples))}`);
  return lines.map((line) => `${line} [${GALLERY} public projects]`);
}

/** A finished offline project, then `git clone` of it `runs` times, timed, and the pack it gets. */
async function gitClone(base, runs) {
  const { token } = await (await fetch(`${base}/api/session`, { method: "POST" })).json();
  const auth = { authorization: `Bearer ${token}` };
  const created = await fetch(`${base}/api/projects`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ prompt: "Una tienda de velas artesanales con clientes, pedidos y reseñas" }),
  });
  const { id } = await created.json();
  for (let i = 0; ; i++) {
    const view = await (await fetch(`${base}/api/projects/${id}`, { headers: auth })).json();
    if (view.status === "completed") break;
    if (view.status === "failed" || i > 600) throw new Error(`benchmark project ${view.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = new URL(`${base}/git/${id}.git`);
  url.username = "autocrea";
  url.password = token;
  const work = await mkdtemp(join(tmpdir(), "autocrea-bench-git-"));
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const clone = start("git", ["-c", "credential.helper=", "clone", "--quiet", url.toString(), join(work, `c${i}`)], {
        cwd: work,
        env: { GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      });
      if ((await clone.exited) !== 0) throw new Error(`git clone failed:\n${clone.output()}`);
      samples.push(performance.now() - t0);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const head = new TextDecoder().decode(
    await (
      await fetch(`${base}/git/${id}.git/info/refs?service=git-upload-pack`, { headers: { authorization: `Basic ${btoa(`x:${token}`)}` } })
    ).arrayBuffer(),
  );
  const want = /([0-9a-f]{40}) HEAD/.exec(head)?.[1] ?? "";
  const line = (text) => `${(text.length + 4).toString(16).padStart(4, "0")}${text}`;
  const pack = await fetch(`${base}/git/${id}.git/git-upload-pack`, {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`x:${token}`)}`, "content-type": "application/x-git-upload-pack-request" },
    body: `${line(`want ${want}\n`)}0000${line("done\n")}`,
  });
  const bytes = (await pack.arrayBuffer()).byteLength;
  const files = (await (await fetch(`${base}/api/projects/${id}`, { headers: auth })).json()).files.length;
  return `git clone of a generated project (${files} files, 5 commits): median ${ms(quantile(samples, 0.5))}, max ${ms(Math.max(...samples))} (n=${runs}); pack ${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  for (const line of await faithfulness(ROOT)) console.log(line);
  if (process.env.BENCH_ONLY === "faithfulness") return;
  console.log(await bundleSize());

  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
  const botInfo = JSON.stringify({ id: 1, is_bot: true, first_name: "Bench", username: "bench_bot" });
  const stack = await startStack(
    ROOT,
    120_000,
    [
      "--var",
      `DISCORD_PUBLIC_KEY:${publicHex}`,
      "--var",
      "TELEGRAM_BOT_TOKEN:1:bench",
      "--var",
      "TELEGRAM_WEBHOOK_SECRET:bench-secret",
      "--var",
      `TELEGRAM_BOT_INFO:${botInfo}`,
      // The limiter stays on the path (it is part of what a webhook costs) but must not refuse.
      "--var",
      "RATE_API_PER_MINUTE:1000000",
      "--var",
      "RATE_WEBHOOK_PER_MINUTE:1000000",
      // The fan-out figure opens BENCH_VIEWERS sockets on one project: let them all in.
      "--var",
      `MAX_VIEWERS_PER_PROJECT:${Math.max(200, VIEWERS)}`,
    ],
    seedGallery,
  );
  const { base, ready } = stack;
  try {
    await ready;
    console.log(`GET /health: ${await timed(REQUESTS, 200, () => fetch(`${base}/health`))}`);
    for (const line of await galleryFigures(base)) console.log(line);

    const ping = JSON.stringify({ id: "1", type: 1, application_id: "a", token: "t" });
    console.log(
      `Discord PING, signed: ${await timed(REQUESTS, 200, () => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = sign(null, Buffer.from(timestamp + ping), privateKey).toString("hex");
        return fetch(`${base}/discord/interactions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp },
          body: ping,
        });
      })}`,
    );

    console.log(
      `Telegram update, wrong secret: ${await timed(REQUESTS, 401, (i) =>
        fetch(`${base}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" },
          body: JSON.stringify({ update_id: i }),
        }),
      )}`,
    );

    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh account per run, so per-account limits never shape the figure.
      const { token } = await (await fetch(`${base}/api/session`, { method: "POST" })).json();
      runs.push((await watchGeneration(base, { authorization: `Bearer ${token}` }, token, 1))[0]);
    }
    console.log(`generation, blueprint, POST to completed: median ${ms(quantile(runs, 0.5))}, max ${ms(Math.max(...runs))} (n=${RUNS})`);

    console.log(await gitClone(base, Math.max(RUNS, 5)));

    const { token } = await (await fetch(`${base}/api/session`, { method: "POST" })).json();
    const arrivals = await watchGeneration(base, { authorization: `Bearer ${token}` }, token, VIEWERS);
    const first = Math.min(...arrivals);
    const lag = arrivals.map((a) => a - first);
    console.log(
      `fan-out, ${VIEWERS} viewers opened at once on a live run, each replaying its history (?after=0): final event p50 ${ms(quantile(lag, 0.5))}, max ${ms(Math.max(...lag))} after the first viewer`,
    );
  } finally {
    await stack.stop();
  }
}

await main();
