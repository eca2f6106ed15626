import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RunIndex } from "../../../durable-objects/run-index/run-index";
import { randomId } from "../../../shared/ids";
import type { ProjectView } from "../../../shared/protocol";
import { runCommand } from "../../../workers/chat/commands";
import { startProject as startDirect } from "../../../workers/projects/start";
import { startRun } from "../../../workers/projects/start-run";
import { workflowInstanceId } from "../../../shared/runs";
import { runIndex } from "../../../workers/runs/refs";
import { sweepRuns } from "../../../workers/runs/sweep";
import worker from "../../../workers/index";
import { call, newSession, postJson } from "../../helpers/api";
import { backdate, crashAtStep } from "../../helpers/crash";
import { getProject, startProject } from "../../helpers/projects";
import { connect } from "../../helpers/sockets";

afterEach(() => {
  vi.restoreAllMocks();
});

const TEN_MINUTES = 10 * 60_000;

/**
 * A run whose Workflow was terminated behind its room's back, ten minutes ago as far as its log
 * shows. Started without introspection (only one session may be open), so several can coexist.
 */
async function lostRun(auth: Record<string, string>): Promise<{ id: string }> {
  const [run] = await lostRuns(auth, 1);
  if (!run) throw new Error("no run");
  return run;
}

/** Several at once: each start heals the account's stuck runs, so all are started before any is lost. */
async function lostRuns(auth: Record<string, string>, count: number): Promise<Array<{ id: string }>> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await postJson(
      "/api/projects",
      { prompt: `una app de notas [[fake:hang-backend:${crypto.randomUUID()}]]`, model: "joxcoder" },
      auth,
    );
    if (res.status !== 202) throw new Error(`create: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  for (const id of ids) {
    await untilStep(id, auth, "backend", "running");
    await (await env.GENERATE_APP.get(id)).terminate();
    await backdate(id, TEN_MINUTES);
  }
  return ids.map((id) => ({ id }));
}

async function untilStep(id: string, auth: Record<string, string>, role: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await getProject(id, auth)).steps.find((s) => s.role === role)?.status === status) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${role} never became ${status}`);
}

describe("when a stuck run is healed without anyone doing anything special", () => {
  it("GET /api/projects/:id heals it, answers with the result, and logs the verdict", async () => {
    const { auth } = await newSession();
    const run = await lostRun(auth);
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    let res: Response;
    try {
      res = await call(`/api/projects/${run.id}`, { headers: auth });
    } finally {
      spy.mockRestore();
    }
    const view: ProjectView = await res.json();
    expect(view.status).toBe("failed");
    expect(view.error?.code).toBe("run_terminated");
    // The same verdict in the logs (docs/operations.md: filter Workers Logs on event = heal).
    const heals = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(heals.filter((l) => l.event === "heal")).toEqual([
      expect.objectContaining({ project: run.id, run: "r1", trigger: "view", instance: "terminated", action: "failed", outcome: "done" }),
    ]);
  });

  it("a viewer socket connecting heals it, and the viewer sees it happen", async () => {
    const { auth } = await newSession();
    const run = await lostRun(auth);
    const viewer = await connect(await call(`/api/projects/${run.id}/events`, { headers: { ...auth, Upgrade: "websocket" } }));
    const messages = await viewer.waitFor(4);
    viewer.close();
    expect(messages[0]).toMatchObject({ type: "snapshot", project: { status: "running" } });
    expect(messages.slice(1, 4)).toMatchObject([
      { type: "heal", action: "failed" },
      { type: "step", role: "backend", status: "failed" },
      { type: "status", status: "failed" },
    ]);
  });

  it("starting another run heals the account's stuck ones, freeing their credits and concurrent slots", async () => {
    const { auth, accountId } = await newSession();
    await env.ACCOUNTS.getByName(accountId).adjust("room", 100, "test: credits for three runs");
    // GENERATIONS_CONCURRENT is 2: two lost runs fill both slots.
    const lost = await lostRuns(auth, 2);
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toHaveLength(2);
    const run = await startProject(auth, { prompt: "una app de recetas", model: "blueprint" });
    try {
      for (const { id } of lost) expect((await env.PROJECTS.getByName(id).read())?.view.status).toBe("failed");
      const held = (await env.ACCOUNTS.getByName(accountId).unsettledRuns()).map((r) => r.projectId);
      expect(held).toEqual([run.id]);
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
  });

  it("starting a later run heals the project's stuck one instead of refusing as 'in progress'", async () => {
    const { auth, accountId } = await newSession();
    await env.ACCOUNTS.getByName(accountId).adjust("room", 100, "test: credits for three runs");
    const first = await startProject(auth, { prompt: "una app de notas", model: "blueprint" });
    try {
      await first.instance.waitForStatus("complete");
    } finally {
      await first.dispose();
    }
    const id = first.id;
    const prompt = `con etiquetas [[fake:hang-backend:${crypto.randomUUID()}]]`;
    await startRun(env, { accountId, projectId: id, kind: "edit", prompt, model: "joxcoder", origin: "test" });
    // The editor hangs on its first call (the fake's hang-backend), which keeps the run in progress
    // while it is terminated. On a loaded machine the edit's architect can take longer than this
    // wait; the run is terminated mid-way all the same, which is what the test needs.
    for (let i = 0; i < 200 && (await getProject(id, auth)).steps[1]?.status !== "running"; i++)
      await new Promise((r) => setTimeout(r, 50));
    await (await env.GENERATE_APP.get(workflowInstanceId(id, "r2"))).terminate();
    await backdate(id, TEN_MINUTES);
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toMatchObject([{ projectId: id, runId: "r2" }]);

    const next = await startRun(env, {
      accountId,
      projectId: id,
      kind: "edit",
      prompt: "y un buscador",
      model: "blueprint",
      origin: "test",
    });
    expect(next.run.id).toBe("r3");
    const runs = (await getProject(id, auth)).runs.map((r) => [r.id, r.status]);
    expect(runs.slice(0, 2)).toEqual([
      ["r1", "completed"],
      ["r2", "failed"],
    ]);
    const held = (await env.ACCOUNTS.getByName(accountId).unsettledRuns()).map((r) => r.runId);
    expect(held).not.toContain("r2");
  });

  it("/estado heals it and reports the result", async () => {
    const identity = `telegram:${Math.floor(Math.random() * 1e9)}`;
    const { accountId } = await env.IDENTITIES.getByName(identity).resolve();
    await env.ACCOUNTS.getByName(accountId).ensure(accountId, 100);
    const { view } = await startDirect(env, {
      accountId,
      prompt: `una app de notas [[fake:hang-backend:${crypto.randomUUID()}]]`,
      model: "joxcoder",
      origin: "test",
    });
    for (let i = 0; i < 200 && (await env.PROJECTS.getByName(view.id).read())?.view.steps[1]?.status !== "running"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await (await env.GENERATE_APP.get(view.id)).terminate();
    await backdate(view.id, TEN_MINUTES);
    const result = await runCommand(env, { identity, locale: "en" }, { name: "estado", project: view.id });
    expect(JSON.stringify(result)).toContain("its Workflow instance was terminated");
    expect((await env.PROJECTS.getByName(view.id).read())?.view.status).toBe("failed");
  });

  it("the periodic sweep heals the runs in the index and drops the ones that are over", async () => {
    const { auth, accountId } = await newSession();
    // Finished first: starting it would have healed the lost one (admission heals the account's runs).
    const done = await startProject(auth, { prompt: "una app de tareas", model: "blueprint" });
    try {
      await done.instance.waitForStatus("complete");
      const run = await lostRun(auth);
      // Every start is indexed in the deployment's index; the sweep here reads a private one.
      expect(await runIndex(env).has({ projectId: run.id, runId: "r1" })).toBe(true);
      const index = randomId("idx");
      await runIndex(env, index).add({ projectId: run.id, runId: "r1" }, accountId);
      await runIndex(env, index).add({ projectId: done.id, runId: "r1" }, accountId);
      expect(await sweepRuns(env, "cron", { index })).toEqual({ looked: 2, healed: 1, removed: 2 });
      expect((await getProject(run.id, auth)).error?.code).toBe("run_terminated");
      expect(await runIndex(env, index).has({ projectId: run.id, runId: "r1" })).toBe(false);
      expect(await sweepRuns(env, "cron", { index })).toEqual({ looked: 0, healed: 0, removed: 0 });
    } finally {
      await done.dispose();
    }
  });

  it("on startup, every indexed run is woken at once, however recent its last progress", async () => {
    const { auth, accountId } = await newSession();
    crashAtStep("devops");
    const run = await startProject(auth, { prompt: "una app de gastos", model: "blueprint" });
    try {
      await run.instance.waitForStepResult({ name: "meter-frontend" });
      const index = randomId("idx");
      await runIndex(env, index).add({ projectId: run.id, runId: "r1" }, accountId);
      // Right after the crash, within HEAL_AFTER_SECONDS: the cron leaves it; the startup sweep does not.
      expect((await sweepRuns(env, "cron", { index })).healed).toBe(0);
      for (let i = 0; i < 50 && (await getProject(run.id, auth)).steps[3]?.status === "pending"; i++) {
        await sweepRuns(env, "startup", { index, afterMs: 0, batch: 1000 });
        await new Promise((r) => setTimeout(r, 100));
      }
      await run.instance.waitForStatus("complete");
      expect((await getProject(run.id, auth)).status).toBe("completed");
    } finally {
      await run.dispose();
    }
  });

  it("the scheduled handler sweeps HEAL_SWEEP_BATCH runs of the deployment's index", async () => {
    const take = vi.spyOn(RunIndex.prototype, "take");
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(take).toHaveBeenCalledWith(10, undefined);
  });
});
