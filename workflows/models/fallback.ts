import { ModelRejectedError, ModelUnreachableError } from "./errors";
import type { Model, ModelEvent, ModelName } from "./model";

export interface ModelSwitch {
  from: ModelName;
  to: ModelName;
  /** Why the first model gave up, as shown to the user. */
  reason: string;
}

/**
 * JoxCoder first; if it still fails after its own retries and the user has a key for another
 * provider, that provider takes over. It continues from whatever JoxCoder already streamed (the
 * recovery wrapper splices it), so the file parser keeps seeing one stream. `onSwitch` runs
 * before the first byte of the fallback so viewers see why the text changes voice.
 */
export function withFallback(primary: Model, fallback: Model, onSwitch: (change: ModelSwitch) => Promise<void>): Model {
  // Later requests of the same step (a re-asked plan, a repair round) go straight to the fallback.
  let switched = false;
  return {
    name: primary.name,
    async *stream(request, signal): AsyncIterable<ModelEvent> {
      if (switched) {
        yield* fallback.stream(request, signal);
        return;
      }
      let written = "";
      try {
        for await (const event of primary.stream(request, signal)) {
          if (event.type === "text") written += event.text;
          yield event;
        }
        return;
      } catch (err) {
        if (!(err instanceof ModelRejectedError || err instanceof ModelUnreachableError)) throw err;
        switched = true;
        await onSwitch({ from: primary.name, to: fallback.name, reason: err.message });
      }
      const continuation = (request.continuation ?? "") + written;
      yield* fallback.stream(continuation === "" ? request : { ...request, continuation }, signal);
    },
  };
}
