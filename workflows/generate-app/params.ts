import type { RunKind } from "../../shared/protocol";
import { FIRST_RUN } from "../../shared/runs";
import type { RunLocation } from "../../shared/runs";
import type { ModelName } from "../models/model";

/** What a run of GenerateApp is started with: the Worker builds it, every step reads it. */
export interface GenerateParams {
  projectId: string;
  /** Which run of the project this instance is (`r1`, `r2`, ...; shared/runs.ts). */
  runId: string;
  kind: RunKind;
  accountId: string;
  idea: string;
  /** The name the user gave, if any; otherwise the architect names the project. */
  projectName?: string;
  model: ModelName;
}

/**
 * Instances started before runs existed carry no `runId` or `kind`: they are the project's first
 * run, a generation, and keep writing to the R2 keys of that time.
 */
export type StoredParams = Omit<GenerateParams, "runId" | "kind"> & Partial<Pick<GenerateParams, "runId" | "kind">>;

export function runParams(stored: StoredParams): GenerateParams & { legacy: boolean } {
  return { ...stored, runId: stored.runId ?? FIRST_RUN, kind: stored.kind ?? "generate", legacy: stored.runId === undefined };
}

/** Where this run's manifests and ZIP go in R2. */
export function runLocation(params: GenerateParams & { legacy?: boolean }): RunLocation {
  return { projectId: params.projectId, runId: params.runId, legacy: params.legacy === true };
}
