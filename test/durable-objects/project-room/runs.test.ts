import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import type { ProjectEvent } from "../../../shared/protocol";
import { connect } from "../../helpers/sockets";

const file = (path: string, sha256: string) => ({ path, size: 10, sha256 });
const usage = { promptTokens: 1, completionTokens: 1 };

async function completedProject() {
  const id = randomId("prj");
  const room = env.PROJECTS.getByName(id);
  await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "una app", model: "blueprint" });
  await room.stepStarted("r1", "backend", 1);
  await room.stepFinished("r1", "backend", [file("src/server.js", "a".repeat(64)), file("README.md", "b".repeat(64))], usage);
  await room.complete("r1");
  return { id, room };
}

describe("ProjectRoom: runs", () => {
  it("runs one at a time: a second run is refused with the running run's id", async () => {
    const id = randomId("prj");
    const room = env.PROJECTS.getByName(id);
    const made = await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    expect(made.run).toBe("r1");
    expect(made.view.runs).toEqual([
      expect.objectContaining({ id: "r1", kind: "generate", status: "queued", finishedAt: null, commit: null }),
    ]);
    expect(await room.beginRun({ kind: "edit", prompt: "más", model: "blueprint" })).toEqual({ ok: false, reason: "running", run: "r1" });
    await room.stepStarted("r1", "architect", 1);
    expect(await room.beginRun({ kind: "edit", prompt: "más", model: "blueprint" })).toEqual({ ok: false, reason: "running", run: "r1" });
    await room.fail("r1", { code: "step_failed", message: "x" });
    const next = await room.beginRun({ kind: "fix", prompt: "arréglalo", model: "blueprint" });
    expect(next).toMatchObject({ ok: true, run: { id: "r2", kind: "fix", status: "queued" } });
    expect(await env.PROJECTS.getByName(randomId("prj")).beginRun({ kind: "edit", prompt: "p", model: "blueprint" })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("freezes a finished run, starts the next from its files, and shows the latest run", async () => {
    const { room } = await completedProject();
    const begun = await room.beginRun({ kind: "edit", prompt: "añade login", model: "blueprint" });
    if (!begun.ok) throw new Error("expected the run to begin");
    expect(begun.view.status).toBe("queued");
    expect(begun.view.runs.map((r) => [r.id, r.kind, r.status])).toEqual([
      ["r1", "generate", "completed"],
      ["r2", "edit", "queued"],
    ]);
    expect(begun.view.runs[0]?.finishedAt).toEqual(expect.any(String));
    // The new run starts from the last completed files.
    expect(begun.view.files.map((f) => f.path)).toEqual(["README.md", "src/server.js"]);
    expect(begun.view.steps.every((s) => s.status === "pending")).toBe(true);

    // r1 is frozen: late calls from its Workflow change nothing.
    await room.stepStarted("r1", "frontend", 1);
    await room.fileWritten("r1", "frontend", 1, file("public/late.js", "c".repeat(64)));
    await room.complete("r1");
    expect((await room.currentFiles("r1")).map((f) => f.path)).toEqual(["README.md", "src/server.js"]);

    // What r2's roles write wins over what it inherited, in r2 only.
    await room.stepStarted("r2", "frontend", 1);
    await room.stepFinished("r2", "frontend", [file("src/server.js", "d".repeat(64)), file("public/app.js", "e".repeat(64))], usage);
    expect((await room.currentFiles("r2")).map((f) => [f.path, f.sha256[0], f.role])).toEqual([
      ["README.md", "b", "backend"],
      ["public/app.js", "e", "frontend"],
      ["src/server.js", "d", "frontend"],
    ]);
    expect((await room.currentFiles("r1")).map((f) => f.sha256[0])).toEqual(["b", "a"]);
    expect(await room.packagedRun()).toMatchObject({ runId: "r1", legacy: false });

    // A failed r2 is what the project view shows; the download stays r1's.
    await room.fail("r2", { code: "step_failed", message: "boom" });
    const view = (await room.read())?.view;
    expect(view?.status).toBe("failed");
    expect(view?.runs.map((r) => r.status)).toEqual(["completed", "failed"]);
    expect(await room.packagedRun()).toMatchObject({ runId: "r1" });
  });

  it("names the run on every event, in one log whose seq grows across runs", async () => {
    const { room } = await completedProject();
    await room.beginRun({ kind: "edit", prompt: "otra cosa", model: "blueprint" });
    await room.stepStarted("r2", "backend", 1);
    await room.setRunCommit("r1", "0123456789abcdef0123456789abcdef01234567");
    const viewer = await connect(await room.fetch(new Request("https://project/events?after=0", { headers: { Upgrade: "websocket" } })));
    const events = (await viewer.waitFor(10)) as ProjectEvent[];
    viewer.close();
    expect(events.map((e) => [e.run, e.type])).toEqual([
      ["r1", "status"],
      ["r1", "status"],
      ["r1", "step"],
      ["r1", "file"],
      ["r1", "file"],
      ["r1", "step"],
      ["r1", "status"],
      ["r2", "status"],
      ["r2", "status"],
      ["r2", "step"],
    ]);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(events.find((e) => e.run === "r2")).toMatchObject({ type: "status", status: "queued", kind: "edit" });
    expect((await room.read())?.view.runs[0]?.commit).toBe("0123456789abcdef0123456789abcdef01234567");
  });
});
