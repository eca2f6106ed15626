import { env } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProjectEvent, ProjectView } from "../../../shared/protocol";
import { ROLES } from "../../../shared/roles";
import { healRun } from "../../../workers/runs/heal";
import type { HealOutcome } from "../../../workers/runs/heal";
import { call, newSession } from "../../helpers/api";
import { expectedCredits, getAccountJson } from "../../helpers/billing";
import { backdate, crashAtStep } from "../../helpers/crash";
import { getProject, startProject } from "../../helpers/projects";
import { connect } from "../../helpers/sockets";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Past HEAL_AFTER_SECONDS (120 s) but not HEAL_GIVE_UP_SECONDS (1 h): the healer's clock moves, nobody waits. */
const LATER = 10 * 60_000;

const heal = (projectId: string, accountId: string, now = Date.now() + LATER): Promise<HealOutcome> =>
  healRun(env, { projectId, accountId }, "view", { now });

async function waitForStep(id: string, auth: Record<string, string>, role: string, status: string): Promise<ProjectView> {
  for (let i = 0; i < 200; i++) {
    const view = await getProject(id, auth);
    if (view.steps.find((s) => s.role === role)?.status === status) return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${role} never became ${status}`);
}

async function history(id: string, auth: Record<string, string>): Promise<ProjectEvent[]> {
  const viewer = await connect(await call(`/api/projects/${id}/events?after=0`, { headers: { ...auth, Upgrade: "websocket" } }));
  const head = (await getProjectHead(id)) ?? 0;
  await viewer.waitFor(head);
  viewer.close();
  return viewer.messages.filter((m): m is ProjectEvent => m.type !== "snapshot");
}

async function getProjectHead(id: string): Promise<number | null> {
  const viewer = await connect(await env.PROJECTS.getByName(id).fetch("https://project/events", { headers: { Upgrade: "websocket" } }));
  const [snapshot] = await viewer.waitFor(1);
  viewer.close();
  return snapshot?.type === "snapshot" ? snapshot.seq : null;
}

/** Heals until the run moves again: the engine learns of the crash asynchronously, so the first wake may land before it. */
async function healUntilMoving(id: string, accountId: string, auth: Record<string, string>, role: string): Promise<number> {
  let wakes = 0;
  for (let i = 0; i < 50; i++) {
    const outcome = await heal(id, accountId, Date.now() + LATER * (i + 1));
    if (outcome.action === "woke") wakes++;
    const view = await getProject(id, auth);
    if (view.status !== "running" || view.steps.find((s) => s.role === role)?.status !== "pending") return wakes;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the run never moved again");
}

function expectCleanLog(events: ProjectEvent[]): void {
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  for (const role of ROLES) expect(events.filter((e) => e.type === "step" && e.role === role && e.status === "done")).toHaveLength(1);
}

describe("the healer", () => {
  it("does nothing to a run that is making progress, or to one that is over", async () => {
    const { auth, accountId } = await newSession();
    const run = await startProject(auth, { prompt: "una app de tareas", model: "blueprint" });
    try {
      // Right now: whatever the run is doing, it did it less than HEAL_AFTER_SECONDS ago.
      expect(await healRun(env, { projectId: run.id, accountId }, "view")).toMatchObject({ action: null });
      await run.instance.waitForStatus("complete");
      expect(await heal(run.id, accountId)).toEqual({ action: null, settled: true, view: null });
    } finally {
      await run.dispose();
    }
  });

  it("fails a run whose Workflow was terminated behind the room's back, charging only the roles that finished", async () => {
    const { auth, accountId } = await newSession();
    const run = await startProject(auth, { prompt: `una app de notas [[fake:hang-backend:${crypto.randomUUID()}]]`, model: "joxcoder" });
    try {
      await waitForStep(run.id, auth, "backend", "running");
      await (await env.GENERATE_APP.get(run.id)).terminate();
      // The room never heard: the project still says running and its credits are still held.
      expect((await getProject(run.id, auth)).status).toBe("running");
      expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toHaveLength(1);

      const outcome = await heal(run.id, accountId);
      expect(outcome.action).toBe("failed");
      const view = await getProject(run.id, auth);
      expect(view.status).toBe("failed");
      expect(view.error).toMatchObject({ code: "run_terminated", role: "backend" });
      expect(view.steps.map((s) => s.status)).toEqual(["done", "failed", "pending", "pending", "pending"]);
      const events = await history(run.id, auth);
      expect(events.slice(-3)).toMatchObject([
        { type: "heal", action: "failed" },
        { type: "step", role: "backend", status: "failed" },
        { type: "status", status: "failed", error: { code: "run_terminated" } },
      ]);

      // The architect finished and was metered: that is paid, the rest of the 50 released.
      const metered = await expectedCredits(run.id);
      expect(metered).toBeGreaterThanOrEqual(1);
      const account = await getAccountJson(auth);
      expect(account.credits).toBe(100 - metered);
      expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toEqual([]);
      // Healing again changes nothing.
      expect(await heal(run.id, accountId)).toMatchObject({ action: null, settled: true });
      expect((await getAccountJson(auth)).credits).toBe(100 - metered);
    } finally {
      await run.dispose();
    }
  });

  it("fails and settles a run whose Workflow errored without the room hearing", async () => {
    const { auth, accountId } = await newSession();
    // The frontend fails for good and the billing store is unreachable for the whole `settle` step:
    // the Workflow errors out before it could settle or tell the room.
    const run = await startProject(auth, { prompt: "una tienda de plantas", model: "blueprint" }, async (m) => {
      await m.mockStepError({ name: "frontend" }, new NonRetryableError("boom"));
      await m.mockStepError({ name: "settle" }, new Error("account store unreachable"));
    });
    try {
      await run.instance.waitForStatus("errored");
      expect((await getProject(run.id, auth)).status).toBe("running");
      expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toHaveLength(1);

      expect((await heal(run.id, accountId)).action).toBe("failed");
      const view = await getProject(run.id, auth);
      expect(view.status).toBe("failed");
      expect(view.error?.code).toBe("run_errored");
      expect(view.error?.message).toContain("account store unreachable");
      const metered = await expectedCredits(run.id);
      const account = await getAccountJson(auth);
      expect(account.credits).toBe(100 - metered);
      expect(account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`).map((e) => e.kind)).toEqual(["charge", "reservation"]);
    } finally {
      await run.dispose();
    }
  });

  it("wakes a run the engine dropped (a simulated restart), which then finishes exactly once", async () => {
    const { auth, accountId } = await newSession();
    crashAtStep("frontend");
    const run = await startProject(auth, { prompt: "a booking app for my barbershop", model: "blueprint" });
    try {
      await run.instance.waitForStepResult({ name: "meter-backend" });
      // Nothing runs and nothing will: the instance stays `running` with the frontend never started.
      expect((await (await env.GENERATE_APP.get(run.id)).status()).status).toBe("running");
      const wakes = await healUntilMoving(run.id, accountId, auth, "frontend");
      expect(wakes).toBeGreaterThanOrEqual(1);
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("completed");
    const events = await history(run.id, auth);
    expectCleanLog(events);
    expect(events.filter((e) => e.type === "heal").every((e) => e.type === "heal" && e.action === "woke")).toBe(true);
    // Charged exactly once, nothing held, the slot free: as if the run had never stopped.
    const used = await expectedCredits(run.id);
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100 - used);
    expect(account.ledger.entries.filter((e) => e.ref === `${run.id}/r1` && e.kind === "charge")).toHaveLength(1);
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toEqual([]);
  });

  it("never shows a run completed while its charge is pending, and completes it once woken", async () => {
    const { auth, accountId } = await newSession();
    crashAtStep("charge");
    const run = await startProject(auth, { prompt: "una app de recetas", model: "blueprint" });
    try {
      await run.instance.waitForStepResult({ name: "package" });
      // The ZIP exists, but the charge has not been made: not completed, not downloadable.
      const pending = await getProject(run.id, auth);
      expect(pending.status).toBe("running");
      expect(pending.steps.every((s) => s.status === "done")).toBe(true);
      expect((await call(`/api/projects/${run.id}/zip`, { headers: auth })).status).toBe(409);
      expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toHaveLength(1);

      for (let i = 0; i < 50 && (await getProject(run.id, auth)).status === "running"; i++) {
        await heal(run.id, accountId, Date.now() + LATER * (i + 1));
        await new Promise((r) => setTimeout(r, 100));
      }
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    expect((await getProject(run.id, auth)).status).toBe("completed");
    const used = await expectedCredits(run.id);
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100 - used);
    expect(account.ledger.entries.filter((e) => e.ref === `${run.id}/r1` && e.kind === "charge")).toHaveLength(1);
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toEqual([]);
  });

  it("settles a run whose Workflow completed without charging", async () => {
    const { auth, accountId } = await newSession();
    // The `charge` step's answer is recorded without it running: complete, but nothing charged.
    const run = await startProject(auth, { prompt: "una app de gastos", model: "blueprint" }, async (m) => {
      await m.mockStepResult({ name: "charge" }, { charged: 0, reserved: 50 });
    });
    try {
      await run.instance.waitForStatus("complete");
      expect((await getProject(run.id, auth)).status).toBe("running");
      const outcome = await heal(run.id, accountId);
      expect(outcome.action).toBe("settled");
      expect(outcome.view?.status).toBe("completed");
    } finally {
      await run.dispose();
    }
    const used = await expectedCredits(run.id);
    expect((await getAccountJson(auth)).credits).toBe(100 - used);
    expect((await history(run.id, auth)).slice(-2)).toMatchObject([
      { type: "heal", action: "settled" },
      { type: "status", status: "completed" },
    ]);
  });

  it("wakes a live run harmlessly", async () => {
    const { auth, accountId } = await newSession();
    const run = await startProject(auth, { prompt: `una app de notas [[fake:hang-backend:${crypto.randomUUID()}]]`, model: "joxcoder" });
    try {
      await waitForStep(run.id, auth, "backend", "running");
      // Its log is made to look ten minutes old; two healers look at once, on the real clock.
      await backdate(run.id, LATER);
      const now = Date.now();
      const outcomes = await Promise.all([heal(run.id, accountId, now), heal(run.id, accountId, now)]);
      // Both may nudge the instance (harmless), but one verdict is recorded.
      expect(outcomes.filter((o) => o.action === "woke")).toHaveLength(1);
      expect(outcomes.filter((o) => o.action === null)).toHaveLength(1);
      // The stalled model call times out or ends; the step retries and the run completes as usual.
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const events = await history(run.id, auth);
    expectCleanLog(events);
    expect(events.filter((e) => e.type === "heal")).toHaveLength(1);
    expect((await getProject(run.id, auth)).status).toBe("completed");
  });

  it("gives a run up once it has made no progress for HEAL_GIVE_UP_SECONDS, however often it was woken", async () => {
    const { auth, accountId } = await newSession();
    const run = await startProject(auth, { prompt: `una app de notas [[fake:hang-backend:${crypto.randomUUID()}]]`, model: "joxcoder" });
    try {
      await waitForStep(run.id, auth, "backend", "running");
      const outcome = await heal(run.id, accountId, Date.now() + 2 * 3_600_000);
      expect(outcome.action).toBe("failed");
      expect(outcome.view?.error).toMatchObject({ code: "run_stalled", role: "backend" });
      expect((await (await env.GENERATE_APP.get(run.id)).status()).status).toBe("terminated");
    } finally {
      await run.dispose();
    }
    const metered = await expectedCredits(run.id);
    expect((await getAccountJson(auth)).credits).toBe(100 - metered);
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toEqual([]);
  });
});
