import { z } from "zod";
import { STEP_ORDER } from "../../shared/roles";
import type { RunLocation } from "../../shared/runs";
import { manifestKey } from "../files/storage";
import type { HistoryRun, HistoryStep } from "./history";

/**
 * Where a project's history comes from: its completed runs, oldest first (the project's room
 * lists them, with where their manifests are), each with the step manifests of the roles that
 * ran, in the order steps run (`STEP_ORDER`: a generation's five, or an edit's architect, editor
 * and security). This is the only place that knows how runs are stored. `including` is a
 * run about to complete: the Workflow's package step publishes its history first. A remix's
 * room lists its source's runs first (docs/community.md).
 */
export async function loadHistoryRuns(env: Env, projectId: string, including?: string): Promise<HistoryRun[]> {
  const locations = await env.PROJECTS.getByName(projectId).historyRuns(including);
  return Promise.all(locations.map((run) => loadRun(env.ARTIFACTS, run, projectId)));
}

/**
 * A remix's history starts with its source's runs, read where the source keeps them; they are
 * named `<source>/<run>` so they never pass for the remix's own runs (commit ids do not depend
 * on run ids, so the source's commits keep their ids).
 */
async function loadRun(bucket: R2Bucket, run: RunLocation, projectId: string): Promise<HistoryRun> {
  const steps = await Promise.all(STEP_ORDER.map((role) => readManifest(bucket, manifestKey(run, role))));
  const id = run.projectId === projectId ? run.runId : `${run.projectId}/${run.runId}`;
  return { id, steps: steps.filter((s): s is HistoryStep => s !== null) };
}

const manifestSchema = z.object({
  role: z.enum(STEP_ORDER),
  model: z.string(),
  finishedAt: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
});

/** A role that did not run in this run has no manifest. */
async function readManifest(bucket: R2Bucket, key: string): Promise<HistoryStep | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  return manifestSchema.parse(await object.json());
}
