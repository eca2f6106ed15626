/**
 * Streams one model answer of a follow-up step to the viewers and returns its text, and reads an
 * editor's answer: whole files in the `<file>` format (or the other shapes the parser accepts),
 * search/replace blocks, or "no changes". A file block that carries search/replace markers is a
 * wrapper for blocks, never a file's new content.
 */
import { parseFiles } from "../files/parser";
import type { ParsedFile } from "../files/parser";
import type { Model, ModelEvent, ModelRequest, ModelUsage } from "../models/model";
import type { DeltaBatcher } from "../roles/delta-batcher";
import { TruncatedOutputError } from "../roles/stream-pass";
import { NO_CHANGES } from "./prompts";
import { parseEditBlocks } from "./search-replace";
import type { EditBlock } from "./search-replace";

export interface AnswerContext {
  /** Who answers, for error messages: the editor, the explainer, ... */
  step: string;
  model: Model;
  batcher: DeltaBatcher;
  /** Summed over every answer of the step, from the provider's own counts. */
  usage: ModelUsage;
}

/** One answer, streamed to the viewers as it arrives. A cut-off answer is an error worth a retry. */
export async function answer(ctx: AnswerContext, request: ModelRequest): Promise<string> {
  let text = "";
  let finished: Extract<ModelEvent, { type: "done" }> | undefined;
  for await (const event of ctx.model.stream(request)) {
    if (event.type === "done") {
      finished = event;
      continue;
    }
    text += event.text;
    await ctx.batcher.push(event.text);
  }
  await ctx.batcher.flush();
  if (!finished) throw new TruncatedOutputError(`the ${ctx.step}'s answer ended before it finished`);
  ctx.usage.promptTokens += finished.usage.promptTokens;
  ctx.usage.completionTokens += finished.usage.completionTokens;
  if (finished.finishReason === "length")
    throw new TruncatedOutputError(`the ${ctx.step}'s answer was cut off at the model's length limit`);
  return text;
}

export interface EditorAnswer {
  /** Complete new contents, by the path the model gave (not yet checked). */
  files: ParsedFile[];
  blocks: EditBlock[];
  /** The model said nothing needs to change, and wrote nothing. */
  noChanges: boolean;
}

const MARKER = /^<{5,9} ?SEARCH\s*$/m;

export function parseEditorAnswer(text: string): EditorAnswer {
  const blocks = parseEditBlocks(text);
  const files = parseFiles(text).filter((file) => file.complete && !MARKER.test(file.content));
  const noChanges = files.length === 0 && blocks.length === 0 && new RegExp(`^\\s*${NO_CHANGES}\\.?\\s*$`, "m").test(text);
  return { files, blocks, noChanges };
}
