#!/usr/bin/env node
// `npm run check:generated`: proves that what the offline model builds really runs. It starts the
// local stack, asks the public API for a sample of the fixture ideas (test/fixtures/ideas.json:
// one per rule archetype, both languages), and for each one unzips the ZIP, runs `npm install`,
// `npm test` and `npm start`, requests two pages of the running app, and then proves every rule of
// its plan from outside over HTTP: the double booking refused, the second vote refused, the overdue
// loan listed, the daily total added up, who owes whom, the redirect counted, the comment hidden
// until approved. Then it changes a few projects through the API with the offline model's edits
// (every kind of change it supports) and checks each edited ZIP the same way: the project's own
// tests, and its rules, must still pass. Then the git checks (scripts/check-git.mjs): clone, fsck,
// history, access, push refused. One line per idea, per edit and per git check, then "N passed,
// N failed"; exit code 1 on any failure. CHECK_KEEP=1 keeps the unzipped projects for inspection; CHECK_IDEAS=id,id picks other
// fixture ideas.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import JSZip from "jszip";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkGit } from "./check-git.mjs";
import { freePort, sleep, startStack, start, stop, waitFor } from "./lib-process.mjs";
import { prove } from "./lib-rule-proofs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** One idea per rule archetype (and an enum with steps), in both languages. */
const SAMPLE = ["peluqueria", "polls", "biblioteca", "shortener", "cafeteria", "trip", "blog", "kitchen"];
const FIXTURE = JSON.parse(await readFile(join(ROOT, "test", "fixtures", "ideas.json"), "utf8"));
const wanted = process.env.CHECK_IDEAS ? process.env.CHECK_IDEAS.split(",") : SAMPLE;
const IDEAS = wanted.map((id) => {
  const found = [...FIXTURE.ideas, ...FIXTURE.heldOut].find((item) => item.id === id);
  if (!found) throw new Error(`no fixture idea "${id}" in test/fixtures/ideas.json`);
  return found.idea;
});
/**
 * Offline edits, run one after another on a generated project; between them they use every change
 * the offline model supports (docs/models.md): add and remove an entity, add, remove and rename a
 * field, change a field's type and its required flag, rename the app, switch the README's language.
 */
const EDITED = [
  {
    idea: "app de tareas con usuarios y etiquetas",
    edits: [
      "Añade un campo presupuesto a las tareas. Añade una entidad proveedores con nombre, email y teléfono.",
      "Renombra el campo presupuesto de las tareas a coste estimado. Cambia el tipo de coste estimado a entero. Haz obligatorio el teléfono de los proveedores.",
      "Quita el campo coste estimado de las tareas. Elimina los proveedores. Renombra la app a Tareas del equipo. Pon el README en inglés.",
    ],
  },
  {
    // A plan with references and a rule: the overdue list must still work after its fields change.
    idea: "App para la biblioteca del barrio: libros, socios y préstamos de libros a socios con fecha de devolución; quiero ver los préstamos vencidos.",
    edits: [
      "Renombra el campo fecha de devolución de los préstamos a vence el. Añade un campo observaciones a los préstamos.",
      "Elimina los socios.",
    ],
  },
];
// Enough credits for a generation and its edits on one account (a trial covers two offline runs).
// Many projects, edits and clones from one address: credits and the per-IP limit are not under test here.
const STACK_ARGS = ["--var", "TRIAL_CREDITS:1000", "--var", "RATE_API_PER_MINUTE:0"];
const STACK_TIMEOUT_MS = 120_000;
const GENERATION_TIMEOUT_MS = 180_000;
const COMMAND_TIMEOUT_MS = 180_000;
const APP_TIMEOUT_MS = 20_000;

async function run(command, args, cwd, env = {}) {
  const handle = start(command, args, { cwd, env });
  const timer = setTimeout(() => stop(handle), COMMAND_TIMEOUT_MS);
  const code = await handle.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${handle.output().trim()}`);
  return handle.output();
}

async function api(base, path, init = {}) {
  const res = await fetch(base + path, init);
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function newSession(base) {
  const created = await api(base, "/api/session", { method: "POST" });
  const session = await created.json();
  if (created.status !== 201 || typeof session.token !== "string") throw new Error(`session: ${created.status} ${JSON.stringify(session)}`);
  return { authorization: `Bearer ${session.token}` };
}

async function generate(base, auth, prompt) {
  const created = await (
    await api(base, "/api/projects", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ prompt }),
    })
  ).json();
  const deadline = Date.now() + GENERATION_TIMEOUT_MS;
  for (;;) {
    const view = await (await api(base, `/api/projects/${created.id}`, { headers: auth })).json();
    if (view.status === "completed") return view;
    if (view.status === "failed") throw new Error(`generation failed: ${JSON.stringify(view.error ?? view.steps)}`);
    if (Date.now() > deadline) throw new Error(`generation still ${view.status} after ${GENERATION_TIMEOUT_MS / 1000} s`);
    await sleep(1000);
  }
}

/** Unzips with jszip (a dependency already), so CI needs no `unzip` binary. */
async function extract(bytes, dir) {
  const archive = await JSZip.loadAsync(bytes);
  for (const entry of Object.values(archive.files)) {
    if (entry.dir) continue;
    const target = resolve(dir, entry.name);
    if (!target.startsWith(`${resolve(dir)}${sep}`)) throw new Error(`ZIP entry escapes the folder: ${entry.name}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await entry.async("nodebuffer"));
  }
}

/** Runs a follow-up edit through the API and waits for it: it must complete and change files. */
async function edit(base, auth, projectId, instruction) {
  const res = await fetch(`${base}/api/projects/${projectId}/runs`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ kind: "edit", instruction }),
  });
  if (res.status !== 202) throw new Error(`edit refused: ${res.status} ${await res.text()}`);
  const { run } = await res.json();
  const deadline = Date.now() + GENERATION_TIMEOUT_MS;
  for (;;) {
    const detail = await (await api(base, `/api/projects/${projectId}/runs/${run.id}`, { headers: auth })).json();
    if (detail.status === "completed") {
      if (!detail.changed) throw new Error(`edit ${run.id} completed with no changes`);
      return detail;
    }
    if (detail.status === "failed") throw new Error(`edit ${run.id} failed: ${JSON.stringify(detail.error ?? detail.steps)}`);
    if (Date.now() > deadline) throw new Error(`edit still ${detail.status} after ${GENERATION_TIMEOUT_MS / 1000} s`);
    await sleep(1000);
  }
}

/** Everything the generated project's README promises, on the unzipped project: install, test, start, answer. */
async function checkProject(base, auth, prompt, workDir) {
  const view = await generate(base, auth, prompt);
  return { view, summary: await checkZip(base, auth, view, workDir) };
}

async function checkZip(base, auth, view, workDir) {
  const zip = await api(base, `/api/projects/${view.id}/zip`, { headers: auth });
  if (zip.headers.get("content-type") !== "application/zip") throw new Error(`ZIP served as ${zip.headers.get("content-type")}`);
  const dir = await mkdtemp(join(workDir, "project-"));
  const bytes = Buffer.from(await zip.arrayBuffer());
  await extract(bytes, dir);
  // Entries sit at the archive's root: the manifest must be right here, not in a wrapping folder.
  const plan = JSON.parse(await readFile(join(dir, "docs", "architecture.json"), "utf8"));
  JSON.parse(await readFile(join(dir, "package.json"), "utf8"));

  await run("npm", ["install", "--no-audit", "--no-fund"], dir);
  const testOutput = await run("npm", ["test"], dir);
  const tests = /^# pass (\d+)/m.exec(testOutput)?.[1] ?? "?";

  const port = await freePort();
  const app = start("npm", ["start"], { cwd: dir, env: { PORT: String(port), HOST: "127.0.0.1" } });
  let proofs = [];
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, APP_TIMEOUT_MS, app);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    if (home.status !== 200 || !home.headers.get("content-type")?.includes("text/html")) {
      throw new Error(`GET / answered ${home.status} ${home.headers.get("content-type")}`);
    }
    const plural = plan.entities[0].plural;
    const list = await fetch(`http://127.0.0.1:${port}/api/${plural}`);
    if (list.status !== 200 || !Array.isArray(await list.json()))
      throw new Error(`GET /api/${plural} answered ${list.status}, not a JSON array`);
    // The project's own helper builds valid records (parents first); the proofs are this script's.
    const support = await import(pathToFileURL(join(dir, "test", "support.js")).href);
    proofs = await prove(plan, `http://127.0.0.1:${port}`, support);
  } finally {
    await stop(app);
  }
  const entities = plan.entities.map((entity) => entity.plural).join(", ");
  const rules = proofs.length === 0 ? "no rules" : proofs.join("; ");
  const files = Object.values((await JSZip.loadAsync(bytes)).files).filter((entry) => !entry.dir).length;
  return `${files} files, ${plan.language}, entities: ${entities}; npm test: ${tests} passed; npm start answered / and /api/${plan.entities[0].plural}; ${rules}`;
}

async function main() {
  const workDir = await mkdtemp(join(tmpdir(), "autocrea-check-"));
  const stack = await startStack(ROOT, STACK_TIMEOUT_MS, STACK_ARGS);
  const { base, ready } = stack;
  let passed = 0;
  let failed = 0;
  try {
    try {
      await ready;
    } catch (err) {
      console.log(`FAIL stack: ${err.message}`);
      failed = IDEAS.length + EDITED.reduce((sum, item) => sum + 1 + item.edits.length, 0);
      return;
    }
    for (const idea of IDEAS) {
      const started = Date.now();
      try {
        // A fresh account per idea: a trial covers two offline runs (docs/billing.md).
        const { summary } = await checkProject(base, await newSession(base), idea, workDir);
        passed += 1;
        console.log(`PASS "${idea}" (${((Date.now() - started) / 1000).toFixed(1)} s): ${summary}`);
      } catch (err) {
        failed += 1;
        console.log(`FAIL "${idea}": ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    for (const { idea, edits } of EDITED) {
      let started = Date.now();
      const auth = await newSession(base);
      let view;
      try {
        const checked = await checkProject(base, auth, idea, workDir);
        view = checked.view;
        passed += 1;
        console.log(`PASS "${idea}" (${((Date.now() - started) / 1000).toFixed(1)} s): ${checked.summary}`);
      } catch (err) {
        failed += 1 + edits.length;
        console.log(`FAIL "${idea}": ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      for (const instruction of edits) {
        started = Date.now();
        try {
          const run = await edit(base, auth, view.id, instruction);
          const summary = await checkZip(base, auth, view, workDir);
          passed += 1;
          console.log(
            `PASS   edit ${run.id} "${instruction}" (${((Date.now() - started) / 1000).toFixed(1)} s): ${run.changed} files changed; ${summary}`,
          );
        } catch (err) {
          failed += 1;
          console.log(`FAIL   edit "${instruction}": ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    // The same projects as a git repository, with stock git (scripts/check-git.mjs).
    const git = await checkGit(base);
    passed += git.passed;
    failed += git.failed;
  } finally {
    await stack.stop();
    if (process.env.CHECK_KEEP) console.log(`projects kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  }
}

await main();
