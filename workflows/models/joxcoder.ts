import { InferenceClient, InferenceClientProviderApiError } from "@huggingface/inference";
import { chatChunkEvents, chatTurns } from "./chat";
import { ModelCallError, cleanMessage, kindOfStatus, retryAfterMs } from "./errors";
import type { Model, ModelEvent, ModelRequest } from "./model";
import { IdleTimer } from "./idle-timer";
import { IDLE_TIMEOUT_MS, isAbort } from "./provider";
import type { ProviderSettings } from "./provider";
import { structuredOrPlain } from "./structured";
import type { StructuredState } from "./structured";

/** Longest single wait we take from an endpoint's own "loading, ready in N s" estimate. */
const MAX_LOADING_HINT_MS = 15_000;

/**
 * `joxcoder`: the project's own code model behind a Hugging Face endpoint (Inference Endpoints or
 * any text-generation-inference server), through `InferenceClient` with `endpointUrl`, which posts
 * to `{endpointUrl}/v1/chat/completions`. The SDK would retry a 503 forever; `retry_on_error: false`
 * hands it to `recovery.ts`, which waits a bounded time for a loading model. Structured output is
 * TGI's JSON grammar, `response_format: {type: "json", value: <schema>}`.
 */
export function joxcoderModel(settings: ProviderSettings): Model {
  const state: StructuredState = { refused: false };
  async function* once(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    // The SDK's errors drop the response headers; this keeps Retry-After for the retry policy.
    let retryAfter: string | null = null;
    const idle = new IdleTimer(settings.timeoutMs ?? IDLE_TIMEOUT_MS);
    const client = new InferenceClient(settings.apiKey, {
      endpointUrl: settings.baseURL,
      retry_on_error: false,
      signal: idle.with(signal),
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        retryAfter = res.headers.get("retry-after");
        return res;
      },
    });
    try {
      // A type literal, not the `ChatTurn` interface: the SDK's message type has an index signature.
      const messages: Array<{ role: string; content: string }> = [{ role: "system", content: request.system }, ...chatTurns(request)];
      const stream = client.chatCompletionStream({
        model: settings.model,
        messages,
        max_tokens: request.maxOutputTokens,
        stream_options: { include_usage: true },
        ...(request.structured ? { response_format: tgiGrammar(request.structured.schema) } : {}),
      });
      yield* chatChunkEvents("joxcoder", idle.watch(stream), messages);
    } catch (err) {
      throw toCallError(err, settings.apiKey, retryAfter, signal);
    } finally {
      idle.stop();
    }
  }
  return {
    name: "joxcoder",
    stream: (request, signal) => structuredOrPlain("joxcoder", request, state, (call) => once(call, signal)),
  };
}

/**
 * TGI's own grammar parameter. The SDK's type lists only OpenAI's names for `type` ("json_object",
 * "json_schema"); TGI documents `json` with the schema in `value`, and that is what is sent.
 */
function tgiGrammar(schema: Record<string, unknown>): SdkResponseFormat {
  const grammar: { type: string; value: Record<string, unknown> } = { type: "json", value: schema };
  return grammar as unknown as SdkResponseFormat;
}

type SdkResponseFormat = NonNullable<Parameters<InferenceClient["chatCompletionStream"]>[0]["response_format"]>;

function toCallError(err: unknown, key: string, retryAfter: string | null, signal?: AbortSignal): unknown {
  if (err instanceof ModelCallError || isAbort(err, signal)) return err;
  if (err instanceof InferenceClientProviderApiError) {
    const status = err.httpResponse.status;
    const estimate = loadingEstimateMs(err.httpResponse.body);
    const loading = status === 503 && (estimate !== undefined || /loading/i.test(err.message));
    const wait = retryAfterMs(retryAfter) ?? (estimate === undefined ? undefined : Math.min(estimate, MAX_LOADING_HINT_MS));
    return new ModelCallError("joxcoder", kindOfStatus(status, loading), cleanMessage(err.message, key), status, wait);
  }
  return new ModelCallError("joxcoder", "dropped", cleanMessage(err instanceof Error ? err.message : String(err), key));
}

/** TGI and Inference Endpoints answer a cold model with `{"error": "... loading", "estimated_time": 20.5}`. */
function loadingEstimateMs(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null || !("estimated_time" in body)) return undefined;
  const seconds = body.estimated_time;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}
