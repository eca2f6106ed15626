import { env } from "cloudflare:workers";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { zipKey } from "../../../workflows/files/storage";
import { MAIN, projectHistory } from "../../../workflows/git/publish";
import type { ErrorJson } from "../../helpers/api";
import { call, newSession } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { filesOf, followUp, generated, runDetail } from "../../helpers/follow-ups";
import { getProject } from "../../helpers/projects";

/** Follow-up runs on the offline model, from the API to the ZIP, with nothing mocked. */
describe("follow-up runs on the offline model", () => {
  it("edits a project: a new plan, only the files the change touches, the same events as a generation, a new ZIP", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    const { res, run, detail } = await followUp(auth, project.id, { kind: "edit", instruction: "añade un campo teléfono a los servicios" });
    expect(res.status).toBe(202);
    expect(run).toMatchObject({ id: "r2", kind: "edit" });
    expect(detail).toMatchObject({
      id: "r2",
      kind: "edit",
      status: "completed",
      prompt: "añade un campo teléfono a los servicios",
      model: "blueprint",
    });
    expect(detail?.steps.map((s) => [s.role, s.status])).toEqual([
      ["architect", "done"],
      ["editor", "done"],
      ["security", "done"],
    ]);
    expect(detail?.files.map((f) => [f.path, f.role])).toEqual([
      ["README.md", "editor"],
      ["docs/architecture.json", "architect"],
      ["src/entities.js", "editor"],
    ]);
    expect(detail?.changed).toBe(3);

    // Every other file is the very same blob as before.
    const before = await filesOf(project.id, "r1");
    const after = await filesOf(project.id, "r2");
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const differ = [...after].filter(([path, sha]) => before.get(path) !== sha).map(([path]) => path);
    expect(differ.sort()).toEqual(["README.md", "docs/architecture.json", "src/entities.js"]);

    const view = await getProject(project.id, auth);
    expect(view.runs.map((r) => [r.id, r.kind, r.status, r.changed])).toEqual([
      ["r1", "generate", "completed", before.size],
      ["r2", "edit", "completed", 3],
    ]);
    const entities = await (await call(`/api/projects/${project.id}/files/src/entities.js`, { headers: auth })).text();
    expect(entities).toContain('"telefono"');

    // In git: one commit per step that changed something, each by its role, on top of the generation.
    const history = await projectHistory(env, project.id);
    const r2 = history.commits.filter((c) => c.run === "r2");
    expect(r2.map((c) => [c.role, c.subject])).toEqual([
      ["architect", "Architect: 1 file (blueprint)"],
      ["editor", "Editor: 2 files (blueprint)"],
    ]);
    expect(r2[0]?.parent).toBe(history.commits.filter((c) => c.run === "r1").at(-1)?.id);
    expect(view.runs[1]?.commit).toBe(history.head);
    expect(await env.PROJECTS.getByName(project.id).gitRef(MAIN)).toBe(history.head);

    // The download is the edited project.
    const zip = await JSZip.loadAsync(await (await call(`/api/projects/${project.id}/zip`, { headers: auth })).arrayBuffer());
    expect(await zip.file("src/entities.js")?.async("string")).toBe(entities);
    expect(await env.ARTIFACTS.head(zipKey({ projectId: project.id, runId: "r2", legacy: false }))).not.toBeNull();
  });

  it("refuses a change it cannot make before anything starts: 422 with what it can do, no run, no credits", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "app de tareas con usuarios y etiquetas");
    const credits = (await getAccountJson(auth)).credits;
    const { res } = await followUp(auth, project.id, { kind: "edit", instruction: "el botón de borrar no pide confirmación" });
    expect(res.status).toBe(422);
    const body: ErrorJson = await res.json();
    expect(body.error.code).toBe("unsupported_edit");
    expect(body.error.message).toContain("El modelo sin conexión (blueprint) solo hace estos cambios");
    expect((await getProject(project.id, auth)).runs.map((r) => r.id)).toEqual(["r1"]);
    expect((await getAccountJson(auth)).credits).toBe(credits);
  });

  it("fixes with the same steps as an edit, when the problem is a change it can make", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    const { detail } = await followUp(auth, project.id, { kind: "fix", problem: "El email de los clientes debería ser opcional" });
    expect(detail).toMatchObject({ id: "r2", kind: "fix", status: "completed", changed: 3 });
    expect(detail?.files.map((f) => f.path)).toContain("docs/architecture.json");
    const plan = JSON.parse(await (await call(`/api/projects/${project.id}/files/docs/architecture.json`, { headers: auth })).text());
    expect(
      plan.entities.find((e: { name: string }) => e.name === "cliente").fields.find((f: { name: string }) => f.name === "email").required,
    ).toBe(false);
  });

  it("explains the project: an answer citing files, stored with the run; nothing changes and the ZIP stays", async () => {
    const { auth } = await newSession();
    const project = await generated(auth, "An online store for handmade candles with customer reviews");
    const { detail } = await followUp(auth, project.id, {
      kind: "explain",
      question: "Where are the reviews stored, and how are they validated?",
    });
    expect(detail).toMatchObject({ id: "r2", kind: "explain", status: "completed", changed: 0, files: [] });
    expect(detail?.steps.map((s) => [s.role, s.status])).toEqual([["explainer", "done"]]);
    const answer = detail?.answer;
    expect(answer?.text).toContain("`src/store.js`");
    expect(answer?.cited).toEqual(expect.arrayContaining(["src/store.js", "src/validation.js"]));
    expect(answer?.read.length).toBeGreaterThan(0);
    const view = await getProject(project.id, auth);
    expect(view.answer).toEqual(answer);
    expect(await env.ARTIFACTS.head(zipKey({ projectId: project.id, runId: "r2", legacy: false }))).toBeNull();
    expect((await call(`/api/projects/${project.id}/zip`, { headers: auth })).status).toBe(200);
    // No commit either: the explanation ends where the generation did.
    const runs = (await getProject(project.id, auth)).runs;
    expect(runs[1]?.commit).toBe(runs[0]?.commit);
    expect((await projectHistory(env, project.id)).commits.some((c) => c.run === "r2")).toBe(false);
    // An explanation reserves less than a generation.
    const ledger = (await getAccountJson(auth)).ledger.entries;
    const reservation = (run: string) => ledger.find((e) => e.kind === "reservation" && e.ref === `${project.id}/${run}`)?.amount;
    expect(reservation("r1")).toBe(-50);
    expect(reservation("r2")).toBe(-5);
    expect(ledger.some((e) => e.kind === "charge" && e.ref === `${project.id}/r2`)).toBe(true);
    expect(await runDetail(auth, project.id, "r1")).toMatchObject({ id: "r1", kind: "generate", files: expect.any(Array) });
  });
});
