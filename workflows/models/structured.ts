import { log } from "../../workers/lib/log";
import { ModelCallError } from "./errors";
import type { ProviderName } from "./errors";
import type { ModelEvent, ModelRequest } from "./model";

/** What an endpoint says when it does not take the structured-output parameter it was sent. */
const REFUSAL = /response[_ ]?format|json[_ ]?schema|grammar|guided|tool[_ ]?choice|tools?\b|input_schema|structured/i;

/**
 * Whether a failed call was the endpoint refusing structured output: a 400 or 422 whose message
 * names the parameter (OpenAI-compatible servers without `json_schema`, a TGI build without
 * grammars, a proxy that strips tools). Anything else is a real error and is not retried here.
 */
export function refusesStructured(err: unknown): boolean {
  return err instanceof ModelCallError && (err.status === 400 || err.status === 422) && REFUSAL.test(err.message);
}

/** Per model instance: once an endpoint refused structured output, later calls go prompt-only at once. */
export interface StructuredState {
  refused: boolean;
}

/**
 * Runs a provider call with the request's structured output, and once more without it when the
 * endpoint refuses the parameter before answering; the system prompt already asks for the same JSON,
 * so the answer is still checked against the plan's schema. A continuation is always prompt-only:
 * a grammar would force a fresh JSON value where the model must go on from half of one.
 */
export async function* structuredOrPlain(
  provider: ProviderName,
  request: ModelRequest,
  state: StructuredState,
  call: (request: ModelRequest) => AsyncIterable<ModelEvent>,
): AsyncIterable<ModelEvent> {
  const { structured, ...plain } = request;
  if (!structured || request.continuation || state.refused) {
    yield* call(plain);
    return;
  }
  let answered = false;
  try {
    for await (const event of call(request)) {
      answered = true;
      yield event;
    }
  } catch (err) {
    if (answered || !refusesStructured(err)) throw err;
    state.refused = true;
    const status = err instanceof ModelCallError ? err.status : undefined;
    log("model.structured_refused", { provider, status, schema: structured.name, fallback: "prompt-only" });
    yield* call(plain);
  }
}
