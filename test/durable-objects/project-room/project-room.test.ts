import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProjectEvent } from "../../../shared/protocol";
import { randomId } from "../../../shared/ids";
import { connect } from "../../helpers/sockets";

function newRoom() {
  const id = randomId("prj");
  const room = env.PROJECTS.getByName(id);
  return { id, room };
}

const upgrade = (after?: number) =>
  new Request(`https://project/events${after === undefined ? "" : `?after=${after}`}`, { headers: { Upgrade: "websocket" } });

const file = (path: string, sha256 = "a".repeat(64)) => ({ path, size: 10, sha256 });

describe("ProjectRoom: state and event log", () => {
  it("creates once and gives every event a strictly increasing seq", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "una app", model: "blueprint" });
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "una app", model: "blueprint" });
    await room.stepStarted("r1", "architect", 1);
    await room.delta("r1", "architect", 1, "{");
    await room.fileWritten("r1", "architect", 1, file("docs/architecture.json"));
    await room.stepFinished("r1", "architect", [file("docs/architecture.json")], { promptTokens: 5, completionTokens: 7 });

    const viewer = await connect(await room.fetch(upgrade(0)));
    const events = (await viewer.waitFor(6)) as ProjectEvent[];
    expect(events.map((e) => e.type)).toEqual(["status", "status", "step", "delta", "file", "step"]);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    viewer.close();
  });

  it("ignores repeated reports from a retried step", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    await room.stepStarted("r1", "backend", 1);
    await room.stepStarted("r1", "backend", 1);
    await room.fileWritten("r1", "backend", 1, file("src/server.js"));
    await room.fileWritten("r1", "backend", 1, file("src/server.js"));
    await room.stepFinished("r1", "backend", [file("src/server.js")], { promptTokens: 1, completionTokens: 1 });
    await room.stepFinished("r1", "backend", [file("src/server.js")], { promptTokens: 1, completionTokens: 1 });

    const viewer = await connect(await room.fetch(upgrade(0)));
    const events = (await viewer.waitFor(5)) as ProjectEvent[];
    await new Promise((r) => setTimeout(r, 100));
    expect(viewer.messages).toHaveLength(5);
    expect(events.filter((e) => e.type === "file")).toHaveLength(1);
    expect(events.filter((e) => e.type === "step").map((e) => e.type === "step" && e.status)).toEqual(["running", "done"]);
    viewer.close();
  });

  it("drops, with a removed event, what only a failed attempt wrote", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    await room.stepStarted("r1", "frontend", 1);
    await room.fileWritten("r1", "frontend", 1, file("public/old.js"));
    await room.attemptFailed("r1", "frontend", 1, { role: "frontend", code: "truncated_output", message: "cut" });
    await room.stepStarted("r1", "frontend", 2);
    await room.delta("r1", "frontend", 1, "late text from attempt 1");
    await room.stepFinished("r1", "frontend", [file("public/app.js")], { promptTokens: 1, completionTokens: 1 });
    const found = await room.read();
    expect(found?.view.files.map((f) => f.path)).toEqual(["public/app.js"]);
    expect(found?.view.steps.find((s) => s.role === "frontend")).toMatchObject({ status: "done", attempt: 2 });
    const viewer = await connect(await room.fetch(upgrade(0)));
    await viewer.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    const events = viewer.messages as ProjectEvent[];
    expect(events.some((e) => e.type === "delta")).toBe(false);
    expect(events.filter((e) => e.type === "file").map((e) => e.type === "file" && [e.path, e.removed ?? false])).toEqual([
      ["public/old.js", false],
      ["public/app.js", false],
      ["public/old.js", true],
    ]);
    viewer.close();
  });

  it("reports the step's own error when the run fails", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    await room.stepStarted("r1", "backend", 1);
    await room.attemptFailed("r1", "backend", 1, {
      role: "backend",
      code: "unsafe_path",
      message: "unsafe file path \"../x\": contains '..'",
    });
    await room.fail("r1", { role: "backend", code: "step_failed", message: "the backend step failed" });
    await room.fail("r1", { role: "backend", code: "step_failed", message: "again" });
    const view = (await room.read())?.view;
    expect(view?.status).toBe("failed");
    expect(view?.error).toEqual({ role: "backend", code: "unsafe_path", message: "unsafe file path \"../x\": contains '..'" });
    expect(view?.steps.find((s) => s.role === "backend")?.status).toBe("failed");
    await room.complete("r1");
    expect((await room.read())?.view.status).toBe("failed");
  });
});

describe("ProjectRoom: viewers", () => {
  it("sends a snapshot first, then every new event once, to several viewers", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    const viewers = await Promise.all([1, 2, 3].map(async () => connect(await room.fetch(upgrade()))));
    for (const v of viewers) {
      const [first] = await v.waitFor(1);
      expect(first).toMatchObject({ type: "snapshot", seq: 1, project: { id, status: "queued" } });
    }
    expect(await room.viewers()).toBe(3);
    await room.stepStarted("r1", "architect", 1);
    await room.delta("r1", "architect", 1, "hola");
    for (const v of viewers) {
      const messages = await v.waitFor(4);
      expect(messages.slice(1).map((m) => m.type)).toEqual(["status", "step", "delta"]);
      expect(messages.slice(1).map((m) => m.seq)).toEqual([2, 3, 4]);
    }
    for (const v of viewers) v.close();
  });

  it("replays exactly the events after ?after=<seq>, then goes live without repeats", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    await room.stepStarted("r1", "architect", 1);
    await room.delta("r1", "architect", 1, "a");
    await room.delta("r1", "architect", 1, "b");
    const viewer = await connect(await room.fetch(upgrade(3)));
    await viewer.waitFor(2);
    await room.delta("r1", "architect", 1, "c");
    const messages = await viewer.waitFor(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(viewer.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(messages.map((m) => (m.type === "delta" ? m.text : m.type))).toEqual(["a", "b", "c"]);
    viewer.close();
  });

  it("rejects a malformed ?after and non-WebSocket requests", async () => {
    const { id, room } = newRoom();
    await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    const bad = await room.fetch(new Request("https://project/events?after=-1", { headers: { Upgrade: "websocket" } }));
    expect(bad.status).toBe(400);
    expect((await room.fetch(new Request("https://project/events"))).status).toBe(426);
  });
});
