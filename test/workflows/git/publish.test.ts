import { env } from "cloudflare:workers";
import { introspectWorkflow } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import { MAIN, packKey, projectHistory } from "../../../workflows/git/publish";
import { ROLES } from "../../../shared/roles";
import { pktLine } from "../../../workers/git/pkt-line";
import { startRun } from "../../../workers/projects/start-run";
import { call, newSession } from "../../helpers/api";
import { readPack, splitUploadPackResult } from "../../helpers/git";
import { startProject } from "../../helpers/projects";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("publishing the history from the Workflow's package step", () => {
  it("points main at the derived head and caches its pack before the project completes", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "Una app de recetas con ingredientes", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const history = await projectHistory(env, run.id);
    expect(history.commits).toHaveLength(5);
    expect(await env.PROJECTS.getByName(run.id).gitRef(MAIN)).toBe(history.head);
    expect(await env.ARTIFACTS.head(packKey(run.id, history.head ?? ""))).not.toBeNull();
  });

  it("still completes a run whose publish fails, and the first clone publishes the history then", async () => {
    const original = ProjectRoom.prototype.updateRef;
    let refused = 0;
    vi.spyOn(ProjectRoom.prototype, "updateRef").mockImplementation(function (this: ProjectRoom, ...args) {
      if (refused++ === 0) return { ok: false, reason: "invalid", message: "simulated storage trouble" };
      return original.apply(this, args);
    });
    const session = await newSession();
    const run = await startProject(session.auth, { prompt: "Una app de gimnasio con socios", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const room = env.PROJECTS.getByName(run.id);
    expect((await room.read())?.view.status).toBe("completed");
    expect(await room.gitRef(MAIN)).toBeNull();
    const refs = await call(`/git/${run.id}.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${btoa(`x:${session.token}`)}` },
    });
    expect(refs.status).toBe(200);
    expect(await room.gitRef(MAIN)).toBe((await projectHistory(env, run.id)).head);
  });
});

describe("a later run in git", () => {
  it("adds its commits on top of the previous run's head, moves main forward, and a fetch gets only them", async () => {
    const session = await newSession();
    const first = await startProject(session.auth, { prompt: "Una app de biblioteca con socios y préstamos", model: "blueprint" });
    try {
      await first.instance.waitForStatus("complete");
    } finally {
      await first.dispose();
    }
    const id = first.id;
    const room = env.PROJECTS.getByName(id);
    const before = await room.gitRef(MAIN);
    const introspector = await introspectWorkflow(env.GENERATE_APP);
    await introspector.modifyAll((m) => m.disableRetryDelays());
    try {
      await startRun(env, { accountId: session.accountId, projectId: id, kind: "generate", prompt: "otra vez", origin: "test" });
      const [instance] = await introspector.get();
      if (!instance) throw new Error("no Workflow instance for r2");
      await instance.waitForStatus("complete");
    } finally {
      await introspector.dispose();
    }
    const history = await projectHistory(env, id);
    expect(history.commits.map((c) => `${c.run}:${c.role}`)).toEqual([...ROLES.map((r) => `r1:${r}`), ...ROLES.map((r) => `r2:${r}`)]);
    expect(history.commits[4]?.id).toBe(before);
    expect(history.commits[5]?.parent).toBe(before);
    const after = await room.gitRef(MAIN);
    expect(after).toBe(history.head);
    const view = (await room.read())?.view;
    expect(view?.runs.map((r) => r.commit)).toEqual([before, after]);

    // `git fetch` from a clone of r1: it has r1's head, wants main, and gets r2's five commits.
    const want = `want ${after} multi_ack_detailed side-band-64k`;
    const body = [pktLine(`${want}\n`), new TextEncoder().encode("0000"), pktLine(`have ${before}\n`), pktLine("done\n")];
    const res = await call(`/git/${id}.git/git-upload-pack`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`x:${session.token}`)}` },
      body: new Blob(body),
    });
    const { lines, pack } = splitUploadPackResult(new Uint8Array(await res.arrayBuffer()));
    expect(lines).toEqual([`ACK ${before} common\n`, `ACK ${before}\n`]);
    const objects = await readPack(pack);
    expect([...objects.values()].filter((o) => o.type === "commit")).toHaveLength(5);
    expect(objects.has(before ?? "")).toBe(false);
  });
});
