import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import { schemaVersion } from "../../../durable-objects/schema";
import { randomId } from "../../../shared/ids";
import { started, tableNames, wipeTables } from "../../helpers/schema";
import { PROJECT_ROOM_MIGRATIONS } from "../../../durable-objects/project-room/schema";

describe("ProjectRoom: a project written before visibility existed, read after the upgrade", () => {
  it("migrates to version 5 as a private project with no parent and no inherited history", async () => {
    const id = randomId("prj");
    const stub = env.PROJECTS.getByName(id);
    await runInDurableObject(stub, async (_instance, state) => {
      wipeTables(state.storage.sql);
      // The release before the community: schema version 4, a finished project as it wrote it.
      await started(state, () => new ProjectRoom(state, env, { upTo: 4 }));
      expect(schemaVersion(state.storage.sql)).toBe(4);
      expect(tableNames(state.storage.sql)).not.toContain("publication");
      const at = "2026-11-30T10:00:00.000Z";
      state.storage.sql.exec(
        "INSERT INTO project (id, account_id, name, prompt, model, created_at, updated_at) VALUES (?, 'acc_before', 'Antes', 'una app', 'blueprint', ?, ?)",
        id,
        at,
        at,
      );
      state.storage.sql.exec(
        "INSERT INTO runs (id, n, kind, status, prompt, model, created_at, updated_at, finished_at) VALUES ('r1', 1, 'generate', 'completed', 'una app', 'blueprint', ?, ?, ?)",
        at,
        at,
        at,
      );

      const room = await started(state, () => new ProjectRoom(state, env));
      expect(schemaVersion(state.storage.sql)).toBe(PROJECT_ROOM_MIGRATIONS.length);
      expect(room.read()?.publication).toEqual({ visibility: "private", requested: "private", hold: null, parent: null, removed: false });
      expect(room.historyRuns()).toEqual([{ projectId: id, runId: "r1", legacy: false }]);
      // And the new tables work: a publication is kept, and the project is visible afterwards.
      expect(room.setPublication({ visibility: "unlisted", requested: "unlisted", hold: null })).toMatchObject({ ok: true });
      expect(room.publication().visibility).toBe("unlisted");
    });
  });
});
