import type { HealRecord } from "../../durable-objects/project-room/project-room";
import type { RunKey } from "../../durable-objects/account-store/runs";
import { workflowInstanceId } from "../../shared/runs";
import type { HealAction, ProjectView } from "../../shared/protocol";
import { settleUnfinishedRun } from "../../workflows/generate-app/billing-steps";
import { log } from "../lib/log";
import type { LogFields } from "../lib/log";
import { config } from "../config/config";
import type { RunRef } from "./refs";

/**
 * The healer: a run that shows no sign of life for HEAL_AFTER_SECONDS is looked at, and its
 * Workflow instance says what to do. Still meant to be running: it is sent an event, which makes
 * the local engine (which never re-enters an instance after workerd restarts) replay `run()` from
 * its stored steps, and is harmless to one that is alive. Errored, terminated or gone without the
 * room hearing: the run fails with the reason and its credits settle by the billing rule (finished
 * roles paid, the rest released). Complete but unsettled: the charge is made. A run woken again and
 * again without progress for HEAL_GIVE_UP_SECONDS is terminated and failed the same way.
 *
 * It runs when someone looks (the project view, a viewer socket, `/estado`, the MCP `estado` tool), when the account starts
 * another run, and on the cron (sweep.ts). Every verdict is a `heal` event in the project's log and
 * a `heal` log line. Everything it does is idempotent, so any number of healers may look at once.
 */

/** Who looked: for the logs. `startup` is the local stack coming up (scripts/start.mjs). */
export type HealTrigger = "view" | "socket" | "estado" | "mcp" | "admission" | "cron" | "startup";

/** The event that wakes an instance; GenerateApp never waits for it, sending it is what counts. */
export const WAKE_EVENT = "wake";

export interface HealOptions {
  /** The clock, in ms since the epoch; tests move it instead of waiting. */
  now?: number;
  /** Overrides HEAL_AFTER_SECONDS, in ms: right after the local stack starts, every run is dead. */
  afterMs?: number;
}

export interface HealOutcome {
  /** What the healer did, or null when the run needed nothing (or another healer got there first). */
  action: HealAction | null;
  /** The run is over and settled: nothing will ever need healing again. */
  settled: boolean;
  /** The project after the heal, when the room recorded one. */
  view: ProjectView | null;
}

type InstanceState = InstanceStatus["status"] | "missing";

const NOTHING: HealOutcome = { action: null, settled: false, view: null };

export async function healRun(env: Env, target: RunRef, trigger: HealTrigger, options: HealOptions = {}): Promise<HealOutcome> {
  const settings = config(env);
  const now = options.now ?? Date.now();
  const afterMs = options.afterMs ?? settings.HEAL_AFTER_SECONDS * 1000;
  const giveUpMs = settings.HEAL_GIVE_UP_SECONDS * 1000;
  const room = env.PROJECTS.getByName(target.projectId);
  const health = await room.runHealth(target.runId);
  if (!health) return healOrphan(env, target, trigger, now, afterMs);
  const run: RunKey = { projectId: target.projectId, runId: health.runId };
  const accountId = health.accountId;
  const fields: LogFields = { project: run.projectId, run: run.runId, account: accountId, trigger };
  // The Workflow settles credits before it tells the room the run ended (generate-app.ts), so a
  // finished run has nothing held, unless an older release stopped between the two.
  if (health.status === "completed" || health.status === "failed") {
    if (target.held) await settleFinished(env, accountId, run, health.status, fields);
    return { ...NOTHING, settled: true };
  }
  const idleMs = now - health.activity.latest;
  if (idleMs < afterMs) return NOTHING;

  const staleBefore = now - afterMs;
  const idle = `no progress for ${Math.round((now - health.activity.progress) / 1000)} s`;
  const instance = await instanceOf(env, run);
  const status = instance ? await instance.status() : null;
  const state: InstanceState = status?.status ?? "missing";
  Object.assign(fields, { instance: state, idleSeconds: Math.round(idleMs / 1000) });
  const heal = { env, accountId, run, staleBefore, fields };

  if (instance && (state === "running" || state === "waiting" || state === "queued")) {
    const stalledMs = now - health.activity.progress;
    if (state !== "queued" && stalledMs >= giveUpMs) {
      await instance.terminate().catch((err: unknown) => log("heal", { ...fields, outcome: "error", detail: `terminate: ${text(err)}` }));
      const message = `the run made no progress for ${Math.round(stalledMs / 60_000)} minutes and was stopped`;
      return fail(heal, {
        action: "failed",
        reason: `${idle}, although it was woken; the run was given up`,
        error: { code: "run_stalled", message },
      });
    }
    await instance.sendEvent({ type: WAKE_EVENT, payload: { trigger } });
    const view = await room.heal(run.runId, { action: "woke", reason: `${idle}; its Workflow was ${state}, so it was woken` }, staleBefore);
    log("heal", { ...fields, action: view ? "woke" : undefined, outcome: view ? "done" : "skipped" });
    return { action: view ? "woke" : null, settled: false, view };
  }
  if (state === "errored") {
    const message = `the run stopped with an error: ${(status?.error?.message ?? "unknown error").slice(0, 200)}`;
    return fail(heal, { action: "failed", reason: `${idle}; its Workflow had errored`, error: { code: "run_errored", message } });
  }
  if (state === "terminated") {
    const error = { code: "run_terminated", message: "the run was stopped: its Workflow instance was terminated" };
    return fail(heal, { action: "failed", reason: `${idle}; its Workflow had been terminated`, error });
  }
  if (state === "missing") {
    const error = { code: "run_lost", message: "the run was lost: its Workflow instance no longer exists" };
    return fail(heal, { action: "failed", reason: `${idle}; its Workflow instance was not found`, error });
  }
  if (state === "complete") {
    // The ZIP is built and every role metered: charge exactly that, as the `charge` step would.
    const charged = await chargeMetered(env, accountId, run);
    const view = await room.heal(
      run.runId,
      { action: "settled", reason: `${idle}; its Workflow had completed, so the charge was made` },
      staleBefore,
    );
    log("heal", { ...fields, action: view ? "settled" : undefined, outcome: view ? "done" : "skipped", charged });
    return { action: view ? "settled" : null, settled: true, view };
  }
  // Paused (an operator's choice), pausing, rolling back or unknown: not ours to decide.
  log("heal", { ...fields, outcome: "skipped" });
  return NOTHING;
}

interface Healing {
  env: Env;
  accountId: string;
  run: RunKey;
  staleBefore: number;
  fields: LogFields;
}

/** Settles first, then tells the room: a run never shows as finished with credits held. */
async function fail({ env, accountId, run, staleBefore, fields }: Healing, record: HealRecord): Promise<HealOutcome> {
  const settled = await settleUnfinishedRun(env, accountId, run);
  const view = await env.PROJECTS.getByName(run.projectId).heal(run.runId, record, staleBefore);
  log("heal", {
    ...fields,
    action: view ? "failed" : undefined,
    outcome: view ? "done" : "skipped",
    reason: record.reason,
    charged: settled.charged,
    released: settled.released,
  });
  return { action: view ? "failed" : null, settled: true, view };
}

/** What a complete run's meter steps recorded, charged as the `charge` step would have. */
async function chargeMetered(env: Env, accountId: string, run: RunKey): Promise<number | undefined> {
  const account = env.ACCOUNTS.getByName(accountId);
  const hold = await account.runHold(run);
  if (hold?.status === "held") await account.chargeRun(run, hold.metered);
  return hold?.metered;
}

/**
 * A run the room shows finished whose credits are still held: an older release marked the run
 * finished before it settled, and stopped in between. Settled the way the room says it ended.
 */
async function settleFinished(env: Env, accountId: string, run: RunKey, status: "completed" | "failed", fields: LogFields): Promise<void> {
  const charged =
    status === "completed" ? await chargeMetered(env, accountId, run) : (await settleUnfinishedRun(env, accountId, run)).charged;
  log("heal", { ...fields, instance: "finished", action: "settled", outcome: "done", charged });
}

/**
 * Admitted, but its project (or run) was never created: the Worker stopped in between, so no
 * Workflow can exist either. Once it is older than the threshold its reservation goes back.
 */
async function healOrphan(env: Env, target: RunRef, trigger: HealTrigger, now: number, afterMs: number): Promise<HealOutcome> {
  const { projectId, runId, accountId, startedAt } = target;
  if (!runId || !accountId || startedAt === undefined || now - startedAt < afterMs) return NOTHING;
  const settled = await settleUnfinishedRun(env, accountId, { projectId, runId });
  log("heal", {
    project: projectId,
    run: runId,
    account: accountId,
    trigger,
    instance: "missing",
    action: "failed",
    outcome: "done",
    released: settled.released,
  });
  return { action: "failed", settled: true, view: null };
}

async function instanceOf(env: Env, run: RunKey): Promise<WorkflowInstance | null> {
  try {
    return await env.GENERATE_APP.get(workflowInstanceId(run.projectId, run.runId));
  } catch (err) {
    // Both the local engine and the hosted API say "instance.not_found"; anything else is a real error.
    if (text(err).includes("not_found")) return null;
    throw err;
  }
}

function text(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err);
}
