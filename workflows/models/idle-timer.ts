/** Thrown into a stream when its time ran out; providers report it as a dropped stream. */
export class StreamTimeoutError extends Error {
  override readonly name = "StreamTimeoutError";
}

/**
 * Aborts when nothing has arrived for `ms`; every item restarts the clock. It also covers the wait
 * for the response headers, because it starts when the call does. An idle timeout, not a total one:
 * a long answer may stream for minutes, a silent one may not.
 */
export class IdleTimer {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout>;

  constructor(private readonly ms: number) {
    this.timer = setTimeout(() => this.fire(), ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller's signal and this timer's, as one signal to hand to an SDK. */
  with(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.signal]) : this.signal;
  }

  /**
   * `source`, restarting the clock on every item. When the timer fires the iteration ends at once
   * with `StreamTimeoutError`, even if the SDK underneath does not honour its abort signal. The clock
   * stands still while the consumer holds an item: only the upstream's silence counts.
   */
  async *watch<T>(source: AsyncIterable<T>): AsyncIterable<T> {
    for await (const item of untilAborted(source, this.signal)) {
      clearTimeout(this.timer);
      yield item;
      this.restart();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private fire(): void {
    this.controller.abort(new StreamTimeoutError(`no data from the model for ${Math.round(this.ms / 1000)} s`));
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), this.ms);
  }
}

/**
 * `source` until `signal` aborts, then the abort reason is thrown without waiting for the pending
 * item: a hung upstream cannot hold the caller past its timer. The abandoned iterator is closed in
 * the background.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterable<T> {
  const iterator = source[Symbol.asyncIterator]();
  let aborted: (() => void) | undefined;
  const abortedPromise = new Promise<"aborted">((resolve) => {
    aborted = () => resolve("aborted");
    signal.addEventListener("abort", aborted, { once: true });
  });
  let finished = false;
  try {
    for (;;) {
      if (signal.aborted) throw reasonOf(signal);
      const next = iterator.next();
      // Once abandoned, its rejection (the aborted fetch) must not surface as unhandled.
      next.catch(() => {});
      const result = await Promise.race([next, abortedPromise]);
      if (result === "aborted") throw reasonOf(signal);
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (aborted) signal.removeEventListener("abort", aborted);
    if (!finished) iterator.return?.()?.catch(() => {});
  }
}

function reasonOf(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new StreamTimeoutError("the call was aborted");
}
