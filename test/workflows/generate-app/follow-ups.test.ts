import { env } from "cloudflare:workers";
import { randomId } from "../../../shared/ids";
import { describe, expect, it } from "vitest";
import type { ProjectEvent, ServerMessage } from "../../../shared/protocol";
import { rolesFor } from "../../../shared/runs";
import { manifestKey, zipKey } from "../../../workflows/files/storage";
import { MAIN } from "../../../workflows/git/publish";
import type { StepManifest } from "../../../workflows/files/storage";
import type { ErrorJson } from "../../helpers/api";
import { call, newSession, postJson } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { filesOf, followUp, generated, runDetail, startFollowUp } from "../../helpers/follow-ups";
import { PROVIDERS, TEST_KEYS, recorded, unique } from "../../helpers/models";
import { getProject } from "../../helpers/projects";
import { connect } from "../../helpers/sockets";

async function withKey(auth: Record<string, string>, provider: string): Promise<void> {
  if (provider === "joxcoder") return;
  const res = await call(`/api/account/keys/${provider}`, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ apiKey: TEST_KEYS[provider as "openai" | "anthropic"] }),
  });
  if (res.status !== 200) throw new Error(`key: ${res.status}`);
}

/** Every event of the project's log, replayed from the start. */
async function history(id: string, auth: Record<string, string>): Promise<ProjectEvent[]> {
  const viewer = await connect(await call(`/api/projects/${id}/events?after=0`, { headers: { ...auth, Upgrade: "websocket" } }));
  const head = (await env.PROJECTS.getByName(id).read())?.view;
  await new Promise((resolve) => setTimeout(resolve, 200));
  viewer.close();
  expect(head).toBeDefined();
  return viewer.messages.filter((m: ServerMessage): m is ProjectEvent => m.type !== "snapshot");
}

/** What a finished run should cost, from the manifests it left in R2: 1 credit per 1,000 tokens, at least 1 per step that used any. */
async function expectedCredits(projectId: string, runId: string): Promise<number> {
  let tokens = 0;
  let steps = 0;
  for (const role of rolesFor("edit")) {
    const object = await env.ARTIFACTS.get(manifestKey({ projectId, runId, legacy: false }, role));
    if (!object) continue;
    const manifest: StepManifest = await object.json();
    const used = manifest.usage.promptTokens + manifest.usage.completionTokens;
    tokens += used;
    if (used > 0) steps += 1;
  }
  return Math.max(Math.ceil(tokens / 1000), steps);
}

describe.each(PROVIDERS)("follow-up runs through the API on %s", (provider) => {
  it("edits with blocks, keeps every other blob, bills the run, and ends a run that changes nothing with no changes", async () => {
    const { auth } = await newSession();
    await withKey(auth, provider);
    const project = await generated(auth, `Notas rápidas ${unique()}`, provider);
    expect(project.status).toBe("completed");

    const { detail } = await followUp(auth, project.id, {
      kind: "edit",
      instruction: `[[fake:edit-blocks:${unique()}]] añade una ruta de salud`,
    });
    expect(detail).toMatchObject({ id: "r2", kind: "edit", status: "completed", model: provider });
    expect(detail?.steps.map((s) => [s.role, s.status])).toEqual([
      ["architect", "done"],
      ["editor", "done"],
      ["security", "done"],
    ]);
    const written = detail?.files.map((f) => f.path) ?? [];
    expect(written).toEqual(expect.arrayContaining(["public/app.js", "src/health.js", "src/server.js"]));
    // The architect said no plan change: the plan is not among the files the run wrote.
    expect(written).not.toContain("docs/architecture.json");
    const before = await filesOf(project.id, "r1");
    const after = await filesOf(project.id, "r2");
    for (const [path, sha] of before) if (!written.includes(path)) expect(after.get(path), path).toBe(sha);
    const server = await (await call(`/api/projects/${project.id}/files/src/server.js`, { headers: auth })).text();
    expect(server).toContain("HEALTH_PATH");

    // Billed from the run's real usage, on its own hold.
    const ledger = (await getAccountJson(auth)).ledger.entries;
    const entry = (kind: string) => ledger.find((e) => e.kind === kind && e.ref === `${project.id}/r2`)?.amount ?? 0;
    // The hold is the reservation; the charge entry returns what the run did not use.
    expect(entry("reservation")).toBe(-50);
    expect(-(entry("reservation") + entry("charge"))).toBe(await expectedCredits(project.id, "r2"));

    const none = await followUp(auth, project.id, { kind: "edit", instruction: `[[fake:edit-none:${unique()}]] no cambies nada` });
    expect(none.detail).toMatchObject({ id: "r3", status: "completed", changed: 0, files: [] });
    expect(none.detail?.steps.find((s) => s.role === "security")?.usage).toEqual({ promptTokens: 0, completionTokens: 0 });
    expect(await env.ARTIFACTS.head(zipKey({ projectId: project.id, runId: "r3", legacy: false }))).toBeNull();
    // No commit: the run ends at the edit's commit, and main stays there.
    const commits = (await getProject(project.id, auth)).runs.map((r) => r.commit);
    expect(commits[2]).toBe(commits[1]);
    expect(commits[1]).not.toBe(commits[0]);
    expect(await env.PROJECTS.getByName(project.id).gitRef(MAIN)).toBe(commits[1]);
    const zip = await call(`/api/projects/${project.id}/zip`, { headers: auth });
    const r2 = await env.ARTIFACTS.get(zipKey({ projectId: project.id, runId: "r2", legacy: false }));
    expect(new Uint8Array(await zip.arrayBuffer())).toEqual(new Uint8Array((await r2?.arrayBuffer()) ?? new ArrayBuffer(0)));
  });

  it("explains, streaming the answer as deltas, on a smaller hold charged from real usage, with no commit", async () => {
    const { auth } = await newSession();
    await withKey(auth, provider);
    const project = await generated(auth, `Notas rápidas ${unique()}`, provider);
    const { detail } = await followUp(auth, project.id, {
      kind: "explain",
      question: `[[fake:explain:${unique()}]] ¿cómo se guardan las notas?`,
    });
    expect(detail).toMatchObject({ id: "r2", kind: "explain", status: "completed", changed: 0, files: [] });
    expect(detail?.answer?.cited).toEqual(expect.arrayContaining(["src/db.js", "src/server.js"]));
    // Streamed: the explainer's deltas, in the project's event log under the run, add up to the stored answer.
    const deltas = (await history(project.id, auth)).flatMap((e) =>
      e.run === "r2" && e.type === "delta" && e.role === "explainer" ? [e.text] : [],
    );
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join("")).toBe(detail?.answer?.text);
    const used = (detail?.usage.promptTokens ?? 0) + (detail?.usage.completionTokens ?? 0);
    expect(used).toBeGreaterThan(0);
    const ledger = (await getAccountJson(auth)).ledger.entries;
    const entry = (kind: string) => ledger.find((e) => e.kind === kind && e.ref === `${project.id}/r2`)?.amount ?? 0;
    expect(entry("reservation")).toBe(-5);
    // One step that used tokens: 1 credit per 1,000 tokens, at least 1.
    expect(-(entry("reservation") + entry("charge"))).toBe(Math.max(Math.ceil(used / 1000), 1));
    const runs = (await getProject(project.id, auth)).runs;
    expect(runs[1]?.commit).toBe(runs[0]?.commit);
  });
});

describe("a fix", () => {
  it("gives the editor the problem and the files it names, and applies what it answers", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, `Notas rápidas ${unique()}`, "joxcoder");
    const marker = `[[fake:edit-blocks:${unique()}]]`;
    const problem = `${marker} npm test falla: TypeError: send is not a function\n    at Server.<anonymous> (/app/src/server.js:12:5)`;
    const { detail } = await followUp(auth, project.id, { kind: "fix", problem });
    expect(detail).toMatchObject({ id: "r2", kind: "fix", status: "completed" });
    expect(detail?.steps.map((s) => s.role)).toEqual(["architect", "editor", "security"]);
    expect(detail?.files.map((f) => f.path)).toEqual(expect.arrayContaining(["src/health.js", "src/server.js"]));
    const editor = (await recorded(marker)).find((r) => r.text.includes("You are the editor of AUTOCREA"));
    expect(editor?.text).toContain("The user reports this problem (error output or a description). Find its cause in the code and fix it:");
    // The file the stack trace names is shown, first.
    const shown = editor?.text.slice(editor.text.indexOf("Current contents of the files that concern the change:")) ?? "";
    expect(shown.indexOf('<file path="src/server.js">')).toBeGreaterThan(0);
    expect(shown).not.toContain('<file path="Dockerfile">');
  });
});

describe("an edit that cannot be applied", () => {
  it("fails as the editor's, changes no file, adds no commit, and charges only the architect's metered usage", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, `Notas rápidas ${unique()}`, "joxcoder");
    const zipBefore = new Uint8Array(await (await call(`/api/projects/${project.id}/zip`, { headers: auth })).arrayBuffer());
    const { detail } = await followUp(
      auth,
      project.id,
      { kind: "edit", instruction: `[[fake:edit-never:${unique()}]] añade una ruta de salud` },
      "errored",
    );
    expect(detail).toMatchObject({ id: "r2", kind: "edit", status: "failed", files: [] });
    expect(detail?.error).toMatchObject({ role: "editor", code: "edit_not_applied" });
    // Nothing half-applied: every file, the ZIP and main are as the generation left them.
    const [before, after] = [await filesOf(project.id, "r1"), await filesOf(project.id, "r2")];
    expect(after).toEqual(before);
    expect(new Uint8Array(await (await call(`/api/projects/${project.id}/zip`, { headers: auth })).arrayBuffer())).toEqual(zipBefore);
    const runs = (await getProject(project.id, auth)).runs;
    expect(await env.PROJECTS.getByName(project.id).gitRef(MAIN)).toBe(runs[0]?.commit);
    // The hold is settled like a failed generation's: the architect, which finished, pays its tokens; the rest comes back.
    const architect = detail?.steps.find((s) => s.role === "architect")?.usage;
    const used = (architect?.promptTokens ?? 0) + (architect?.completionTokens ?? 0);
    const ledger = (await getAccountJson(auth)).ledger.entries.filter((e) => e.ref === `${project.id}/r2`);
    expect(ledger.find((e) => e.kind === "reservation")?.amount).toBe(-50);
    expect(-ledger.reduce((sum, e) => sum + e.amount, 0)).toBe(used > 0 ? Math.max(Math.ceil(used / 1000), 1) : 0);
  });
});

describe("follow-ups: the same credits and limits as a generation", () => {
  it("answers an edit 402 when the balance cannot cover CREDITS_RESERVE, yet admits an explanation, which reserves less", async () => {
    const { auth, accountId } = await newSession();
    const project = await generated(auth, "app de tareas");
    const credits = (await getAccountJson(auth)).credits;
    expect(await env.ACCOUNTS.getByName(accountId).adjust("spent", 30 - credits, "test: most credits spent")).toBe(true);
    const edit = await postJson(
      `/api/projects/${project.id}/runs`,
      { kind: "edit", instruction: "renombra la app a Tareas del equipo" },
      auth,
    );
    expect(edit.status).toBe(402);
    expect(((await edit.json()) as ErrorJson & { error: { balance: number; estimate: number } }).error).toMatchObject({
      code: "insufficient_credits",
      balance: 30,
      estimate: 50,
    });
    // Refused runs stay in the history as failed, with the reason (workers/projects/start-run.ts),
    // while the project still stands as its last run that started: completed, its files intact.
    const after = await getProject(project.id, auth);
    expect(after.runs.map((r) => [r.id, r.status])).toEqual([
      ["r1", "completed"],
      ["r2", "failed"],
    ]);
    expect(after).toMatchObject({ status: "completed", files: project.files });
    expect(after.error).toBeUndefined();
    expect((await runDetail(auth, project.id, "r2")).error).toMatchObject({ code: "insufficient_credits" });
    const { res, detail } = await followUp(auth, project.id, { kind: "explain", question: "¿cómo se guardan las tareas?" });
    expect(res.status).toBe(202);
    expect(detail).toMatchObject({ id: "r3", kind: "explain", status: "completed" });
  });

  it("answers an edit 429 with Retry-After past the account's concurrent limit", async () => {
    const { auth, accountId } = await newSession();
    const project = await generated(auth, "app de tareas");
    const account = env.ACCOUNTS.getByName(accountId);
    await account.adjust("more", 1000, "test: room for several runs");
    const limits = { reserve: 50, perHour: 10, concurrent: 2 };
    await account.admitRun({ projectId: randomId("prj"), runId: "r1" }, limits);
    await account.admitRun({ projectId: randomId("prj"), runId: "r1" }, limits);
    const res = await postJson(
      `/api/projects/${project.id}/runs`,
      { kind: "edit", instruction: "renombra la app a Tareas del equipo" },
      auth,
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as ErrorJson).error.code).toBe("rate_limited");
    expect((await runDetail(auth, project.id, "r2")).error).toMatchObject({ code: "rate_limited" });
  });
});

describe("a project's history of runs", () => {
  it("keeps every run's events in one log, each naming its run, and shows every run in the view", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    await followUp(auth, project.id, { kind: "edit", instruction: "renombra la app a Peluquería Ana" });
    const events = await history(project.id, auth);
    const r2 = events.filter((e) => e.run === "r2");
    expect(events.filter((e) => e.run === "r1").length).toBeGreaterThan(0);
    expect(events.findIndex((e) => e.run === "r2")).toBeGreaterThan(events.findLastIndex((e) => e.run === "r1"));
    expect(r2[0]).toMatchObject({ type: "status", status: "queued", kind: "edit" });
    expect(r2.filter((e) => e.type === "step" && e.status === "running").map((e) => e.type === "step" && e.role)).toEqual([
      "architect",
      "editor",
      "security",
    ]);
    expect(r2.some((e) => e.type === "delta" && e.role === "architect")).toBe(true);
    expect(r2.filter((e) => e.type === "file").map((e) => e.type === "file" && e.path)).toContain("package.json");
    expect(r2.at(-1)).toMatchObject({ type: "status", status: "completed", changed: 7 });
    const view = await getProject(project.id, auth);
    expect(view.name).toBe("Peluquería Ana");
    expect(view.runs.map((r) => [r.id, r.kind, r.status])).toEqual([
      ["r1", "generate", "completed"],
      ["r2", "edit", "completed"],
    ]);
  });

  it("answers 409 with the running run's id while a run is in progress", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "app de tareas con usuarios y etiquetas");
    const first = await startFollowUp(auth, project.id, { kind: "explain", question: "¿cómo se guardan las tareas?" });
    try {
      expect(first.res.status).toBe(202);
      const second = await call(`/api/projects/${project.id}/runs`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ kind: "edit", instruction: "añade un campo prioridad a las tareas" }),
      });
      expect(second.status).toBe(409);
      const body: ErrorJson & { error: { run?: string } } = await second.json();
      expect(body.error).toMatchObject({ code: "run_in_progress", run: "r2" });
      await first.instance?.waitForStatus("complete");
    } finally {
      await first.dispose();
    }
  });

  it("checks what it is asked: the kind's own field, a known project, a finished first run", async () => {
    const { auth } = await newSession();
    const post = (id: string, body: unknown) =>
      call(`/api/projects/${id}/runs`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const project = await generated(auth, "app de tareas");
    expect((await post(project.id, { kind: "edit", question: "x" })).status).toBe(400);
    expect((await post(project.id, { kind: "remix", instruction: "x" })).status).toBe(400);
    expect((await post(project.id, { kind: "fix", problem: "   " })).status).toBe(400);
    expect((await post("prj_0000000000000000", { kind: "explain", question: "¿qué hace?" })).status).toBe(404);
    const other = await newSession();
    const theirs = await call(`/api/projects/${project.id}/runs`, {
      method: "POST",
      headers: { ...other.auth, "content-type": "application/json" },
      body: JSON.stringify({ kind: "explain", question: "¿qué hace?" }),
    });
    expect(theirs.status).toBe(404);
    const long = await post(project.id, { kind: "edit", instruction: "x".repeat(4001) });
    expect(long.status).toBe(413);
  });
});
