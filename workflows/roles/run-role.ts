import { getBlob, mergeManifests } from "../files/storage";
import type { StepManifest } from "../files/storage";
import type { SourceFile } from "../files/source-file";
import type { Model, ModelRequest, ProducedFile, RoleTask } from "../models/model";
import { PLAN_PATH, planFileContent, planSchema } from "../plan";
import type { Plan } from "../plan";
import { scanSources } from "../security/scanner";
import type { ProjectProblem } from "../../shared/protocol";
import { InvalidPlanError, parsePlan } from "./architect";
import { AUDIT_PATH } from "../security/report";
import { auditWithScan } from "../security/audit-section";
import { DeltaBatcher } from "./delta-batcher";
import { FileWriter } from "./file-writer";
import { buildRequest } from "./prompts";
import { MAX_PLAN_REPAIRS, findProblems, replanRequest, repairRequest } from "./repair";
import type { GenerationRole } from "../../shared/roles";
import { TruncatedOutputError, streamPass } from "./stream-pass";
import type { PassContext } from "./stream-pass";

export { TruncatedOutputError } from "./stream-pass";

/** What a role step reports to the project's room while it works. */
export interface RoleReporter {
  delta(text: string): Promise<void>;
  file(file: { path: string; size: number; sha256: string }): Promise<void>;
  /** What is still wrong after the repair round (possibly nothing). */
  problems?(problems: ProjectProblem[]): Promise<void>;
}

export interface RoleRun {
  role: GenerationRole;
  projectId: string;
  idea: string;
  projectName?: string;
  attempt: number;
  model: Model;
  bucket: R2Bucket;
  reporter: RoleReporter;
  /** Manifests of the roles that already finished, in order. */
  prior: readonly StepManifest[];
}

/**
 * Runs one role: builds its task from the plan and what earlier roles wrote, streams the model's
 * answer to the viewers, and stores each file in R2 the moment its block closes. Then validates:
 * the architect's plan is re-asked with the schema's errors; other roles' files must parse and the
 * plan's files must exist, else they are requested once more, and what is still wrong is reported.
 * Returns the step's manifest; the caller persists it and reports the step done.
 */
export async function runRole(run: RoleRun): Promise<StepManifest> {
  const task = await buildTask(run);
  const request = buildRequest(task);
  const writer = new FileWriter(run);
  const ctx: PassContext = {
    role: run.role,
    model: run.model,
    batcher: new DeltaBatcher((text) => run.reporter.delta(text)),
    writer,
    usage: { promptTokens: 0, completionTokens: 0 },
  };

  if (run.role === "architect") {
    const plan = await planWithRepairs(ctx, request);
    if (run.projectName) plan.name = run.projectName;
    await writer.write({ path: PLAN_PATH, content: planFileContent(plan), complete: true });
  } else {
    // The report is completed with the scanner's section at the end: announce it once, finished.
    if (run.role === "security") writer.defer(AUDIT_PATH);
    await streamPass(ctx, request, true);
    if (writer.contents.size === 0) throw new TruncatedOutputError(`the ${run.role} role wrote no files`);
    const existing = new Set(mergeManifests(run.prior).keys());
    let problems = findProblems(run.role, task.plan, writer.contents, existing);
    if (problems.length > 0) {
      await streamPass(ctx, repairRequest(request, problems), true);
      problems = findProblems(run.role, task.plan, writer.contents, existing);
    }
    if (run.role === "security") await writeAudit(task, writer);
    await run.reporter.problems?.(problems);
  }
  if (writer.files.size === 0) throw new TruncatedOutputError(`the ${run.role} role wrote no files`);

  return {
    role: run.role,
    model: run.model.name,
    attempt: run.attempt,
    files: [...writer.files.values()],
    usage: ctx.usage,
    finishedAt: new Date().toISOString(),
  };
}

async function planWithRepairs(ctx: PassContext, request: ModelRequest): Promise<Plan> {
  let text = await streamPass(ctx, request, false);
  for (let repairs = 0; ; repairs++) {
    try {
      return parsePlan(text);
    } catch (err) {
      if (!(err instanceof InvalidPlanError) || repairs >= MAX_PLAN_REPAIRS) throw err;
      text = await streamPass(ctx, replanRequest(request, text, err.problems), false);
    }
  }
}

/** The auditor's report plus the scanner's before/after section, over the project as it now stands. */
async function writeAudit(task: RoleTask, writer: FileWriter): Promise<void> {
  const current = new Map((task.sources ?? []).map((s) => [s.path, s.content]));
  for (const [path, content] of writer.contents) current.set(path, content);
  const sources: SourceFile[] = [...current].map(([path, content]) => ({ path, content }));
  const content = auditWithScan(writer.contents.get(AUDIT_PATH), task.findings ?? [], sources, task.plan);
  await writer.write({ path: AUDIT_PATH, content, complete: true }, { now: true });
}

/** The plan, as the architect's step stored it. */
export async function loadPlan(bucket: R2Bucket, projectId: string, prior: readonly StepManifest[]): Promise<Plan> {
  const file = prior.find((m) => m.role === "architect")?.files.find((f) => f.path === PLAN_PATH);
  if (!file) throw new Error(`${PLAN_PATH} is missing: the architect step has not stored a plan`);
  const bytes = await getBlob(bucket, projectId, file.sha256);
  return planSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
}

async function buildTask(run: RoleRun): Promise<RoleTask> {
  const merged = mergeManifests(run.prior);
  const produced: ProducedFile[] = [...merged.values()].map((f) => ({
    path: f.path,
    role: f.role,
    size: f.size,
    exports: f.exports,
  }));
  const task: RoleTask = { role: run.role, idea: run.idea, produced };
  if (run.projectName) task.projectName = run.projectName;
  if (run.role === "architect") return task;
  task.plan = await loadPlan(run.bucket, run.projectId, run.prior);
  if (run.role === "security") {
    const decoder = new TextDecoder();
    task.sources = await Promise.all(
      [...merged.values()].map(
        async (f): Promise<SourceFile> => ({
          path: f.path,
          content: decoder.decode(await getBlob(run.bucket, run.projectId, f.sha256)),
        }),
      ),
    );
    task.findings = scanSources(task.sources);
  }
  return task;
}
