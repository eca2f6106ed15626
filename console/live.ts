/**
 * The live connection to a project's events. On every (re)connection it asks for exactly what it
 * has not seen: a snapshot the first time, `?after=<last seq>` afterwards; `project-state.ts`
 * drops anything already applied, so an event is never shown twice nor lost.
 */
import type { ProjectView } from "../shared/protocol";
import { apply, emptyState, replayState, resumeFrom } from "./project-state";
import type { ProjectState } from "./project-state";
import { closeOutcome, parseLiveMessage } from "./live-message";

/**
 * `signed-out`: the session ended; `gone`: the project or its share link no longer exists; `full`:
 * the project (or this address) has as many viewers as it takes, so try again later.
 */
export type LinkStatus = "connecting" | "live" | "reconnecting" | "revoked" | "signed-out" | "gone" | "full" | "closed";

export interface LiveOptions {
  /** The events path with its own query (a share token), e.g. `/p/<id>/events?s=…`. */
  path: string;
  /** The project's GET path, asked after a drop to tell an ended session or link from a lost connection. */
  projectPath: string;
  /** The project's view when known: then the whole log is replayed onto it; else a snapshot. */
  project: ProjectView | null;
  onChange: (state: ProjectState) => void;
  onStatus: (status: LinkStatus) => void;
}

/** Close code the room uses when the owner revokes the share link being watched. */
const REVOKED = 4403;
/** Close code the room uses when it has as many viewers as it takes (project-room/viewer-tags.ts). */
const FULL = 4429;
/** A full room is not a dropped connection: wait longer before asking again. */
const FULL_RETRY_MS = 30_000;

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
      const message = parseLiveMessage(event.data);
      if (message && apply(this.state, message)) this.options.onChange(this.state);
    });
    socket.addEventListener("close", (event) => {
      if (this.socket !== socket || this.stopped) return;
      if (event.code === REVOKED) {
        this.options.onStatus("revoked");
        return;
      }
      if (event.code === FULL) {
        this.options.onStatus("full");
        this.timer = window.setTimeout(() => this.connect(), FULL_RETRY_MS);
        return;
      }
      void this.checkThenRetry();
    });
  }

  /**
   * A socket also drops when the session cookie expired or the share link was revoked while it
   * was down: then reconnecting can never work, so ask the project once and stop with the reason.
   */
  private async checkThenRetry(): Promise<void> {
    this.options.onStatus("reconnecting");
    let status: number | null = null;
    try {
      status = (await fetch(this.options.projectPath, { credentials: "same-origin", cache: "no-store" })).status;
    } catch {
      // The Worker is unreachable: a connection problem, retried below.
    }
    if (this.stopped) return;
    const outcome = closeOutcome(status);
    if (outcome === "retry") this.retry();
    else this.options.onStatus(outcome);
  }

  private retry(): void {
    this.retries += 1;
    this.options.onStatus("reconnecting");
    const delay = Math.min(10_000, 250 * 2 ** Math.min(this.retries, 6));
    this.timer = window.setTimeout(() => this.connect(), delay);
  }
}
