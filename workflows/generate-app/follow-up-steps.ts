/**
 * The bodies of a follow-up run's steps (an edit, a fix, an explanation). Each reads the project
 * as the run stands (inherited files plus what its earlier steps wrote), asks its model, and
 * writes only what changed, after the model's last answer: a step that fails has applied nothing.
 */
import type { ProjectProblem, RunAnswer } from "../../shared/protocol";
import type { Role } from "../../shared/roles";
import { selectSources } from "../edits/context";
import { editFormat, runEditor } from "../edits/editor";
import { MissingPlanFileError } from "../edits/errors";
import { explain } from "../edits/explain";
import { updatePlan } from "../edits/plan-update";
import { reaudit } from "../edits/reaudit";
import type { SourceFile } from "../files/source-file";
import { getBlob } from "../files/storage";
import type { StepManifest } from "../files/storage";
import type { FollowUp, FollowUpTask, Model } from "../models/model";
import { PLAN_PATH, planFileContent, planSchema } from "../plan";
import type { Plan } from "../plan";
import type { AnswerContext } from "../edits/answer";
import { FileWriter } from "../roles/file-writer";

export interface FollowUpStepInput {
  env: Env;
  projectId: string;
  runId: string;
  role: Role;
  attempt: number;
  followUp: FollowUp;
  model: Model;
  ctx: AnswerContext;
  /** Manifests of this run's steps that already finished. */
  prior: readonly StepManifest[];
  /** Problems still open after the step (only the editor reports any). */
  report: (problems: ProjectProblem[]) => Promise<void>;
  saveAnswer: (answer: RunAnswer) => Promise<void>;
  rename: (name: string) => Promise<void>;
}

/** Every file of the run as it stands now, with its content. */
async function loadProject(input: FollowUpStepInput): Promise<SourceFile[]> {
  const stored = await input.env.PROJECTS.getByName(input.projectId).currentFiles(input.runId);
  const decoder = new TextDecoder();
  return Promise.all(
    stored.map(async (file) => ({
      path: file.path,
      content: decoder.decode(await getBlob(input.env.ARTIFACTS, input.projectId, file.sha256)),
    })),
  );
}

function planOf(files: readonly SourceFile[]): Plan {
  const file = files.find((item) => item.path === PLAN_PATH);
  if (!file) throw new MissingPlanFileError();
  try {
    return planSchema.parse(JSON.parse(file.content));
  } catch {
    throw new MissingPlanFileError();
  }
}

function writerFor(input: FollowUpStepInput, files: readonly SourceFile[]): FileWriter {
  const room = input.env.PROJECTS.getByName(input.projectId);
  // The files the run inherited count towards the project's limits, as a generation's earlier roles do.
  const base: StepManifest = {
    role: "architect",
    model: "",
    attempt: 0,
    files: files.map((file) => ({ path: file.path, size: new TextEncoder().encode(file.content).byteLength, sha256: "", exports: [] })),
    usage: { promptTokens: 0, completionTokens: 0 },
    finishedAt: "",
  };
  return new FileWriter({
    role: input.role,
    projectId: input.projectId,
    bucket: input.env.ARTIFACTS,
    prior: [base],
    reporter: { file: (file) => room.fileWritten(input.runId, input.role, input.attempt, file) },
  });
}

async function writeAll(writer: FileWriter, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, content] of files) await writer.write({ path, content, complete: true });
}

async function idea(input: FollowUpStepInput): Promise<string> {
  return (await input.env.PROJECTS.getByName(input.projectId).read())?.view.prompt ?? "";
}

/** Architect: a new plan when the change needs one, else nothing. A new name renames the project. */
async function architect(input: FollowUpStepInput): Promise<FileWriter> {
  const files = await loadProject(input);
  const plan = planOf(files);
  const writer = writerFor(input, files);
  const next = await updatePlan(input.ctx, { role: "architect", idea: await idea(input), plan, produced: [], followUp: input.followUp });
  if (next) {
    await writer.write({ path: PLAN_PATH, content: planFileContent(next), complete: true });
    if (next.name !== plan.name) await input.rename(next.name);
  }
  return writer;
}

/** Editor: the change, seeing the files it concerns; only changed files are written. */
async function editor(input: FollowUpStepInput): Promise<FileWriter> {
  const files = await loadProject(input);
  const plan = planOf(files);
  const task: FollowUpTask = { role: "editor", followUp: input.followUp, plan, files, shown: selectSources(input.followUp, plan, files) };
  const outcome = await runEditor(input.ctx, task, editFormat(input.model.name));
  const writer = writerFor(input, files);
  await writeAll(writer, outcome.changed);
  await input.report(outcome.problems.map((problem) => ({ role: "editor", kind: "invalid_file", ...problem })));
  return writer;
}

/** Security: re-audits what the editor changed; with no change there is nothing to audit or ask. */
async function security(input: FollowUpStepInput): Promise<FileWriter> {
  const changed = input.prior
    .filter((manifest) => manifest.role === "editor")
    .flatMap((manifest) => manifest.files.map((file) => file.path));
  if (changed.length === 0) return writerFor(input, []);
  const files = await loadProject(input);
  const writer = writerFor(input, files);
  const plan = planOf(files);
  const outcome = await reaudit(input.ctx, { idea: await idea(input), plan, followUp: input.followUp, files, changed, label: input.runId });
  await writeAll(writer, outcome.changed);
  return writer;
}

/** Explainer: the answer, stored with the run; no file changes. */
async function explainer(input: FollowUpStepInput): Promise<FileWriter> {
  const files = await loadProject(input);
  const plan = planOf(files);
  const task: FollowUpTask = {
    role: "explainer",
    followUp: input.followUp,
    plan,
    files,
    shown: selectSources(input.followUp, plan, files),
  };
  const answer = await explain(input.ctx, task);
  await input.saveAnswer(answer);
  return writerFor(input, files);
}

const STEPS: Partial<Record<Role, (input: FollowUpStepInput) => Promise<FileWriter>>> = { architect, editor, security, explainer };

/** Runs the role's part of a follow-up run; returns its manifest (possibly with no files). */
export async function followUpStep(input: FollowUpStepInput): Promise<StepManifest> {
  const body = STEPS[input.role];
  if (!body) throw new Error(`no follow-up step for the ${input.role} role`);
  const writer = await body(input);
  return {
    role: input.role,
    model: input.model.name,
    attempt: input.attempt,
    files: [...writer.files.values()],
    usage: input.ctx.usage,
    finishedAt: new Date().toISOString(),
  };
}
