import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ensureAccount } from "../../../workers/accounts/accounts";
import { randomId } from "../../../shared/ids";

/** The first run of a project: what admission, holds and settlement are keyed by. */
const r1 = (projectId: string) => ({ projectId, runId: "r1" });

const limits = { reserve: 50, perHour: 1000, concurrent: 1000 };

async function freshAccount(credits?: number) {
  const accountId = randomId("acc");
  await ensureAccount(env, accountId);
  const account = env.ACCOUNTS.getByName(accountId);
  if (credits !== undefined) await account.adjust("setup", credits - 100, "test setup");
  return { accountId, account };
}

describe("the credit ledger", () => {
  it("grants the trial exactly once, even to concurrent first contacts", async () => {
    const accountId = randomId("acc");
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureAccount(env, accountId)));
    expect(results.filter((r) => r.trialGranted)).toHaveLength(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const summary = await env.ACCOUNTS.getByName(accountId).summary(accountId, 50);
    expect(summary.credits).toBe(100);
    expect(summary.entries.filter((e) => e.kind === "trial")).toHaveLength(1);
  });

  it("never treats a settled run's hold as a reservation again", async () => {
    const { account } = await freshAccount();
    const refunded = randomId("prj");
    expect((await account.admitRun(r1(refunded), limits)).ok).toBe(true);
    await account.refundRun(r1(refunded));
    // An abandoned, refunded start that is delivered again must not run for free.
    expect(await account.admitRun(r1(refunded), limits)).toEqual({ ok: false, reason: "settled" });
    expect(await account.meterRun(r1(refunded), 10)).toMatchObject({ ok: false, covered: 0 });

    const charged = randomId("prj");
    await account.admitRun(r1(charged), limits);
    const hold = await account.chargeRun(r1(charged), 20);
    expect(hold.charged).toBe(20);
    // A retried meter step after the charge went through: within what was paid, fine; past it, stop.
    expect((await account.meterRun(r1(charged), 20)).ok).toBe(true);
    expect(await account.meterRun(r1(charged), 30)).toMatchObject({ ok: false, covered: 20 });
    expect(await account.credits()).toBe(80);
  });

  it("never lets concurrent reservations take more than the balance", async () => {
    const { account } = await freshAccount(120);
    const projects = Array.from({ length: 10 }, () => randomId("prj"));
    const results = await Promise.all(projects.map((id) => account.admitRun(r1(id), limits)));
    // 120 credits hold two reservations of 50, never a third.
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.reason === "credits")).toHaveLength(8);
    expect(await account.credits()).toBe(20);
  });

  it("derives the balance from the entries and keeps it at zero or above through every settlement", async () => {
    const { account, accountId } = await freshAccount(100);
    const [a, b] = [randomId("prj"), randomId("prj")];
    await Promise.all([account.admitRun(r1(a), limits), account.admitRun(r1(b), limits)]);
    expect(await account.credits()).toBe(0);
    // a used more than it reserved, with nothing left to extend into: it pays only what it held.
    expect(await account.meterRun(r1(a), 70)).toMatchObject({ ok: false, covered: 50 });
    expect(await account.chargeRun(r1(a), 70)).toMatchObject({ status: "charged", charged: 50 });
    await account.refundRun(r1(b));
    expect(await account.credits()).toBe(50);
    const { entries } = await account.summary(accountId, 100);
    expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(50);
    expect(await account.adjust("too-much", -51, "would go negative")).toBe(false);
    expect(await account.credits()).toBe(50);
  });

  it("extends a hold within the balance and charges the actual use", async () => {
    const { account } = await freshAccount(100);
    const id = randomId("prj");
    await account.admitRun(r1(id), limits);
    expect(await account.meterRun(r1(id), 30)).toMatchObject({ ok: true, hold: { amount: 50 } });
    expect(await account.meterRun(r1(id), 80)).toMatchObject({ ok: true, hold: { amount: 80 } });
    expect(await account.credits()).toBe(20);
    expect(await account.chargeRun(r1(id), 64)).toMatchObject({ charged: 64 });
    expect(await account.credits()).toBe(36);
  });

  it("settles each reservation once: charges and refunds repeated in any order change nothing", async () => {
    const { account, accountId } = await freshAccount(100);
    const id = randomId("prj");
    await account.admitRun(r1(id), limits);
    await Promise.all([
      account.chargeRun(r1(id), 10),
      account.chargeRun(r1(id), 10),
      account.refundRun(r1(id)),
      account.admitRun(r1(id), limits),
    ]);
    const { entries, credits } = await account.summary(accountId, 100);
    const settlements = entries.filter((e) => e.ref === `${id}/r1` && (e.kind === "charge" || e.kind === "refund"));
    expect(settlements).toHaveLength(1);
    expect(entries.filter((e) => e.ref === `${id}/r1` && e.kind === "reservation")).toHaveLength(1);
    expect([90, 100]).toContain(credits);
  });

  it("limits generations per hour and at once", async () => {
    const { account } = await freshAccount(1000);
    const tight = { reserve: 1, perHour: 3, concurrent: 2 };
    const [p1, p2, p3, p4] = Array.from({ length: 4 }, () => randomId("prj"));
    expect((await account.admitRun(r1(p1 ?? ""), tight)).ok).toBe(true);
    expect((await account.admitRun(r1(p2 ?? ""), tight)).ok).toBe(true);
    expect(await account.admitRun(r1(p3 ?? ""), tight)).toMatchObject({ ok: false, reason: "concurrent", limit: 2 });
    await account.chargeRun(r1(p1 ?? ""), 1);
    expect((await account.admitRun(r1(p3 ?? ""), tight)).ok).toBe(true);
    await account.chargeRun(r1(p2 ?? ""), 1);
    const hourly = await account.admitRun(r1(p4 ?? ""), tight);
    expect(hourly).toMatchObject({ ok: false, reason: "hourly", limit: 3 });
    expect(hourly.ok === false && hourly.reason === "hourly" && hourly.retryAfter).toBeGreaterThan(3500);
  });

  it("settles a run that did not complete at what its finished roles metered, once, and frees its slot", async () => {
    const { account, accountId } = await freshAccount(100);
    const one = { reserve: 50, perHour: 100, concurrent: 1 };
    const run = r1(randomId("prj"));
    await account.admitRun(run, one);
    // Three roles finished: the meter steps reported 4, then 9, then a retried 9.
    for (const used of [4, 9, 9]) expect((await account.meterRun(run, used)).ok).toBe(true);
    expect(await account.runHold(run)).toMatchObject({ status: "held", amount: 50, metered: 9 });
    expect(await account.admitRun(r1(randomId("prj")), one)).toMatchObject({ ok: false, reason: "concurrent" });
    const settled = await Promise.all([account.settleUnfinishedRun(run), account.settleUnfinishedRun(run)]);
    expect(settled.map((h) => h?.charged)).toEqual([9, 9]);
    const { credits, entries } = await account.summary(accountId, 100);
    expect(credits).toBe(91);
    expect(entries.filter((e) => e.ref === `${run.projectId}/r1`).map((e) => [e.kind, e.amount])).toEqual([
      ["charge", 41],
      ["reservation", -50],
    ]);
    expect(await account.unsettledRuns()).toEqual([]);
    expect((await account.admitRun(r1(randomId("prj")), one)).ok).toBe(true);
  });

  it("lists the runs whose credits are still held, by project and run", async () => {
    const { account } = await freshAccount(200);
    const projectId = randomId("prj");
    await account.admitRun({ projectId, runId: "r1" }, limits);
    await account.chargeRun({ projectId, runId: "r1" }, 5);
    await account.admitRun({ projectId, runId: "r2" }, limits);
    expect(await account.unsettledRuns()).toMatchObject([{ projectId, runId: "r2" }]);
  });

  it("refunds in full a run that did not complete and metered nothing", async () => {
    const { account } = await freshAccount(100);
    const run = r1(randomId("prj"));
    await account.admitRun(run, limits);
    expect(await account.settleUnfinishedRun(run)).toMatchObject({ status: "refunded", charged: 0 });
    expect(await account.credits()).toBe(100);
  });
});
