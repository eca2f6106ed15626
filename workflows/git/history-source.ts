import { z } from "zod";
import { ROLES } from "../../shared/roles";
import { manifestKey } from "../files/storage";
import type { HistoryRun } from "./history";

/**
 * Where a project's history comes from: its finished runs, oldest first, each with its step
 * manifests in the order the roles ran. This is the only place that knows how runs are stored.
 * Today a project is one run whose manifests sit at `projects/<id>/steps/<role>.json`; a run
 * counts once all five roles have finished.
 */
export async function loadHistoryRuns(bucket: R2Bucket, projectId: string): Promise<HistoryRun[]> {
  const steps = await Promise.all(ROLES.map((role) => readManifest(bucket, manifestKey(projectId, role))));
  if (steps.some((s) => s === null)) return [];
  return [{ id: FIRST_RUN, steps: steps.filter((s) => s !== null) }];
}

/** The id of the one run a project has today (it names the export branch `autocrea/<run>`). */
export const FIRST_RUN = "1";

const manifestSchema = z.object({
  role: z.enum(ROLES),
  model: z.string(),
  finishedAt: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
});

async function readManifest(bucket: R2Bucket, key: string) {
  const object = await bucket.get(key);
  if (!object) return null;
  return manifestSchema.parse(await object.json());
}
