import type { ProjectView } from "../../shared/protocol";
import { log } from "../lib/log";
import { config } from "../config/config";
import { healRun } from "./heal";
import type { HealOptions, HealOutcome, HealTrigger } from "./heal";
import { runIndex, unsettledRuns } from "./refs";
import type { RunRef } from "./refs";

/**
 * Healing many runs at once: the periodic sweep over the RunIndex (the cron, and the local stack
 * coming up), and an account's unsettled runs before it starts another. A run that cannot be looked
 * at (a binding error) is logged and left for the next time; it never blocks the others.
 */

export interface SweepOptions extends Pick<HealOptions, "now" | "afterMs"> {
  /** How many indexed runs to look at; HEAL_SWEEP_BATCH by default. */
  batch?: number;
  /** The RunIndex object's name; tests use their own. */
  index?: string;
}

export interface SweepResult {
  looked: number;
  healed: number;
  /** Runs found over and settled, dropped from the index. */
  removed: number;
}

export async function sweepRuns(env: Env, trigger: "cron" | "startup", options: SweepOptions = {}): Promise<SweepResult> {
  const index = runIndex(env, options.index);
  const runs = await index.take(options.batch ?? config(env).HEAL_SWEEP_BATCH, options.now);
  const result: SweepResult = { looked: runs.length, healed: 0, removed: 0 };
  for (const indexed of runs) {
    const run: RunRef = { projectId: indexed.projectId, runId: indexed.runId, accountId: indexed.accountId, startedAt: indexed.addedAt };
    const outcome = await healSafely(env, run, trigger, options);
    if (outcome?.action) result.healed++;
    if (outcome?.settled) {
      await index.remove(indexed);
      result.removed++;
    }
  }
  if (result.healed > 0 || trigger === "startup") log("heal.sweep", { trigger, ...result });
  return result;
}

/** Before an account starts a run: a stuck one must not hold its credits or its concurrent slot. */
export async function healAccountRuns(env: Env, accountId: string, options: Pick<HealOptions, "now"> = {}): Promise<void> {
  for (const run of await unsettledRuns(env, accountId)) await healSafely(env, run, "admission", options);
}

/** What a status answer (`/estado`, the MCP `estado` tool) should show: the view after a heal, if one was needed. */
export async function healedView(env: Env, view: ProjectView, trigger: HealTrigger): Promise<ProjectView> {
  // A finished run has nothing to heal (it completes only once charged): every look at a finished
  // project, the common case, costs no extra call to its room.
  if (view.status === "completed" || view.status === "failed") return view;
  return (await healSafely(env, { projectId: view.id }, trigger))?.view ?? view;
}

/** `healRun`, but a failure to heal is logged, never thrown: looking at a project must still work. */
export async function healSafely(env: Env, run: RunRef, trigger: HealTrigger, options: HealOptions = {}): Promise<HealOutcome | null> {
  try {
    return await healRun(env, run, trigger, options);
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "unknown error";
    log("heal", { project: run.projectId, account: run.accountId, trigger, outcome: "error", detail });
    return null;
  }
}
