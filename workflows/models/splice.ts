/**
 * Joins a continuation onto what a model already wrote. Asked to "go on", models often repeat the
 * tail they last wrote (the unfinished line, or a few lines); this drops that repetition so the
 * parser sees one clean stream. Only the continuation's first `window` characters are held back.
 */
export class OverlapSplicer {
  private buffer = "";
  private settled = false;
  private readonly tail: string;

  constructor(
    before: string,
    private readonly window = 400,
  ) {
    this.tail = before.slice(-window);
  }

  /** Text that can go downstream now ("" while the beginning is still being held back). */
  push(text: string): string {
    if (this.settled) return text;
    this.buffer += text;
    return this.buffer.length < this.window ? "" : this.settle();
  }

  /** The continuation ended: whatever is still held back, minus the repetition. */
  end(): string {
    return this.settled ? "" : this.settle();
  }

  private settle(): string {
    this.settled = true;
    const text = this.buffer.slice(overlapLength(this.tail, this.buffer));
    this.buffer = "";
    return text;
  }
}

/**
 * The longest prefix of `next` that `before` ends with, if it is plausibly a repetition: at least
 * 12 characters, or at least 4 when it restarts a line (a model rewriting its unfinished line).
 * A shorter match ("}" after "}") is ordinary code, not a repeat.
 */
export function overlapLength(before: string, next: string): number {
  for (let k = Math.min(before.length, next.length); k >= 4; k--) {
    if (!before.endsWith(next.slice(0, k))) continue;
    const start = before.length - k;
    if (k >= 12 || start === 0 || before[start - 1] === "\n") return k;
  }
  return 0;
}
