/**
 * Run ids and the names derived from them. A project's runs are numbered `r1`, `r2`, ... in the
 * order they start (one at a time per project, so the room can number them without a race).
 */

/** The first run of every project; projects made before runs existed have only this one. */
export const FIRST_RUN = "r1";
export const RUN_ID = /^r[1-9][0-9]{0,5}$/;

export function runId(n: number): string {
  return `r${n}`;
}

/** The run's number: `r3` -> 3. */
export function runNumber(id: string): number {
  return Number(id.slice(1));
}

/**
 * The Workflow instance of a run. The first run keeps the project id, as every instance did
 * before runs existed, so those instances and the tools that look them up keep working; later
 * runs append the run id.
 */
export function workflowInstanceId(projectId: string, run: string): string {
  return run === FIRST_RUN ? projectId : `${projectId}--${run}`;
}

/** A run's key in its account's ledger and run rows: `<projectId>/<runId>`. */
export function runRef(projectId: string, run: string): string {
  return `${projectId}/${run}`;
}

/**
 * Where a run's step manifests and ZIP live in R2 (workflows/files/storage.ts). `legacy` runs
 * started before runs existed and keep the project-level keys of that time.
 */
export interface RunLocation {
  projectId: string;
  runId: string;
  legacy: boolean;
}
