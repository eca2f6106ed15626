import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import { schemaVersion } from "../../../durable-objects/schema";
import { PROJECT_ROOM_MIGRATIONS } from "../../../durable-objects/project-room/schema";
import { randomId, sha256Hex } from "../../../shared/ids";
import type { ProjectEvent } from "../../../shared/protocol";
import { ROLES } from "../../../shared/roles";
import { call, newSession } from "../../helpers/api";
import { started, wipeTables } from "../../helpers/schema";

const t0 = "2026-11-01T10:00:00.000Z";
const t1 = "2026-11-01T10:05:00.000Z";

/** Rows exactly as the single-run release wrote them: one project, its steps, files, log and notes. */
function writeSingleRunProject(sql: SqlStorage, id: string, accountId: string, sha: { server: string; app: string }): void {
  sql.exec(
    "INSERT INTO project (id, account_id, name, prompt, model, status, created_at, updated_at, error) VALUES (?, ?, 'Reservas', 'una app de reservas', 'blueprint', 'completed', ?, ?, NULL)",
    id,
    accountId,
    t0,
    t1,
  );
  for (const role of ROLES) {
    sql.exec(
      "INSERT INTO steps (role, status, attempt, started_at, finished_at, prompt_tokens, completion_tokens) VALUES (?, 'done', 1, ?, ?, 10, 20)",
      role,
      t0,
      t1,
    );
  }
  sql.exec("INSERT INTO files (role, path, size, sha256) VALUES ('backend', 'src/server.js', 6, ?)", sha.server);
  sql.exec("INSERT INTO files (role, path, size, sha256) VALUES ('frontend', 'public/app.js', 4, ?)", sha.app);
  sql.exec("INSERT INTO model_switches (role, attempt, from_model, to_model) VALUES ('backend', 1, 'joxcoder', 'openai')");
  sql.exec("INSERT INTO problems (role, kind, path, message) VALUES ('devops', 'missing_file', 'Dockerfile', 'planned, not written')");
  sql.exec("INSERT INTO tokens (kind, token) VALUES ('download', ?)", "d".repeat(48));
  const events = [
    { type: "status", status: "queued" },
    { type: "status", status: "running" },
    { type: "file", role: "backend", path: "src/server.js", size: 6 },
    { type: "status", status: "completed" },
  ];
  for (const body of events) sql.exec("INSERT INTO events (at, body) VALUES (?, ?)", t1, JSON.stringify(body));
}

describe("ProjectRoom: a project written before runs, read after the upgrade", () => {
  it("becomes run r1 with its steps, files, notes and log, and serves its ZIP from the old key", async () => {
    const { accountId, auth } = await newSession();
    const id = randomId("prj");
    const stub = env.PROJECTS.getByName(id);
    const server = new TextEncoder().encode("server");
    const app = new TextEncoder().encode("app!");
    const sha = { server: await sha256Hex(server), app: await sha256Hex(app) };

    await runInDurableObject(stub, async (_instance, state) => {
      wipeTables(state.storage.sql);
      // The release before runs: schema version 1, written by its own migration.
      await started(state, () => new ProjectRoom(state, env, { upTo: 1 }));
      expect(schemaVersion(state.storage.sql)).toBe(1);
      writeSingleRunProject(state.storage.sql, id, accountId, sha);

      // The next start of the object runs the new release's constructor.
      const room = await started(state, () => new ProjectRoom(state, env));
      expect(schemaVersion(state.storage.sql)).toBe(PROJECT_ROOM_MIGRATIONS.length);
      const found = room.read();
      expect(found?.accountId).toBe(accountId);
      // Version 3: a project from before visibility existed is private, as it always was.
      expect(found?.publication).toEqual({ visibility: "private", requested: "private", hold: null, parent: null, removed: false });
      expect(found?.view).toMatchObject({ id, name: "Reservas", status: "completed", model: "blueprint" });
      expect(found?.view.runs).toEqual([
        { id: "r1", kind: "generate", status: "completed", createdAt: t0, finishedAt: t1, commit: null, changed: 2 },
      ]);
      expect(found?.view.steps.map((s) => [s.role, s.status, s.attempt])).toEqual(ROLES.map((r) => [r, "done", 1]));
      expect(found?.view.usage).toEqual({ promptTokens: 50, completionTokens: 100 });
      expect(found?.view.files).toEqual([
        { path: "public/app.js", size: 4, role: "frontend" },
        { path: "src/server.js", size: 6, role: "backend" },
      ]);
      expect(found?.view.problems).toEqual([{ role: "devops", kind: "missing_file", path: "Dockerfile", message: "planned, not written" }]);
      expect(room.switchedTo("r1")).toBe("openai");
      // Its never-expiring ZIP link is gone (version 3): `/estado` makes an expiring one.
      expect(room.checkDownloadToken("d".repeat(48))).toBe("unknown");
      expect(room.packagedRun()).toEqual({ projectId: id, runId: "r1", legacy: true });
    });

    // The old log replays with every event in run r1, and seq goes on from where it was.
    const viewer = await stub.fetch(new Request("https://project/events?after=0", { headers: { Upgrade: "websocket" } }));
    const ws = viewer.webSocket;
    if (!ws) throw new Error("no socket");
    const got: ProjectEvent[] = [];
    ws.addEventListener("message", (e) => {
      got.push(JSON.parse(String(e.data)));
    });
    ws.accept();
    await stub.beginRun({ kind: "edit", prompt: "añade reservas por WhatsApp", model: "blueprint" });
    const deadline = Date.now() + 5_000;
    while (got.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(got.map((e) => [e.seq, e.run, e.type])).toEqual([
      [1, "r1", "status"],
      [2, "r1", "status"],
      [3, "r1", "file"],
      [4, "r1", "status"],
      [5, "r2", "status"],
    ]);

    // The new run starts from r1's files; the download is still r1's ZIP, at its old key.
    expect(await stub.currentFiles("r2")).toEqual(await stub.currentFiles("r1"));
    await env.ARTIFACTS.put(`projects/${id}/project.zip`, "legacy zip bytes");
    const zip = await call(`/api/projects/${id}/zip`, { headers: auth });
    expect(zip.status).toBe(200);
    expect(new TextDecoder().decode(await zip.arrayBuffer())).toBe("legacy zip bytes");
  });

  it("upgrades an object that never recorded a version (tables made before versions existed)", async () => {
    const id = randomId("prj");
    const stub = env.PROJECTS.getByName(id);
    await runInDurableObject(stub, async (_instance, state) => {
      wipeTables(state.storage.sql);
      await started(state, () => new ProjectRoom(state, env, { upTo: 1 }));
      // No `_schema` row: what every object written before this release looks like.
      state.storage.sql.exec("DROP TABLE _schema");
      writeSingleRunProject(state.storage.sql, id, "acc_x", { server: "a".repeat(64), app: "b".repeat(64) });
      const room = await started(state, () => new ProjectRoom(state, env));
      expect(schemaVersion(state.storage.sql)).toBe(PROJECT_ROOM_MIGRATIONS.length);
      expect(room.read()?.view.runs.map((r) => r.id)).toEqual(["r1"]);
    });
  });
});
