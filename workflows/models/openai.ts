import OpenAI from "openai";
import { chatChunkEvents, chatTurns } from "./chat";
import type { Model, ModelEvent, ModelRequest } from "./model";
import { IdleTimer } from "./idle-timer";
import { IDLE_TIMEOUT_MS, sdkCallError } from "./provider";
import type { ProviderSettings } from "./provider";
import { structuredOrPlain } from "./structured";
import type { StructuredState } from "./structured";

const SDK_ERRORS = { connection: OpenAI.APIConnectionError, api: OpenAI.APIError };

/**
 * `openai`: Chat Completions through the official SDK, streamed, with usage from the final chunk.
 * Every option the SDK would otherwise read from `process.env` is passed explicitly (with
 * nodejs_compat, text bindings show up there). The SDK's own retries are off: `recovery.ts` retries.
 * The SDK's `timeout` stops at the response headers, so an idle timer watches the stream itself:
 * a stall mid-answer becomes a dropped stream that recovery resumes. Structured output is
 * `response_format: json_schema`, not strict: strict mode wants every optional key of the plan
 * spelled out as nullable, and the plan is validated against its zod schema either way.
 */
export function openaiModel(settings: ProviderSettings): Model {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: settings.timeoutMs ?? IDLE_TIMEOUT_MS,
  });
  const state: StructuredState = { refused: false };
  async function* once(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const idle = new IdleTimer(settings.timeoutMs ?? IDLE_TIMEOUT_MS);
    try {
      const messages = [{ role: "system" as const, content: request.system }, ...chatTurns(request)];
      const format = request.structured;
      const stream = await client.chat.completions.create(
        {
          model: settings.model,
          messages,
          max_completion_tokens: request.maxOutputTokens,
          stream: true,
          stream_options: { include_usage: true },
          ...(format
            ? { response_format: { type: "json_schema", json_schema: { name: format.name, schema: format.schema, strict: false } } }
            : {}),
        },
        { signal: idle.with(signal) },
      );
      yield* chatChunkEvents("openai", idle.watch(stream), messages);
    } catch (err) {
      throw sdkCallError("openai", SDK_ERRORS, err, settings.apiKey, signal);
    } finally {
      idle.stop();
    }
  }
  return {
    name: "openai",
    stream: (request, signal) => structuredOrPlain("openai", request, state, (call) => once(call, signal)),
  };
}
