import { env } from "cloudflare:workers";
import { introspectWorkflow } from "cloudflare:test";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { ROLES } from "../../../shared/roles";
import { manifestKey, zipKey } from "../../../workflows/files/storage";
import { startErrorResponse } from "../../../workers/projects/start-errors";
import { RunInProgressError, startRun } from "../../../workers/projects/start-run";
import { call, newSession } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { getProject, startProject } from "../../helpers/projects";

describe("a project's later runs", () => {
  it("runs a second generation as run r2: its own Workflow instance, hold, manifests and ZIP", async () => {
    const { auth, accountId } = await newSession();
    const first = await startProject(auth, { prompt: "Una app de reservas para mi peluquería" });
    try {
      await first.instance.waitForStatus("complete");
    } finally {
      await first.dispose();
    }
    const id = first.id;

    const introspector = await introspectWorkflow(env.GENERATE_APP);
    await introspector.modifyAll((m) => m.disableRetryDelays());
    try {
      const started = await startRun(env, { accountId, projectId: id, kind: "generate", prompt: "otra vez, con pagos", origin: "test" });
      expect(started.run).toMatchObject({ id: "r2", kind: "generate", status: "queued" });
      // One run at a time: a second start while r2 is queued names r2.
      const refused = await startRun(env, { accountId, projectId: id, kind: "edit", prompt: "y más", origin: "test" }).catch((e) => e);
      expect(refused).toBeInstanceOf(RunInProgressError);
      const http = startErrorResponse(refused);
      if (!(http instanceof HTTPException)) throw new Error("expected an API error");
      expect(http.getResponse().status).toBe(409);
      expect(await http.getResponse().json()).toEqual({ error: { code: "run_in_progress", message: expect.any(String), run: "r2" } });

      const [instance] = await introspector.get();
      if (!instance) throw new Error("no Workflow instance for r2");
      await instance.waitForStatus("complete");
      expect(await instance.getOutput()).toMatchObject({ key: `projects/${id}/runs/r2/project.zip` });
      expect((await (await env.GENERATE_APP.get(`${id}--r2`)).status()).status).toBe("complete");
    } finally {
      await introspector.dispose();
    }

    const view = await getProject(id, auth);
    expect(view.status).toBe("completed");
    expect(view.runs.map((r) => [r.id, r.kind, r.status])).toEqual([
      ["r1", "generate", "completed"],
      ["r2", "generate", "completed"],
    ]);
    // Each run ends at its own commit of the project's git history (test/workflows/git/).
    const [c1, c2] = view.runs.map((r) => r.commit ?? "");
    expect(c1).toMatch(/^[0-9a-f]{40}$/);
    expect(c2).toMatch(/^[0-9a-f]{40}$/);
    expect(c2).not.toBe(c1);
    for (const run of ["r1", "r2"]) {
      const where = { projectId: id, runId: run, legacy: false };
      for (const role of ROLES) expect(await env.ARTIFACTS.head(manifestKey(where, role)), `${run} ${role}`).not.toBeNull();
      expect(await env.ARTIFACTS.head(zipKey(where))).not.toBeNull();
    }
    // Each run reserved and was charged on its own.
    const account = await getAccountJson(auth);
    const refs = account.ledger.entries.filter((e) => e.kind === "charge").map((e) => e.ref);
    expect(refs.sort()).toEqual([`${id}/r1`, `${id}/r2`]);

    // The download is the latest completed run's.
    const zip = await call(`/api/projects/${id}/zip`, { headers: auth });
    const r2 = await env.ARTIFACTS.get(zipKey({ projectId: id, runId: "r2", legacy: false }));
    expect(new Uint8Array(await zip.arrayBuffer())).toEqual(new Uint8Array((await r2?.arrayBuffer()) ?? new ArrayBuffer(0)));
  });
});
