import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import { schemaVersion } from "../../../durable-objects/schema";
import { randomId, sha256Hex } from "../../../shared/ids";
import { ROLES } from "../../../shared/roles";
import { call, newSession } from "../../helpers/api";
import { filesOf, parseCommit, pktLines, readPack, splitUploadPackResult, text } from "../../helpers/git";
import { started, tableNames, wipeTables } from "../../helpers/schema";
import { pktLine } from "../../../workers/git/pkt-line";
import { PROJECT_ROOM_MIGRATIONS } from "../../../durable-objects/project-room/schema";

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();

/**
 * A project from before runs and before git: the single-run tables (schema version 1), its step
 * manifests and blobs at the R2 keys of that time. The next start of its room migrates it to the
 * current schema; its first clone then builds its history from those manifests.
 */
describe("ProjectRoom: git refs on a project written before git", () => {
  it("migrates through version 4 (git_refs, empty), and the first clone publishes r1's history", async () => {
    const { accountId, token } = await newSession();
    const id = randomId("prj");
    const stub = env.PROJECTS.getByName(id);
    const content = { "src/server.js": "console.log('old');\n", "README.md": "# Old\n" };
    const sha: Record<string, string> = {};
    for (const [path, body] of Object.entries(content)) {
      sha[path] = await sha256Hex(body);
      await env.ARTIFACTS.put(`projects/${id}/blobs/${sha[path]}`, body);
    }
    for (const [i, role] of ROLES.entries()) {
      const files = role === "backend" ? ["src/server.js"] : role === "devops" ? ["README.md"] : [];
      const manifest = {
        role,
        model: "blueprint",
        attempt: 1,
        files: files.map((path) => ({ path, size: 1, sha256: sha[path], exports: [] })),
        usage: { promptTokens: 0, completionTokens: 0 },
        finishedAt: t(i + 1),
      };
      await env.ARTIFACTS.put(`projects/${id}/steps/${role}.json`, JSON.stringify(manifest));
    }
    await runInDurableObject(stub, async (_instance, state) => {
      wipeTables(state.storage.sql);
      await started(state, () => new ProjectRoom(state, env, { upTo: 1 }));
      state.storage.sql.exec(
        "INSERT INTO project (id, account_id, name, prompt, model, status, created_at, updated_at) VALUES (?, ?, 'Old', 'una app', 'blueprint', 'completed', ?, ?)",
        id,
        accountId,
        t(0),
        t(6),
      );
      for (const role of ROLES) state.storage.sql.exec("INSERT INTO steps (role, status, attempt) VALUES (?, 'done', 1)", role);
      const room = await started(state, () => new ProjectRoom(state, env));
      expect(schemaVersion(state.storage.sql)).toBe(PROJECT_ROOM_MIGRATIONS.length);
      expect(tableNames(state.storage.sql)).toContain("git_refs");
      expect(room.gitRefs()).toEqual([]);
      expect(room.historyRuns()).toEqual([{ projectId: id, runId: "r1", legacy: true }]);
    });

    const basic = { authorization: `Basic ${btoa(`x:${token}`)}` };
    const refs = await call(`/git/${id}.git/info/refs?service=git-upload-pack`, { headers: basic });
    expect(refs.status).toBe(200);
    const head = (text(pktLines(new Uint8Array(await refs.arrayBuffer()))[2] ?? null) ?? "").slice(0, 40);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect((await stub.read())?.view.runs[0]?.commit).toBe(head);

    const body = new Uint8Array([...pktLine(`want ${head} side-band-64k\n`), ...new TextEncoder().encode("0000"), ...pktLine("done\n")]);
    const res = await call(`/git/${id}.git/git-upload-pack`, { method: "POST", headers: basic, body });
    const objects = await readPack(splitUploadPackResult(new Uint8Array(await res.arrayBuffer())).pack);
    const tree = filesOf(objects, parseCommit(objects.get(head)?.data ?? new Uint8Array()).tree);
    expect(Object.fromEntries([...tree].map(([p, b]) => [p, new TextDecoder().decode(b)]))).toEqual(content);
  });
});
