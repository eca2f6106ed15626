import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import { MAIN, packKey, projectHistory } from "../../../workflows/git/publish";
import { call, newSession } from "../../helpers/api";
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
    const history = await projectHistory(env.ARTIFACTS, run.id);
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
    expect(await room.gitRef(MAIN)).toBe((await projectHistory(env.ARTIFACTS, run.id)).head);
  });
});
