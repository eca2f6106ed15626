/**
 * The live connection to a project's events. On every (re)connection it asks for exactly what it
 * has not seen: a snapshot the first time, `?after=<last seq>` afterwards; `project-state.ts`
 * drops anything already applied, so an event is never shown twice nor lost.
 */
import type { LiveMessage, ProjectView } from "../workers/protocol";
import { apply, emptyState, replayState, resumeFrom } from "./project-state";
import type { ProjectState } from "./project-state";

export type LinkStatus = "connecting" | "live" | "reconnecting" | "revoked" | "closed";

export interface LiveOptions {
  /** The events path with its own query (a share token), e.g. `/p/<id>/events?s=…`. */
  path: string;
  /** The project's view when known: then the whole log is replayed onto it; else a snapshot. */
  project: ProjectView | null;
  onChange: (state: ProjectState) => void;
  onStatus: (status: LinkStatus) => void;
}

/** Close code the room uses when the owner revokes the share link being watched. */
const REVOKED = 4403;

export class LiveProject {
  readonly state: ProjectState;
  private socket: WebSocket | null = null;
  private retries = 0;
  private timer: number | undefined;
  private stopped = false;

  constructor(private readonly options: LiveOptions) {
    this.state = options.project ? replayState(options.project) : emptyState();
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.socket?.close(1000, "left");
    this.options.onStatus("closed");
  }

  private connect(): void {
    const url = new URL(this.options.path, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("viewers", "1");
    const after = resumeFrom(this.state);
    if (after !== null) url.searchParams.set("after", String(after));
    this.options.onStatus(this.retries === 0 ? "connecting" : "reconnecting");
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.retries = 0;
      this.options.onStatus("live");
    });
    socket.addEventListener("message", (event) => {
      const message = parse(event.data);
      if (message && apply(this.state, message)) this.options.onChange(this.state);
    });
    socket.addEventListener("close", (event) => {
      if (this.socket !== socket || this.stopped) return;
      if (event.code === REVOKED) {
        this.options.onStatus("revoked");
        return;
      }
      this.retry();
    });
  }

  private retry(): void {
    this.retries += 1;
    this.options.onStatus("reconnecting");
    const delay = Math.min(10_000, 250 * 2 ** Math.min(this.retries, 6));
    this.timer = window.setTimeout(() => this.connect(), delay);
  }
}

/**
 * Messages come from our own Worker, but a proxy or a bug could send anything: only objects
 * with a known `type` get through, and `seq`-less ones only if they are viewer counts.
 */
function parse(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || !("type" in value)) return null;
  const known = ["snapshot", "status", "step", "file", "delta", "viewers"];
  if (typeof value.type !== "string" || !known.includes(value.type)) return null;
  if (value.type === "viewers") return "count" in value && typeof value.count === "number" ? { type: "viewers", count: value.count } : null;
  if (!("seq" in value) || typeof value.seq !== "number") return null;
  // The shape past `type` and `seq` is the Worker's own protocol.ts: trusted as typed.
  const message: LiveMessage = JSON.parse(data);
  return message;
}
