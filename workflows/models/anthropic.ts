import Anthropic from "@anthropic-ai/sdk";
import { chatTurns, logUsage } from "./chat";
import { ModelCallError } from "./errors";
import type { Model, ModelEvent, ModelRequest } from "./model";
import { IdleTimer } from "./idle-timer";
import { IDLE_TIMEOUT_MS, sdkCallError } from "./provider";
import type { ProviderSettings } from "./provider";
import { structuredOrPlain } from "./structured";
import type { StructuredState } from "./structured";

const SDK_ERRORS = { connection: Anthropic.APIConnectionError, api: Anthropic.APIError };

/**
 * `anthropic`: the Messages API through the official SDK, streamed. Usage comes from the API's own
 * counts (`message_start` for input, `message_delta` for output). The key and base URL are passed
 * explicitly; the SDK's own retries are off because `recovery.ts` retries. The SDK's `timeout` stops
 * at the response headers, so an idle timer watches the stream: a stall mid-answer becomes a dropped
 * stream that recovery resumes.
 */
export function anthropicModel(settings: ProviderSettings): Model {
  const client = new Anthropic({
    apiKey: settings.apiKey,
    authToken: null,
    baseURL: settings.baseURL,
    maxRetries: 0,
    timeout: settings.timeoutMs ?? IDLE_TIMEOUT_MS,
  });
  const state: StructuredState = { refused: false };
  async function* once(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const idle = new IdleTimer(settings.timeoutMs ?? IDLE_TIMEOUT_MS);
    try {
      const format = request.structured;
      const stream = await client.messages.create(
        {
          model: settings.model,
          system: request.system,
          messages: chatTurns(request),
          max_tokens: request.maxOutputTokens,
          stream: true,
          ...(format
            ? {
                tools: [{ name: format.name, description: TOOL_DESCRIPTION, input_schema: { ...format.schema, type: "object" as const } }],
                tool_choice: { type: "tool" as const, name: format.name },
              }
            : {}),
        },
        { signal: idle.with(signal) },
      );
      let finish: "stop" | "length" | undefined;
      const usage = { promptTokens: 0, completionTokens: 0 };
      for await (const event of idle.watch(stream)) {
        if (event.type === "message_start") {
          usage.promptTokens = event.message.usage.input_tokens;
          usage.completionTokens = event.message.usage.output_tokens;
        } else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
          if (event.delta.text) yield { type: "text", text: event.delta.text };
        } else if (event.type === "content_block_delta" && event.delta.type === "input_json_delta") {
          if (event.delta.partial_json) yield { type: "text", text: event.delta.partial_json };
        } else if (event.type === "message_delta") {
          usage.completionTokens = event.usage.output_tokens;
          if (event.delta.stop_reason) finish = event.delta.stop_reason === "max_tokens" ? "length" : "stop";
        }
      }
      if (!finish) throw new ModelCallError("anthropic", "dropped", "the stream ended before the model finished");
      logUsage("anthropic", usage, false);
      yield { type: "done", finishReason: finish, usage };
    } catch (err) {
      throw sdkCallError("anthropic", SDK_ERRORS, err, settings.apiKey, signal);
    } finally {
      idle.stop();
    }
  }
  return {
    name: "anthropic",
    stream: (request, signal) => structuredOrPlain("anthropic", request, state, (call) => once(call, signal)),
  };
}

const TOOL_DESCRIPTION = "Submit the answer as this tool's input: one JSON object that follows the schema.";
