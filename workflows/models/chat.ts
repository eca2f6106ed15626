import { ModelCallError } from "./errors";
import type { ProviderName } from "./errors";
import type { ModelEvent, ModelRequest } from "./model";

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
 */
export async function* chatChunkEvents(provider: ProviderName, chunks: AsyncIterable<ChatChunk>): AsyncIterable<ModelEvent> {
  let finish: "stop" | "length" | undefined;
  let usage = { promptTokens: 0, completionTokens: 0 };
  for await (const chunk of chunks) {
    const choice = chunk.choices[0];
    const text = choice?.delta.content;
    if (text) yield { type: "text", text };
    if (choice?.finish_reason) finish = choice.finish_reason === "length" ? "length" : "stop";
    if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
  }
  if (!finish) throw new ModelCallError(provider, "dropped", "the stream ended before the model finished");
  yield { type: "done", finishReason: finish, usage };
}
