/**
 * The editor step of an edit or fix run: asks the model for the change, applies it to a copy of the
 * project, and only then hands back what changed. Search/replace blocks that do not apply go back
 * to the model once with the reasons; what still does not apply is asked for as whole files. If
 * that fails too the step fails and nothing is applied: a run's files change together or not at
 * all. What it wrote must parse; what does not is asked for once more and then reported.
 */
import { safePath } from "../files/limits";
import type { SourceFile } from "../files/source-file";
import type { FollowUpTask, ModelName } from "../models/model";
import { PLAN_PATH } from "../plan";
import { checkSyntax } from "../validate/syntax";
import { answer, parseEditorAnswer } from "./answer";
import { EditNotAppliedError } from "./errors";
import type { AnswerContext, EditorAnswer } from "./answer";
import { editorRequest, repairEditRequest, retryBlocksRequest, wholeFilesRequest } from "./prompts";
import type { EditFormat } from "./prompts";
import { applyBlock } from "./search-replace";
import type { BlockFailure } from "./search-replace";

export { EditNotAppliedError } from "./errors";

export interface EditOutcome {
  /** Changed or added paths, with their new contents; every other file stays byte-identical. */
  changed: Map<string, string>;
  /** Files the editor wrote that still do not parse after one repair. */
  problems: Array<{ path: string; message: string }>;
  /** How many answers it took: 1, or more with re-asks and repairs (for the logs). */
  answers: number;
}

/** Open models rewrite whole files; OpenAI and Anthropic quote exactly enough to answer in blocks. */
export function editFormat(model: ModelName): EditFormat {
  return model === "openai" || model === "anthropic" ? "blocks" : "whole";
}

const toSources = (files: ReadonlyMap<string, string>): SourceFile[] => [...files].map(([path, content]) => ({ path, content }));

/** Applies one answer to `staged`: whole files first, then blocks. Returns the blocks that failed and the paths it resolved. */
function applyAnswer(staged: Map<string, string>, reply: EditorAnswer): { failures: BlockFailure[]; touched: Set<string> } {
  const touched = new Set<string>();
  for (const file of reply.files) {
    const path = safePath(file.path);
    // The plan is the architect's; models echo it back because the prompt shows it.
    if (path === PLAN_PATH) continue;
    staged.set(path, file.content);
    touched.add(path);
  }
  const failures: BlockFailure[] = [];
  for (const block of reply.blocks) {
    const path = safePath(block.path);
    if (path === PLAN_PATH) continue;
    const outcome = applyBlock(staged.get(path), { ...block, path });
    if ("reason" in outcome) {
      failures.push(outcome);
      continue;
    }
    staged.set(path, outcome.content);
    touched.add(path);
  }
  return { failures, touched };
}

export async function runEditor(ctx: AnswerContext, task: FollowUpTask, format: EditFormat): Promise<EditOutcome> {
  const current = new Map(task.files.map((file) => [file.path, file.content]));
  const staged = new Map(current);
  const request = editorRequest(task, format);
  const first = await answer(ctx, request);
  let answers = 1;
  const reply = parseEditorAnswer(first);
  if (reply.noChanges) return { changed: new Map(), problems: [], answers };

  let { failures } = applyAnswer(staged, reply);
  if (failures.length > 0) {
    const pending = new Set(failures.map((failure) => failure.path));
    const second = await answer(ctx, retryBlocksRequest(request, first, failures, toSources(staged)));
    answers++;
    const retried = applyAnswer(staged, parseEditorAnswer(second));
    // A path is settled once the second answer changed it with no block of it failing again.
    const failedAgain = new Set(retried.failures.map((failure) => failure.path));
    for (const path of retried.touched) if (!failedAgain.has(path)) pending.delete(path);
    for (const path of failedAgain) pending.add(path);
    failures = retried.failures;
    if (pending.size > 0) {
      const paths = [...pending];
      const whole = parseEditorAnswer(await answer(ctx, wholeFilesRequest(task, paths, toSources(staged))));
      answers++;
      const rewritten = applyAnswer(staged, { files: whole.files, blocks: [], noChanges: false });
      const missing = paths.filter((path) => !rewritten.touched.has(path));
      if (missing.length > 0) throw new EditNotAppliedError(missing);
    }
  }

  const changed = (): Map<string, string> => new Map([...staged].filter(([path, content]) => current.get(path) !== content));
  let problems = syntaxProblems(changed());
  if (problems.length > 0) {
    const repaired = parseEditorAnswer(await answer(ctx, repairEditRequest(task, problems, toSources(changed()))));
    answers++;
    const wanted = new Set(problems.map((problem) => problem.path));
    applyAnswer(staged, { files: repaired.files.filter((file) => wanted.has(file.path)), blocks: [], noChanges: false });
    problems = syntaxProblems(changed());
  }
  return { changed: changed(), problems, answers };
}

function syntaxProblems(files: ReadonlyMap<string, string>): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [path, content] of files) {
    const error = checkSyntax(path, content);
    if (error) problems.push({ path, message: `does not parse: ${error}` });
  }
  return problems;
}
