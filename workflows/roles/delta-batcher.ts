/**
 * Coalesces streamed model text so viewers get it live without one Durable Object call per
 * token: at most one flush per `intervalMs` (10 a second by default), plus one at the end.
 */
export class DeltaBatcher {
  private pending = "";
  private lastFlush = 0;

  constructor(
    private readonly send: (text: string) => Promise<void>,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  async push(text: string): Promise<void> {
    this.pending += text;
    if (this.now() - this.lastFlush >= this.intervalMs) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = "";
    this.lastFlush = this.now();
    await this.send(text);
  }
}
