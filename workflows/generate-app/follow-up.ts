import type { WorkflowStep } from "cloudflare:workers";
import { log } from "../../workers/lib/log";
import type { Role } from "../../shared/roles";
import { rolesFor } from "../../shared/runs";
import type { FollowUpKind } from "../../shared/runs";
import { getBlob, zipKey } from "../files/storage";
import type { StepManifest } from "../files/storage";
import { buildZip } from "../files/zip";
import { publishHistory } from "../git/publish";
import { modelForStep } from "../models/step-model";
import { DeltaBatcher } from "../roles/delta-batcher";
import { BILLING_STEP, OutOfCreditsError, chargeCredits, meterCredits } from "./billing-steps";
import { followUpStep } from "./follow-up-steps";
import { runLocation } from "./params";
import type { GenerateParams } from "./params";
import { reportedRoleStep } from "./role-step";
import { STEP_CONFIG } from "./step-config";
import type { PackageResult } from "./step-config";

type RunParams = GenerateParams & { legacy: boolean; kind: FollowUpKind };

/** Which step the run is in, for the failure the Workflow reports if it throws. */
export interface Progress {
  current: Role | "package" | "charge";
}

/**
 * A follow-up run of a project (an edit, a fix, an explanation), after `reserve`: its roles as
 * durable steps, each metered, then `package` (a ZIP only when files changed) and `charge`, which
 * completes the run as a generation's does; a run that changed nothing completes with "no
 * changes". The instruction is the run's `idea`.
 */
export async function runFollowUp(env: Env, step: WorkflowStep, params: RunParams, progress: Progress): Promise<PackageResult> {
  const manifests: StepManifest[] = [];
  for (const role of rolesFor(params.kind)) {
    progress.current = role;
    const prior = [...manifests];
    manifests.push(await step.do(role, STEP_CONFIG[role], (ctx) => roleStep(env, params, role, ctx.attempt, prior)));
    const done = [...manifests];
    const metered = await step.do(`meter-${role}`, BILLING_STEP, () => meterCredits(env, params, done));
    if (!metered.ok) throw new OutOfCreditsError(metered.failure);
  }
  progress.current = "package";
  const changed = new Set(manifests.flatMap((manifest) => manifest.files.map((file) => file.path))).size;
  const result = await step.do("package", STEP_CONFIG.package, () => packageRun(env, params, changed));
  progress.current = "charge";
  await step.do("charge", BILLING_STEP, async () => {
    const charged = await chargeCredits(env, params, manifests);
    await env.PROJECTS.getByName(params.projectId).complete(params.runId);
    return charged;
  });
  return result;
}

function roleStep(env: Env, params: RunParams, role: Role, attempt: number, prior: StepManifest[]): Promise<StepManifest> {
  const run = params.runId;
  return reportedRoleStep(env, params, role, attempt, async (room) => {
    const model = await modelForStep(env, params, (change) => room.modelSwitched(run, role, attempt, change));
    return followUpStep({
      env,
      projectId: params.projectId,
      runId: run,
      role,
      attempt,
      followUp: { kind: params.kind, text: params.idea },
      model,
      ctx: {
        step: role,
        model,
        batcher: new DeltaBatcher((text) => room.delta(run, role, attempt, text)),
        usage: { promptTokens: 0, completionTokens: 0 },
      },
      prior,
      report: (problems) => room.reportProblems(run, role, attempt, problems),
      saveAnswer: (answer) => room.saveAnswer(run, role, attempt, answer),
      rename: (name) => room.rename(name),
    });
  });
}

/**
 * The ZIP of the project as the run leaves it, when the run changed anything, and the git history
 * published with the run's commits (one per step that changed something; none when it changed
 * nothing, and then the run ends at the commit before it).
 */
async function packageRun(env: Env, params: RunParams, changed: number): Promise<PackageResult> {
  const room = env.PROJECTS.getByName(params.projectId);
  const files = await room.currentFiles(params.runId);
  // As in a generation: before the run completes, and never failing a paid run (the first clone publishes instead).
  await publishHistory(env, params.projectId, params.runId).catch((err: unknown) =>
    log("step", { project: params.projectId, run: params.runId, role: "package", outcome: "error", detail: `git: ${errorText(err)}` }),
  );
  if (changed === 0) {
    log("step", { project: params.projectId, run: params.runId, role: "package", outcome: "no_changes" });
    return { key: null, size: 0, files: files.length };
  }
  const entries = await Promise.all(
    files.map(async (f) => ({ path: f.path, bytes: await getBlob(env.ARTIFACTS, params.projectId, f.sha256) })),
  );
  const zip = await buildZip(entries);
  const key = zipKey(runLocation(params));
  await env.ARTIFACTS.put(key, zip, { httpMetadata: { contentType: "application/zip" } });
  log("step", { project: params.projectId, run: params.runId, role: "package", outcome: "done", bytes: zip.byteLength, changed });
  return { key, size: zip.byteLength, files: files.length };
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "unknown error";
}
