/**
 * What the model is asked in a follow-up run: the architect whether the plan must change, the
 * editor for the change itself (search/replace blocks or whole files, by provider), the security
 * role to re-audit what changed, and the explainer to answer a question about the code.
 */
import { FILE_FORMAT_INSTRUCTIONS } from "../files/format";
import type { SourceFile } from "../files/source-file";
import type { FollowUp, FollowUpTask, ModelRequest, RoleTask } from "../models/model";
import { PLAN_PATH } from "../plan";
import type { Plan } from "../plan";
import { findingsForPrompt } from "../security/scanner";
import type { BlockFailure } from "./search-replace";
import { describeFailure } from "./search-replace";

/** How the editor writes: whole files (open models), or search/replace blocks and whole files. */
export type EditFormat = "whole" | "blocks";

/** What a model answers when the request needs no file changed; the editor then ends with "no changes". */
export const NO_CHANGES = "NO CHANGES";
/** What the architect answers when the plan stays as it is. */
export const NO_PLAN_CHANGE = "NO PLAN CHANGE";

export const FOLLOW_UP_OUTPUT_TOKENS = { architect: 4_000, editor: 16_000, security: 12_000, explainer: 4_000 } as const;

const BLOCK_FORMAT = [
  "Change existing files with SEARCH/REPLACE blocks, each under the file's path, of this exact form:",
  "path/to/file.ext",
  "<<<<<<< SEARCH",
  "the lines as they are now, copied exactly",
  "=======",
  "the lines as they should be",
  ">>>>>>> REPLACE",
  "The SEARCH part must match the current file exactly once: include enough surrounding lines to make it unique.",
  "To add a new file, use an empty SEARCH part. To rewrite a whole file, you may instead write it complete:",
  FILE_FORMAT_INSTRUCTIONS,
].join("\n");

const WHOLE_FORMAT = [
  "Write the complete new content of every file you change or add, and nothing for files that stay the same.",
  FILE_FORMAT_INSTRUCTIONS,
].join("\n");

const EDITOR_SYSTEM = [
  "You are the editor of AUTOCREA, an app factory. The project below already exists; change it exactly as",
  "the user asks, touching only what the change needs, keeping its style, language and structure.",
  "Keep the project runnable: its tests must still pass, so update or add tests for what you change.",
  `Never write ${PLAN_PATH}: the architect owns the plan, shown below as it now stands.`,
  `If nothing needs to change, answer ${NO_CHANGES} and nothing else.`,
].join("\n");

const FIX_INTRO = "The user reports this problem (error output or a description). Find its cause in the code and fix it:";

function plan(plan: Plan): string {
  return `Plan (${PLAN_PATH}):\n${JSON.stringify(plan, null, 2)}`;
}

function fileList(files: readonly SourceFile[]): string {
  return `Every file in the project:\n${files.map((file) => `- ${file.path} (${new TextEncoder().encode(file.content).byteLength} bytes)`).join("\n")}`;
}

function contents(files: readonly SourceFile[], paths: readonly string[], heading: string): string {
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const shown = paths.flatMap((path) => {
    const content = byPath.get(path);
    return content === undefined ? [] : [`<file path="${path}">\n${content.endsWith("\n") ? content : `${content}\n`}</file>`];
  });
  return shown.length > 0 ? `${heading}\n${shown.join("\n")}` : `${heading}\n(none)`;
}

function ask(followUp: FollowUp): string {
  switch (followUp.kind) {
    case "edit":
      return `Change requested:\n${followUp.text}`;
    case "fix":
      return `${FIX_INTRO}\n${followUp.text}`;
    case "explain":
      return `Question:\n${followUp.text}`;
  }
}

export function editorRequest(task: FollowUpTask, format: EditFormat): ModelRequest {
  return {
    task,
    system: `${EDITOR_SYSTEM}\n\n${format === "blocks" ? BLOCK_FORMAT : WHOLE_FORMAT}`,
    prompt: [
      ask(task.followUp),
      plan(task.plan),
      fileList(task.files),
      contents(task.files, task.shown, "Current contents of the files that concern the change:"),
    ].join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.editor,
  };
}

/** Once more, for the blocks that did not apply, with why and the files as they now stand. */
export function retryBlocksRequest(
  request: ModelRequest,
  previous: string,
  failures: readonly BlockFailure[],
  files: readonly SourceFile[],
): ModelRequest {
  const paths = [...new Set(failures.map((failure) => failure.path))];
  return {
    ...request,
    prompt: [
      request.prompt,
      `Your previous answer was:\n${previous.slice(0, 12_000)}`,
      `These blocks could not be applied:\n${failures.map((failure) => `- ${describeFailure(failure)}`).join("\n")}`,
      contents(files, paths, "The files as they are now, with your other blocks applied:"),
      "Answer again with corrected SEARCH/REPLACE blocks for exactly these changes (copy the SEARCH lines from the files above), or write those files complete. Do not repeat the blocks that applied.",
    ].join("\n\n"),
  };
}

/** The last resort for blocks that would not apply: the whole file, with the change made. */
export function wholeFilesRequest(task: FollowUpTask, paths: readonly string[], files: readonly SourceFile[]): ModelRequest {
  return {
    task,
    system: `${EDITOR_SYSTEM}\n\n${WHOLE_FORMAT}`,
    prompt: [
      ask(task.followUp),
      plan(task.plan),
      fileList(files),
      contents(files, paths, "Current contents of the files to rewrite:"),
      `Write the complete new version of each of these files, with the change made: ${paths.join(", ")}.`,
    ].join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.editor,
  };
}

/** What the editor wrote that does not parse, asked for again whole. */
export function repairEditRequest(
  task: FollowUpTask,
  problems: ReadonlyArray<{ path: string; message: string }>,
  files: readonly SourceFile[],
): ModelRequest {
  const paths = problems.map((problem) => problem.path);
  return {
    task,
    system: `${EDITOR_SYSTEM}\n\n${WHOLE_FORMAT}`,
    prompt: [
      ask(task.followUp),
      plan(task.plan),
      contents(files, paths, "Files you changed:"),
      `They do not parse:\n${problems.map((problem) => `- ${problem.path}: ${problem.message}`).join("\n")}`,
      "Write complete, corrected versions of exactly these files now, in the same file format, and nothing else.",
    ].join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.editor,
  };
}

const ARCHITECT_SYSTEM = [
  "You are the architect of AUTOCREA. A project was built from the plan below; the user now asks for a change.",
  "Decide whether the change needs a different plan: new, removed or renamed entities or fields, other field types",
  "or required flags, new routes or pages, another name. If it does, answer with the complete updated plan as ONE",
  "JSON object with exactly the same keys as the current one, and nothing else. If it does not (a bug, styling,",
  `wording, behaviour inside the existing routes), answer exactly ${NO_PLAN_CHANGE} and nothing else.`,
].join("\n");

export function planUpdateRequest(task: RoleTask & { plan: Plan; followUp: FollowUp }): ModelRequest {
  return {
    task,
    system: ARCHITECT_SYSTEM,
    prompt: [`The project's idea: ${task.idea}`, ask(task.followUp), `Current ${plan(task.plan)}`].join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.architect,
  };
}

const REAUDIT_SYSTEM = [
  "You are the security auditor of AUTOCREA. An edit just changed the files below; re-audit only these.",
  "For each real problem (injection, unsafe HTML, secrets, missing validation, unsafe defaults), write a complete",
  "fixed version of the file under the same path. Change nothing else. If nothing needs fixing, write no files and",
  "say so in one line.",
  FILE_FORMAT_INSTRUCTIONS,
].join("\n");

export function reauditRequest(task: RoleTask & { plan: Plan; changed: string[] }): ModelRequest {
  const sources = task.sources ?? [];
  return {
    task,
    system: REAUDIT_SYSTEM,
    prompt: [
      task.followUp ? ask(task.followUp) : "",
      findingsForPrompt(task.findings ?? []),
      contents(sources, task.changed, "Files the edit changed:"),
      `Other files in the project (not to audit now): ${sources
        .map((file) => file.path)
        .filter((path) => !task.changed.includes(path))
        .join(", ")}`,
    ]
      .filter((part) => part !== "")
      .join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.security,
  };
}

const EXPLAINER_SYSTEM = [
  "You are the explainer of AUTOCREA. Answer the user's question about the project below, from its plan and its",
  "code, in the language of the question, in a few short paragraphs or a list. Name every file you rely on by its",
  "path in backticks (`src/server.js`). Say so when the files shown do not answer the question. Change nothing.",
].join("\n");

export function explainRequest(task: FollowUpTask): ModelRequest {
  return {
    task,
    system: EXPLAINER_SYSTEM,
    prompt: [
      ask(task.followUp),
      plan(task.plan),
      fileList(task.files),
      contents(task.files, task.shown, "Files that concern the question:"),
    ].join("\n\n"),
    maxOutputTokens: FOLLOW_UP_OUTPUT_TOKENS.explainer,
  };
}
