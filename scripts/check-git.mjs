#!/usr/bin/env node
// `npm run check:git`: the git side of a project, checked with the machine's own git (stock git,
// spawned from Node; vitest runs inside workerd, which cannot spawn processes). It starts the
// local stack, builds a project with the offline model, then clones it over smart HTTP and checks
// what a user would: fsck, the five role commits, the files against the API and the ZIP, who may
// clone, that pushing is refused, and that a fetch with history in common gets only what is new;
// then the community's side: a public project clones with no credentials until it goes private,
// clones are counted, and a remix's log is its source's, commit for commit; last, a fetch in the
// first clone after an edit run brings that run's commits.
// One PASS/FAIL line per check, then "N passed, N failed". `npm run check:generated` runs these
// checks too, on its own stack, so CI counts them.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { sleep, start, startStack } from "./lib-process.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const GENERATION_TIMEOUT_MS = 180_000;
const ROLE_AUTHORS = ["Architect", "Backend", "Frontend", "DevOps", "Security"].map(
  (name) => `${name} (AUTOCREA) <${name.toLowerCase()}@autocrea.invalid>`,
);

/** git with no user or system configuration, never prompting, never storing credentials. */
async function git(args, cwd, { expectFailure = false, env = {} } = {}) {
  const handle = start("git", ["-c", "credential.helper=", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    env: { GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_ASKPASS: "", SSH_ASKPASS: "", ...env },
  });
  const code = await handle.exited;
  const output = handle.output();
  if (expectFailure ? code === 0 : code !== 0) {
    // Passwords in clone URLs stay out of the log, even a local throwaway one.
    const shown = `git ${args.join(" ")}`.replace(/\/\/autocrea:[^@]+@/g, "//autocrea:***@");
    throw new Error(`${shown} ${expectFailure ? "succeeded" : `exited with ${code}`}:\n${output.trim()}`);
  }
  return output;
}

/** git with `input` on stdin. */
async function gitWithInput(args, cwd, input) {
  const child = spawn("git", args, { cwd, stdio: ["pipe", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  child.stdin.end(input);
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`git ${args.join(" ")} exited with ${code}: ${errors.trim()}`);
}

const withPassword = (url, password) => {
  const u = new URL(url);
  u.username = "autocrea";
  u.password = password;
  return u.toString();
};

async function api(base, path, init = {}) {
  const res = await fetch(base + path, init);
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function session(base) {
  const { token } = await (await api(base, "/api/session", { method: "POST" })).json();
  return { token, auth: { authorization: `Bearer ${token}` } };
}

async function generate(base, auth, prompt) {
  const { id } = await (
    await api(base, "/api/projects", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ prompt }),
    })
  ).json();
  const deadline = Date.now() + GENERATION_TIMEOUT_MS;
  for (;;) {
    const view = await (await api(base, `/api/projects/${id}`, { headers: auth })).json();
    if (view.status === "completed") return view;
    if (view.status === "failed" || Date.now() > deadline)
      throw new Error(`generation ${view.status}: ${JSON.stringify(view.error ?? {})}`);
    await sleep(500);
  }
}

/** Runs every check against the stack at `base`; returns the counts. */
export async function checkGit(base) {
  const work = await mkdtemp(join(tmpdir(), "autocrea-git-"));
  let passed = 0;
  let failed = 0;
  const check = async (name, body) => {
    const started = Date.now();
    try {
      const detail = await body();
      passed += 1;
      console.log(`PASS git: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ""}`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL git: ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  try {
    const owner = await session(base);
    const view = await generate(base, owner.auth, "Una app de reservas para mi peluquería");
    const url = `${base}/git/${view.id}.git`;
    const clone = join(work, "clone");

    await check("clone with the owner's API token as the password", async () => {
      await git(["clone", "--quiet", withPassword(url, owner.token), clone], work);
      return `${view.id}`;
    });
    await check("git fsck --strict passes on the fresh clone", async () => {
      await git(["fsck", "--strict", "--no-progress"], clone);
    });
    await check("git log: five commits, the roles as authors and committers, in order", async () => {
      const lines = (await git(["log", "--reverse", "--format=%an <%ae>|%cn <%ce>|%s"], clone)).trim().split("\n");
      const authors = lines.map((l) => l.split("|")[0]);
      const committers = lines.map((l) => l.split("|")[1]);
      if (JSON.stringify(authors) !== JSON.stringify(ROLE_AUTHORS)) throw new Error(`authors: ${authors.join(", ")}`);
      if (JSON.stringify(committers) !== JSON.stringify(ROLE_AUTHORS)) throw new Error(`committers: ${committers.join(", ")}`);
      const branch = (await git(["rev-parse", "--abbrev-ref", "HEAD"], clone)).trim();
      if (branch !== "main") throw new Error(`checked out ${branch}, not main`);
      return lines.map((l) => l.split("|")[2]).join(" / ");
    });
    await check("a file's content equals the API's", async () => {
      const path = "src/server.js";
      const fromApi = Buffer.from(await (await api(base, `/api/projects/${view.id}/files/${path}`, { headers: owner.auth })).arrayBuffer());
      const fromClone = await readFile(join(clone, path));
      if (!fromApi.equals(fromClone))
        throw new Error(`${path} differs (${fromApi.length} bytes from the API, ${fromClone.length} in the clone)`);
    });
    await check("the clone holds exactly the ZIP's files, byte for byte", async () => {
      const zip = await JSZip.loadAsync(await (await api(base, `/api/projects/${view.id}/zip`, { headers: owner.auth })).arrayBuffer());
      const zipped = Object.values(zip.files).filter((f) => !f.dir);
      const tracked = (await git(["ls-files", "-z"], clone)).split("\0").filter(Boolean).sort();
      const names = zipped.map((f) => f.name).sort();
      if (JSON.stringify(tracked) !== JSON.stringify(names)) throw new Error(`files differ: clone ${tracked.length}, ZIP ${names.length}`);
      for (const entry of zipped) {
        if (!Buffer.from(await entry.async("uint8array")).equals(await readFile(join(clone, entry.name))))
          throw new Error(`${entry.name} differs`);
      }
      return `${names.length} files`;
    });
    await check("a private project is refused, exactly like one that does not exist", async () => {
      const stranger = await session(base);
      const missing = `${base}/git/prj_${"a".repeat(20)}.git`;
      const normalize = (text) =>
        text
          .replaceAll(view.id, "ID")
          .replaceAll(`prj_${"a".repeat(20)}`, "ID")
          .replace(/'[^']*'/g, "'URL'");
      const anonymous = await git(["ls-remote", url], work, { expectFailure: true });
      const wrong = await git(["ls-remote", withPassword(url, stranger.token)], work, { expectFailure: true });
      const none = await git(["ls-remote", withPassword(missing, stranger.token)], work, { expectFailure: true });
      if (!/could not read Username|Authentication failed/.test(anonymous)) throw new Error(`anonymous: ${anonymous.trim()}`);
      if (!wrong.includes("Authentication failed")) throw new Error(`another account's token: ${wrong.trim()}`);
      if (normalize(wrong) !== normalize(none)) throw new Error(`a missing project answers differently:\n${wrong}\n${none}`);
    });
    await check("a live share link's token is accepted, and refused once revoked", async () => {
      const shared = await (await api(base, `/api/projects/${view.id}/share`, { method: "POST", headers: owner.auth })).json();
      const token = new URL(shared.url).searchParams.get("s");
      await git(["clone", "--quiet", withPassword(url, token), join(work, "shared")], work);
      await api(base, `/api/projects/${view.id}/share`, { method: "DELETE", headers: owner.auth });
      await git(["ls-remote", withPassword(url, token)], work, { expectFailure: true });
    });
    await check("the console's clone command (the project's clone token) works as given", async () => {
      const info = await (await api(base, `/api/projects/${view.id}/git`, { headers: owner.auth })).json();
      const [, , cloneUrl] = info.command.split(" ");
      await git(["clone", "--quiet", cloneUrl, join(work, "by-command")], work);
      const head = (await git(["rev-parse", "HEAD"], join(work, "by-command"))).trim();
      if (head !== info.head) throw new Error(`HEAD ${head}, the API says ${info.head}`);
    });
    await check("push is refused with a message saying why", async () => {
      const out = await git(["push", "origin", "HEAD:refs/heads/mine"], clone, { expectFailure: true });
      if (!out.includes("Pushing is not supported")) throw new Error(out.trim());
    });
    await check("a fetch with history in common (gzip, several rounds) brings only what is missing", async () => {
      const repo = join(work, "partial");
      await git(["init", "--quiet", repo], work);
      // Unrelated local history, newer than the project's, makes git negotiate in rounds (16, 16,
      // 32, 64 haves...) and gzip the requests past 1 KiB. fast-import writes it in one process.
      const stream = Array.from({ length: 150 }, (_, i) =>
        [
          `commit refs/heads/local`,
          `committer t <t@example.com> ${4_000_000_000 + i} +0000`,
          `data ${`local ${i}`.length}`,
          `local ${i}`,
          "",
        ].join("\n"),
      ).join("\n");
      await gitWithInput(["fast-import", "--quiet"], repo, stream);
      const second = (await git(["rev-parse", "HEAD~3"], clone)).trim();
      await git(["fetch", "--quiet", clone, `${second}:refs/heads/early`], repo);
      const before = (await git(["count-objects", "-v"], repo)).match(/^count: (\d+)/m)?.[1];
      const trace = join(work, "fetch-trace.txt");
      await git(["fetch", "--quiet", withPassword(url, owner.token), "main:refs/remotes/origin/main"], repo, {
        env: { GIT_TRACE_CURL: trace, GIT_TRACE_CURL_NO_DATA: "1" },
      });
      const posts = (await readFile(trace, "utf8")).match(/=> Send header: POST [^\n]*git-upload-pack/g) ?? [];
      if (posts.length < 2) throw new Error(`git negotiated in ${posts.length} request(s); expected several rounds`);
      if (!/=> Send header: Content-Encoding: gzip/i.test(await readFile(trace, "utf8")))
        throw new Error("git sent no gzip-compressed request");
      await git(["fsck", "--strict", "--no-progress"], repo);
      const commits = (await git(["rev-list", "--count", "origin/main"], repo)).trim();
      if (commits !== "5") throw new Error(`origin/main has ${commits} commits after the fetch`);
      const after = (await git(["count-objects", "-v"], repo)).match(/^count: (\d+)/m)?.[1];
      const fetched = Number(after) - Number(before);
      const total = (await git(["rev-list", "--objects", "--all"], clone)).trim().split("\n").length;
      if (!(fetched > 0 && fetched < total)) throw new Error(`fetched ${fetched} objects of the ${total} a clone holds`);
      return `${posts.length} requests, ${fetched} of ${total} objects`;
    });
    await checkCommunity(base, { check, owner, view, url, clone, work });
    await checkFetchAfterEdit(base, { check, owner, view, clone });
  } catch (err) {
    failed += 1;
    console.log(`FAIL git: setup: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { passed, failed };
}

/**
 * The community's side of git (docs/community.md): a visible project clones with no credentials
 * and stops the moment it goes private; clones are counted per upload-pack that sent a pack; a
 * remix's history is its source's, commit for commit.
 */
async function checkCommunity(base, { check, owner, view, url, clone, work }) {
  const visibility = (value) =>
    api(base, `/api/projects/${view.id}`, {
      method: "PATCH",
      headers: { ...owner.auth, "content-type": "application/json" },
      body: JSON.stringify({ visibility: value }),
    });
  const clones = async () => (await (await api(base, `/api/projects/${view.id}/community`, { headers: owner.auth })).json()).clones;
  const log = async (dir) => (await git(["log", "--format=%H|%an <%ae>|%s"], dir)).trim();

  await check("a public project clones with no credentials, and is refused the moment it goes private", async () => {
    await visibility("public");
    await git(["clone", "--quiet", url, join(work, "public")], work);
    await visibility("private");
    const refused = await git(["ls-remote", url], work, { expectFailure: true });
    if (!/could not read Username|Authentication failed/.test(refused)) throw new Error(`after going private: ${refused.trim()}`);
    await visibility("unlisted");
    await git(["ls-remote", url], work);
  });
  await check("clones are counted once per upload-pack that sent a pack, never for a ref listing", async () => {
    const before = await clones();
    await git(["ls-remote", url], work);
    if ((await clones()) !== before) throw new Error("ls-remote (no pack) was counted");
    await git(["clone", "--quiet", url, join(work, "counted")], work);
    const after = await clones();
    if (after !== before + 1) throw new Error(`clones went from ${before} to ${after}`);
    return `${before} -> ${after}`;
  });
  await check("a remix's git log is its source's history: the same commits, authors and ids", async () => {
    const remixer = await session(base);
    const made = await (
      await api(base, `/api/projects/${view.id}/remix`, {
        method: "POST",
        headers: { ...remixer.auth, "content-type": "application/json" },
        body: "{}",
      })
    ).json();
    const copy = join(work, "remix");
    await git(["clone", "--quiet", withPassword(`${base}/git/${made.project.id}.git`, remixer.token), copy], work);
    await git(["fsck", "--strict", "--no-progress"], copy);
    const [ours, theirs] = [await log(copy), await log(clone)];
    if (ours !== theirs) throw new Error(`remix log:\n${ours}\nsource log:\n${theirs}`);
    const files = (await git(["ls-files"], copy)).trim().split("\n").length;
    return `${ours.split("\n").length} commits, ${files} files, ${made.project.id}`;
  });
  await visibility("private");
}

/**
 * A later run grows the repository a user already cloned (issue 11: "git fetch after a later run
 * brings its new commits"): an edit through the API, then `git fetch` in the existing clone gets
 * only the new commits, on top of the five it had, authored by the roles that made them, and the
 * clone fast-forwards to files equal to the API's. Last, because it spends the owner's second
 * trial run and moves main.
 */
async function checkFetchAfterEdit(base, { check, owner, view, clone }) {
  await check("git fetch after an edit run brings its commits on top, and main fast-forwards", async () => {
    const before = (await git(["rev-parse", "HEAD"], clone)).trim();
    const res = await fetch(`${base}/api/projects/${view.id}/runs`, {
      method: "POST",
      headers: { ...owner.auth, "content-type": "application/json" },
      body: JSON.stringify({ kind: "edit", instruction: "renombra la app a Peluquería Ana" }),
    });
    if (res.status !== 202) throw new Error(`edit refused: ${res.status} ${await res.text()}`);
    const { run } = await res.json();
    const deadline = Date.now() + GENERATION_TIMEOUT_MS;
    for (;;) {
      const detail = await (await api(base, `/api/projects/${view.id}/runs/${run.id}`, { headers: owner.auth })).json();
      if (detail.status === "completed") break;
      if (detail.status === "failed" || Date.now() > deadline) throw new Error(`edit ${run.id} ${detail.status}`);
      await sleep(500);
    }
    await git(["fetch", "--quiet", "origin"], clone);
    const added = (await git(["log", "--reverse", "--format=%an <%ae>", `${before}..origin/main`], clone)).trim().split("\n");
    const allowed = ["Architect", "Editor", "Security"].map((n) => `${n} (AUTOCREA) <${n.toLowerCase()}@autocrea.invalid>`);
    if (!added.includes(allowed[1] ?? "")) throw new Error(`new commits: ${added.join(", ") || "none"}`);
    for (const author of added) if (!allowed.includes(author)) throw new Error(`unexpected author ${author}`);
    await git(["merge", "--quiet", "--ff-only", "origin/main"], clone);
    await git(["fsck", "--strict", "--no-progress"], clone);
    const total = (await git(["rev-list", "--count", "HEAD"], clone)).trim();
    if (Number(total) !== 5 + added.length) throw new Error(`${total} commits after the fetch`);
    const fromApi = Buffer.from(
      await (await api(base, `/api/projects/${view.id}/files/package.json`, { headers: owner.auth })).arrayBuffer(),
    );
    if (!fromApi.equals(await readFile(join(clone, "package.json")))) throw new Error("package.json differs from the API's after the edit");
    return `${added.length} new commits: ${added.map((a) => a.split(" (")[0]).join(", ")}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Every check talks from one address, many times a minute: the per-IP limit is not under test here.
  const stack = await startStack(ROOT, 120_000, ["--var", "RATE_API_PER_MINUTE:0"]);
  let result = { passed: 0, failed: 1 };
  try {
    await stack.ready;
    result = await checkGit(stack.base);
  } catch (err) {
    console.log(`FAIL stack: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await stack.stop();
    console.log(`${result.passed} passed, ${result.failed} failed`);
    process.exitCode = result.failed > 0 || result.passed === 0 ? 1 : 0;
  }
}
