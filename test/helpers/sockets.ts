import type { ServerMessage } from "../../shared/protocol";

/** A viewer's socket with the messages it received, in order. */
export interface Viewer {
  messages: ServerMessage[];
  /** Resolves once `count` messages have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ServerMessage[]>;
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connect(res: Response): Promise<Viewer> {
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`expected a WebSocket upgrade, got ${res.status}: ${await res.text()}`);
  ws.accept();
  const messages: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
  });
  ws.addEventListener("message", (event) => {
    if (typeof event.data !== "string") return;
    const message: ServerMessage = JSON.parse(event.data);
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    messages,
    async waitFor(count, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out with ${messages.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return messages;
    },
    closed,
    close: () => ws.close(1000, "done"),
  };
}
