import { FileStreamParser } from "../files/parser";
import type { ParsedFile } from "../files/parser";
import { LIMITS, UnsafeOutputError, checkFileSize, checkProjectTotals, safePath } from "../files/limits";
import { getBlob, mergeManifests, putBlob } from "../files/storage";
import type { ManifestFile, StepManifest } from "../files/storage";
import type { Model, ModelEvent, ProducedFile, RoleTask, SourceFile } from "../models/model";
import { PLAN_PATH, planSchema } from "../plan";
import type { Plan } from "../plan";
import { parsePlan } from "./architect";
import { DeltaBatcher } from "./delta-batcher";
import { extractExports } from "./exports";
import { buildRequest } from "./prompts";
import type { Role } from "./roles";

/** What a role step reports to the project's room while it works. */
export interface RoleReporter {
  delta(text: string): Promise<void>;
  file(file: { path: string; size: number; sha256: string }): Promise<void>;
}

export interface RoleRun {
  role: Role;
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

/** The model's output ended before it finished a file or said it was done. Worth a retry. */
export class TruncatedOutputError extends Error {
  override readonly name = "TruncatedOutputError";
}

/**
 * Runs one role: builds its task from the plan and what earlier roles wrote, streams the model's
 * answer to the viewers, and stores each file in R2 the moment its block closes. Returns the
 * step's manifest; the caller persists it and reports the step done.
 */
export async function runRole(run: RoleRun): Promise<StepManifest> {
  const task = await buildTask(run);
  const request = buildRequest(task);
  const batcher = new DeltaBatcher((text) => run.reporter.delta(text));
  const writer = new FileWriter(run);
  const parser = run.role === "architect" ? null : new FileStreamParser();
  let text = "";
  let finished: Extract<ModelEvent, { type: "done" }> | undefined;

  for await (const event of run.model.stream(request)) {
    if (event.type === "done") {
      finished = event;
      continue;
    }
    if (!parser) text += event.text;
    await batcher.push(event.text);
    for (const file of parser?.push(event.text) ?? []) await writer.write(file);
  }
  await batcher.flush();
  for (const file of parser?.end() ?? []) {
    if (!file.complete) throw new TruncatedOutputError(`the ${run.role} output ended inside ${file.path}`);
    await writer.write(file);
  }
  if (!finished) throw new TruncatedOutputError(`the ${run.role} output stream ended without finishing`);
  if (finished.finishReason === "length") {
    throw new TruncatedOutputError(`the ${run.role} output was cut off at the model's length limit`);
  }

  if (run.role === "architect") {
    const plan = parsePlan(text);
    if (run.projectName) plan.name = run.projectName;
    await writer.write({ path: PLAN_PATH, content: `${JSON.stringify(plan, null, 2)}\n`, complete: true });
  }
  if (writer.files.size === 0) throw new TruncatedOutputError(`the ${run.role} role wrote no files`);

  return {
    role: run.role,
    model: run.model.name,
    attempt: run.attempt,
    files: [...writer.files.values()],
    usage: finished.usage,
    finishedAt: new Date().toISOString(),
  };
}

/** The plan, as the architect's step stored it. */
export async function loadPlan(bucket: R2Bucket, projectId: string, prior: readonly StepManifest[]): Promise<Plan> {
  const file = mergeManifests(prior).get(PLAN_PATH);
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
  }
  return task;
}

/** Checks each file against the limits, stores it content-addressed, and reports it. */
class FileWriter {
  readonly files = new Map<string, ManifestFile>();
  private readonly sizes: Map<string, number>;

  constructor(private readonly run: RoleRun) {
    this.sizes = new Map([...mergeManifests(run.prior)].map(([path, f]) => [path, f.size]));
  }

  async write(file: ParsedFile): Promise<void> {
    const path = safePath(file.path);
    const bytes = new TextEncoder().encode(file.content);
    checkFileSize(path, bytes.byteLength);
    this.sizes.set(path, bytes.byteLength);
    checkProjectTotals(this.sizes);
    if (this.files.size >= LIMITS.maxFiles) {
      throw new UnsafeOutputError("too_many_files", `the ${this.run.role} role wrote more than ${LIMITS.maxFiles} files`);
    }
    const sha256 = await putBlob(this.run.bucket, this.run.projectId, bytes);
    this.files.set(path, { path, size: bytes.byteLength, sha256, exports: extractExports(path, file.content) });
    await this.run.reporter.file({ path, size: bytes.byteLength, sha256 });
  }
}
