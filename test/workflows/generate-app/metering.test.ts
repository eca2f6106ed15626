import { env } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccountStore } from "../../../durable-objects/account-store/account-store";
import { randomId } from "../../../shared/ids";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { expectedCredits, getAccountJson } from "../../helpers/billing";
import { getProject, startProject } from "../../helpers/projects";

/** The first run of a project: what admission, holds and settlement are keyed by. */
const r1 = (projectId: string) => ({ projectId, runId: "r1" });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("metering a generation: reserve, charge, settle as Workflow steps", () => {
  it("charges what the run used, once, although a role step and the charge step were retried", async () => {
    const original = AccountStore.prototype.chargeRun;
    let charges = 0;
    // The first charge is applied in the account but its answer is lost: the step must retry safely.
    vi.spyOn(AccountStore.prototype, "chargeRun").mockImplementation(function (this: AccountStore, ...args) {
      const result = original.apply(this, args);
      if (charges++ === 0) throw new Error("connection lost after the charge was applied");
      return result;
    });
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "Una app de reservas para mi peluquería" }, async (m) => {
      await m.mockStepError({ name: "backend" }, new Error("the model timed out"), 1);
    });
    try {
      await run.instance.waitForStatus("complete");
      expect(await run.instance.waitForStepResult({ name: "reserve" })).toEqual({ ok: true, credits: 50 });
      const used = await expectedCredits(run.id);
      expect(await run.instance.waitForStepResult({ name: "charge" })).toEqual({ charged: used, reserved: Math.max(50, used) });
    } finally {
      await run.dispose();
    }
    expect(charges).toBe(2);
    const used = await expectedCredits(run.id);
    expect(used).toBeGreaterThanOrEqual(5);
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100 - used);
    const mine = account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`);
    expect(mine.filter((e) => e.kind === "charge")).toHaveLength(1);
    expect(mine.filter((e) => e.kind === "refund")).toHaveLength(0);
    expect(mine.reduce((sum, e) => sum + e.amount, 0)).toBe(-used);
  });

  it("charges a failed run what its finished roles metered and releases the rest", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "una tienda de plantas" }, async (m) => {
      await m.mockStepError({ name: "frontend" }, new NonRetryableError("boom"));
    });
    let settled: unknown;
    try {
      await run.instance.waitForStatus("errored");
      settled = await run.instance.waitForStepResult({ name: "settle" });
    } finally {
      await run.dispose();
    }
    // The architect and the backend finished and were metered; the frontend never finished.
    const metered = await expectedCredits(run.id);
    expect(metered).toBeGreaterThanOrEqual(2);
    expect(settled).toEqual({ charged: metered, released: 50 - metered });
    expect((await getProject(run.id, auth)).error).toMatchObject({ role: "frontend", code: "step_failed" });
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100 - metered);
    const mine = account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`).map((e) => [e.kind, e.amount]);
    expect(mine).toEqual([
      ["charge", 50 - metered],
      ["reservation", -50],
    ]);
  });

  it("refunds in full a run that failed before any role finished", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "una app de recetas" }, async (m) => {
      await m.mockStepError({ name: "architect" }, new NonRetryableError("boom"));
    });
    try {
      await run.instance.waitForStatus("errored");
      expect(await run.instance.waitForStepResult({ name: "settle" })).toEqual({ charged: 0, released: 50 });
    } finally {
      await run.dispose();
    }
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100);
    expect(account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`).map((e) => e.kind)).toEqual(["refund", "reservation"]);
  });

  it("charges a paid run whose auditor wrote an unsafe path for the four roles that finished, and keeps their files readable", async () => {
    const { auth, accountId } = await newSession();
    // JoxCoder, the deployment's paid model, answered by the fake model server.
    const run = await startProject(auth, { prompt: "una app de notas [[fake:escape-audit]]", model: "joxcoder" });
    try {
      await run.instance.waitForStatus("errored");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("failed");
    expect(view.error).toMatchObject({ role: "security" });
    expect(view.steps.map((s) => s.status)).toEqual(["done", "done", "done", "done", "failed"]);
    const metered = await expectedCredits(run.id);
    // Four role steps of the fake's token counts: at least one credit each.
    expect(metered).toBeGreaterThanOrEqual(4);
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(100 - metered);
    const mine = account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`);
    expect(mine.reduce((sum, e) => sum + e.amount, 0)).toBe(-metered);
    expect(mine.map((e) => e.kind)).not.toContain("refund");
    // Nothing stays held: the run no longer counts as running.
    expect(await env.ACCOUNTS.getByName(accountId).unsettledRuns()).toEqual([]);
    // What was paid for stays readable.
    const file = view.files[0];
    expect(file).toBeDefined();
    const res = await call(`/api/projects/${run.id}/files/${file?.path}`, { headers: auth });
    expect(res.status).toBe(200);
  });

  it("goes past the reservation only within the balance, then stops with a clear reason", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "a todo app with tags" }, async (m) => {
      // The security role reports a huge token count: more than the whole balance.
      await m.mockStepResult(
        { name: "security" },
        {
          role: "security",
          model: "blueprint",
          attempt: 1,
          files: [],
          usage: { promptTokens: 150_000, completionTokens: 10_000 },
          finishedAt: new Date().toISOString(),
        },
      );
    });
    try {
      await run.instance.waitForStatus("errored");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("failed");
    // Every step that ran succeeded; the run stopped between steps, which the message names.
    expect(view.error).toMatchObject({ code: "insufficient_credits" });
    expect(view.error?.role).toBeUndefined();
    // (The security step's result is mocked, so it never reported to the room.)
    expect(view.steps.map((s) => s.status)).toEqual(["done", "done", "done", "done", "pending"]);
    expect(view.error?.message).toMatch(
      /out of credits: the run has used \d+ credits and your balance covered 100; it stopped after the security step/,
    );
    const account = await getAccountJson(auth);
    expect(account.credits).toBe(0);
    const kinds = account.ledger.entries.filter((e) => e.ref === `${run.id}/r1`).map((e) => e.kind);
    expect(kinds).toContain("charge");
    expect(kinds).not.toContain("refund");
  });
});

describe("POST /api/projects: credits and per-account limits", () => {
  it("answers 402 with the balance, the estimate and where to buy, and starts nothing", async () => {
    const { auth, accountId } = await newSession();
    expect(await env.ACCOUNTS.getByName(accountId).adjust("spent", -70, "test: most credits spent")).toBe(true);
    const res = await postJson("/api/projects", { prompt: "una app de notas" }, auth);
    expect(res.status).toBe(402);
    const body = (await res.json()) as { error: { code: string; message: string; balance: number; estimate: number; buyUrl: string } };
    expect(body.error).toMatchObject({ code: "insufficient_credits", balance: 30, estimate: 50 });
    expect(body.error.buyUrl).toMatch(/^https?:\/\//);
    expect(body.error.message).toContain("30");
    const list = (await (await call("/api/projects", { headers: auth })).json()) as { projects: unknown[] };
    expect(list.projects).toHaveLength(0);
    expect((await getAccountJson(auth)).credits).toBe(30);
  });

  it("answers 429 with Retry-After past the concurrent limit", async () => {
    const { auth, accountId } = await newSession();
    const account = env.ACCOUNTS.getByName(accountId);
    await account.adjust("more", 1000, "test: room for several runs");
    const limits = { reserve: 50, perHour: 10, concurrent: 2 };
    await account.admitRun(r1(randomId("prj")), limits);
    await account.admitRun(r1(randomId("prj")), limits);
    const res = await postJson("/api/projects", { prompt: "una app de notas" }, auth);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toContain("2 generations running");
  });

  it("answers 429 past the hourly limit, which is configuration", async () => {
    const { auth, accountId } = await newSession();
    const limits = { reserve: 1, perHour: 10, concurrent: 10 };
    for (let i = 0; i < 10; i++) {
      const id = randomId("prj");
      await env.ACCOUNTS.getByName(accountId).admitRun(r1(id), limits);
      await env.ACCOUNTS.getByName(accountId).refundRun(r1(id));
    }
    const res = await postJson("/api/projects", { prompt: "una app de notas" }, auth);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await res.json()) as ErrorJson).error.message).toContain("10 generations in the last hour");
  });
});
