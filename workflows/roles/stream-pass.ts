import { FileStreamParser } from "../files/parser";
import type { Model, ModelEvent, ModelRequest, ModelUsage } from "../models/model";
import type { DeltaBatcher } from "./delta-batcher";
import type { FileWriter } from "./file-writer";
import type { Role } from "../../shared/roles";

/** The model's output ended before it finished a file or said it was done. Worth a retry. */
export class TruncatedOutputError extends Error {
  override readonly name = "TruncatedOutputError";
}

export interface PassContext {
  role: Role;
  model: Model;
  batcher: DeltaBatcher;
  writer: FileWriter;
  /** Summed over every pass of the step, from the provider's own counts. */
  usage: ModelUsage;
}

/**
 * One model answer: streamed to the viewers (batched), and, when `files` is set, parsed as it
 * arrives so each file is stored the moment its block closes. Continuations and resumed streams
 * arrive already spliced, so the parser sees one stream. Returns the whole text.
 */
export async function streamPass(ctx: PassContext, request: ModelRequest, files: boolean): Promise<string> {
  const parser = files ? new FileStreamParser() : null;
  let text = "";
  let finished: Extract<ModelEvent, { type: "done" }> | undefined;
  for await (const event of ctx.model.stream(request)) {
    if (event.type === "done") {
      finished = event;
      continue;
    }
    text += event.text;
    await ctx.batcher.push(event.text);
    for (const file of parser?.push(event.text) ?? []) await ctx.writer.write(file);
  }
  await ctx.batcher.flush();
  for (const file of parser?.end() ?? []) {
    if (!file.complete) throw new TruncatedOutputError(`the ${ctx.role} output ended inside ${file.path}`);
    await ctx.writer.write(file);
  }
  if (!finished) throw new TruncatedOutputError(`the ${ctx.role} output stream ended without finishing`);
  ctx.usage.promptTokens += finished.usage.promptTokens;
  ctx.usage.completionTokens += finished.usage.completionTokens;
  if (finished.finishReason === "length") {
    throw new TruncatedOutputError(`the ${ctx.role} output was still cut off at the model's length limit after continuing it`);
  }
  return text;
}
