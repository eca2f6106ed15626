import { WorkflowEntrypoint } from "cloudflare:workers";
import type { WorkflowEvent, WorkflowStep } from "cloudflare:workers";
import { log } from "../../workers/lib/log";
import { BILLING_STEP, OutOfCreditsError, chargeCredits, meterCredits, reserveCredits, runKey, settleUnfinishedRun } from "./billing-steps";
import { getBlob, mergeManifests, zipKey } from "../files/storage";
import type { StepManifest } from "../files/storage";
import { buildZip } from "../files/zip";
import { publishHistory } from "../git/publish";
import { modelForStep } from "../models/step-model";
import { ROLES } from "../../shared/roles";
import type { GenerationRole } from "../../shared/roles";
import { isFollowUpKind, rolesFor } from "../../shared/runs";
import { runFollowUp } from "./follow-up";
import type { Progress } from "./follow-up";
import { reportedRoleStep } from "./role-step";
import { STEP_CONFIG } from "./step-config";
import type { PackageResult } from "./step-config";
import { loadPlan, runRole } from "../roles/run-role";
import { runLocation, runParams } from "./params";
import type { GenerateParams, StoredParams } from "./params";

/** A run's params as the steps use them: `legacy` for instances started before runs existed. */
type RunParams = GenerateParams & { legacy: boolean };

/**
 * Runs one run of a project (`params.runId`; the instance id is `workflowInstanceId` in
 * shared/runs.ts). A generation builds a project: the five roles as durable steps, in order, then
 * `package` (the ZIP) and `charge`; an edit, a fix or an explanation runs its own steps
 * (follow-up.ts). Each step returns only its manifest; file contents live in R2. Calls to the
 * project's room are idempotent, because a step may be retried and `run()` replays after a restart.
 *
 * The room hears that the run ended only after its credits are settled (`charge` marks it
 * completed, `settle` comes before `fail`), so a finished run never has credits held: a run that
 * stops between the two still looks unfinished, and the healer (workers/runs/heal.ts) sees it.
 */
export class GenerateApp extends WorkflowEntrypoint<Env, StoredParams> {
  override async run(event: WorkflowEvent<StoredParams>, step: WorkflowStep): Promise<PackageResult> {
    const params = runParams(event.payload);
    const room = this.env.PROJECTS.getByName(params.projectId);
    const manifests: StepManifest[] = [];
    const progress: Progress = { current: rolesFor(params.kind)[0] ?? "architect" };
    try {
      const reserved = await step.do("reserve", BILLING_STEP, () => reserveCredits(this.env, params));
      if (!reserved.ok) throw new OutOfCreditsError(reserved.failure);
      const kind = params.kind;
      if (isFollowUpKind(kind)) return await runFollowUp(this.env, step, { ...params, kind }, progress);
      for (const role of ROLES) {
        progress.current = role;
        const prior = [...manifests];
        manifests.push(await step.do(role, STEP_CONFIG[role], (ctx) => this.roleStep(params, role, ctx.attempt, prior)));
        const done = [...manifests];
        const metered = await step.do(`meter-${role}`, BILLING_STEP, () => meterCredits(this.env, params, done));
        if (!metered.ok) throw new OutOfCreditsError(metered.failure);
      }
      progress.current = "package";
      const prior = [...manifests];
      const result = await step.do("package", STEP_CONFIG.package, () => this.packageStep(params, prior));
      progress.current = "charge";
      await step.do("charge", BILLING_STEP, async () => {
        const charged = await chargeCredits(this.env, params, prior);
        await room.complete(params.runId);
        return charged;
      });
      return result;
    } catch (err) {
      const current = progress.current;
      const role = current === "package" || current === "charge" ? undefined : current;
      const message =
        current === "package"
          ? "packaging the ZIP failed"
          : current === "charge"
            ? "charging the credits failed"
            : `the ${current} step failed`;
      // Out of credits is reported as such; the run already paid what its balance covered.
      const failure = err instanceof OutOfCreditsError ? err.failure : { ...(role ? { role } : {}), code: "step_failed", message };
      // Settled first: the finished roles are paid for, the rest of the hold released, and the
      // run stops counting against the account's concurrent limit whether or not the room answers.
      await step.do("settle", BILLING_STEP, () => settleUnfinishedRun(this.env, params.accountId, runKey(params)));
      try {
        await room.fail(params.runId, failure);
      } catch (failErr) {
        log("workflow", {
          project: params.projectId,
          run: params.runId,
          step: current,
          outcome: "error",
          detail: `room.fail: ${errorText(failErr)}`,
        });
      }
      log("workflow", { project: params.projectId, run: params.runId, step: current, outcome: "failed", detail: errorText(err) });
      throw err;
    }
  }

  private roleStep(params: RunParams, role: GenerationRole, attempt: number, prior: StepManifest[]): Promise<StepManifest> {
    const run = params.runId;
    return reportedRoleStep(this.env, params, role, attempt, async (room) => {
      const manifest = await runRole({
        role,
        projectId: params.projectId,
        idea: params.idea,
        ...(params.projectName ? { projectName: params.projectName } : {}),
        attempt,
        model: await modelForStep(this.env, params, (change) => room.modelSwitched(run, role, attempt, change)),
        bucket: this.env.ARTIFACTS,
        prior,
        reporter: {
          delta: (text) => room.delta(run, role, attempt, text),
          file: (file) => room.fileWritten(run, role, attempt, file),
          problems: (problems) => room.reportProblems(run, role, attempt, problems),
        },
      });
      if (role === "architect" && !params.projectName) await this.nameFromPlan(params, manifest);
      return manifest;
    });
  }

  private async nameFromPlan(params: GenerateParams, manifest: StepManifest): Promise<void> {
    const plan = await loadPlan(this.env.ARTIFACTS, params.projectId, [manifest]);
    await this.env.PROJECTS.getByName(params.projectId).rename(plan.name);
  }

  private async packageStep(params: RunParams, manifests: StepManifest[]): Promise<PackageResult> {
    const started = Date.now();
    const files = [...mergeManifests(manifests).values()];
    const entries = await Promise.all(
      files.map(async (f) => ({ path: f.path, bytes: await getBlob(this.env.ARTIFACTS, params.projectId, f.sha256) })),
    );
    const zip = await buildZip(entries);
    const key = zipKey(runLocation(params));
    await this.env.ARTIFACTS.put(key, zip, { httpMetadata: { contentType: "application/zip" } });
    // Before the run completes (in the charge step), so the clone command in the final chat message
    // works at once. A failure here must not fail a paid run: the first clone publishes instead.
    await publishHistory(this.env, params.projectId, params.runId).catch((err: unknown) =>
      log("step", { project: params.projectId, run: params.runId, role: "package", outcome: "error", detail: `git: ${errorText(err)}` }),
    );
    log("step", {
      project: params.projectId,
      run: params.runId,
      role: "package",
      outcome: "done",
      ms: Date.now() - started,
      bytes: zip.byteLength,
    });
    return { key, size: zip.byteLength, files: files.length };
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "unknown error";
}
