import { log } from "../../workers/lib/log";
import { ModelCallError } from "./errors";
import type { ProviderName } from "./errors";
import type { ModelEvent, ModelRequest, ModelUsage } from "./model";

/** Asked after the assistant's partial answer, so the model picks up where it stopped. */
export const CONTINUE_PROMPT = [
  "Your answer was cut off. Continue exactly where it stopped, from the next character.",
  "Do not repeat anything already written, do not restart the current file, and keep the same format.",
].join(" ");

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/** The conversation for a request, without the system prompt (providers place that differently). */
export function chatTurns(request: ModelRequest): ChatTurn[] {
  const turns: ChatTurn[] = [{ role: "user", content: request.prompt }];
  if (request.continuation) {
    turns.push({ role: "assistant", content: request.continuation }, { role: "user", content: CONTINUE_PROMPT });
  }
  return turns;
}

/** A streamed chunk in the OpenAI Chat Completions shape, which TGI and Inference Endpoints speak too. */
export interface ChatChunk {
  choices: Array<{ delta: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

/**
 * Text events from OpenAI-shaped chunks, then `done` with the usage the server counted (the final
 * chunk, with `stream_options.include_usage`). A stream that ends with no finish reason was dropped.
 * A server that ignores `stream_options` (some TGI versions) sends no usage: then both counts are
 * estimated from the characters sent and received, so billing is never silently near zero.
 */
export async function* chatChunkEvents(
  provider: ProviderName,
  chunks: AsyncIterable<ChatChunk>,
  sent: ReadonlyArray<{ content: string }>,
): AsyncIterable<ModelEvent> {
  let finish: "stop" | "length" | undefined;
  let usage: ModelUsage | undefined;
  let received = 0;
  for await (const chunk of chunks) {
    const choice = chunk.choices[0];
    const text = choice?.delta.content;
    if (text) {
      received += text.length;
      yield { type: "text", text };
    }
    if (choice?.finish_reason) finish = choice.finish_reason === "length" ? "length" : "stop";
    if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
  }
  if (!finish) throw new ModelCallError(provider, "dropped", "the stream ended before the model finished");
  const estimated = usage === undefined;
  const counted = usage ?? {
    promptTokens: estimateTokens(sent.reduce((sum, turn) => sum + turn.content.length, 0)),
    completionTokens: estimateTokens(received),
  };
  logUsage(provider, counted, estimated);
  yield { type: "done", finishReason: finish, usage: counted };
}

/** About four characters per token, rounded up: the usual rule of thumb for English and code. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** One line per call with what it is billed as, and whether the provider counted it or we estimated. */
export function logUsage(provider: ProviderName, usage: ModelUsage, estimated: boolean): void {
  log("model.usage", { provider, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, estimated });
}
