import type { RunKey } from "../../durable-objects/account-store/runs";

/**
 * How the healer names a run. A run is a project's `runId` (`r1`, `r2`, ...; shared/runs.ts, whose
 * `workflowInstanceId` names its Workflow instance and `runRef` its hold). Callers that only know
 * the project (someone looking at it) leave `runId` out and mean its latest run; callers that come
 * from the account's holds or the RunIndex also know the account and when the run was admitted.
 */
export interface RunRef {
  projectId: string;
  /** The project's latest run when left out. */
  runId?: string;
  /** The owner; read from the project when left out. */
  accountId?: string;
  /** When the run was admitted (ms since the epoch), when the caller knows it. */
  startedAt?: number;
  /** The caller knows the run's credits are still held (it came from the account's holds). */
  held?: boolean;
}

/** The account's runs whose credits are still held: the ones that may need healing. */
export async function unsettledRuns(env: Env, accountId: string): Promise<RunRef[]> {
  const runs = await env.ACCOUNTS.getByName(accountId).unsettledRuns();
  return runs.map((r) => ({ projectId: r.projectId, runId: r.runId, accountId, startedAt: r.startedAt, held: true }));
}

/** The periodic healer's worklist (RunIndex); one object for the whole deployment. */
export function runIndex(env: Env, name = "runs") {
  return env.RUN_INDEX.getByName(name);
}

export type { RunKey };
