import type { ProjectEvent, ProjectView } from "../../shared/protocol";

/** Reconnections allowed when the room's socket drops before the run ends (a deploy, an eviction). */
const MAX_CONNECTS = 4;

export interface FollowOptions {
  /** Stops following (the client cancelled or went away, or the wait is over). The run goes on. */
  signal: AbortSignal;
  /** Every event of the project (of `run` only, when given), from its first, in order, each once. */
  onEvent(event: ProjectEvent): Promise<void>;
  /** Follow this run of the project: its events only, until it ends (a later run's follow-up). */
  run?: string;
}

/**
 * Follows a project through its room's event WebSocket, the feed the console and `?after=` clients read, until
 * the run has finished. Resolves with the final view, or null when following stopped first: the
 * Workflow never depends on anyone watching, so stopping only ends the wait.
 */
export async function followProject(env: Env, projectId: string, options: FollowOptions): Promise<ProjectView | null> {
  const room = env.PROJECTS.getByName(projectId);
  // The whole history, not a snapshot: a run that got ahead before the socket opened still shows
  // every role start and finish. A reconnection replays exactly what was missed.
  let after = 0;
  for (let connects = 0; connects < MAX_CONNECTS && !options.signal.aborted; connects++) {
    const url = new URL("https://project/events");
    url.searchParams.set("after", String(after));
    const res = await room.fetch(url, { headers: { Upgrade: "websocket" } });
    const ws = res.webSocket;
    if (!ws) return null;
    ws.accept();
    for await (const text of messages(ws, options.signal)) {
      // The room is this Worker's own Durable Object writing typed protocol messages over an
      // internal binding: as trusted as an RPC result.
      const event: ProjectEvent = JSON.parse(text);
      after = event.seq;
      // The log holds every run of the project; an earlier run's end is not this one's.
      if (options.run !== undefined && event.run !== options.run) continue;
      await options.onEvent(event);
      if (event.type === "status" && (event.status === "completed" || event.status === "failed")) {
        return (await room.read())?.view ?? null;
      }
    }
  }
  return null;
}

/** A WebSocket's text messages as an async sequence that ends when it closes or `signal` aborts. */
async function* messages(ws: WebSocket, signal: AbortSignal): AsyncGenerator<string> {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  const end = () => {
    ended = true;
    nudge();
  };
  ws.addEventListener("message", (event) => {
    if (typeof event.data === "string") queue.push(event.data);
    nudge();
  });
  ws.addEventListener("close", end);
  ws.addEventListener("error", end);
  signal.addEventListener("abort", end, { once: true });
  try {
    while (!signal.aborted) {
      const next = queue.shift();
      if (next !== undefined) yield next;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener("abort", end);
    try {
      ws.close(1000, "done");
    } catch {
      // Already closed by the room.
    }
  }
}
