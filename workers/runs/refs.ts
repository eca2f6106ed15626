/**
 * How a run is named and found. Today a project has one run, whose Workflow instance and credit
 * hold are keyed by the project id; keeping that knowledge here means per-run ids change one file.
 */

export interface RunRef {
  projectId: string;
  accountId: string;
  /** When the run was admitted (ms since the epoch), when the caller knows it. */
  startedAt?: number;
}

/** The GenerateApp instance that builds this run. */
export function workflowInstanceId(run: Pick<RunRef, "projectId">): string {
  return run.projectId;
}

/** The account's runs whose credits are still held: the ones that may need healing. */
export async function unsettledRuns(env: Env, accountId: string): Promise<RunRef[]> {
  const runs = await env.ACCOUNTS.getByName(accountId).unsettledRuns();
  return runs.map((r) => ({ projectId: r.projectId, accountId, startedAt: r.startedAt }));
}

/** The periodic healer's worklist (RunIndex); one object for the whole deployment. */
export function runIndex(env: Env, name = "runs") {
  return env.RUN_INDEX.getByName(name);
}
