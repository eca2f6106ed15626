/**
 * Checks a WebSocket message before the page applies it. Messages come from our own Worker, but a
 * proxy or a bug could send anything: only objects with a known `type` get through, and
 * `seq`-less ones only if they are viewer counts; events must name their run.
 */
import type { LiveMessage } from "../shared/protocol";

const KNOWN = ["snapshot", "status", "step", "file", "delta", "model", "problem", "heal", "github", "viewers"];

export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || !("type" in value)) return null;
  if (typeof value.type !== "string" || !KNOWN.includes(value.type)) return null;
  if (value.type === "viewers") return "count" in value && typeof value.count === "number" ? { type: "viewers", count: value.count } : null;
  if (!("seq" in value) || typeof value.seq !== "number") return null;
  if (value.type !== "snapshot" && (!("run" in value) || typeof value.run !== "string")) return null;
  // The shape past `type` and `seq` is the Worker's own protocol.ts: trusted as typed.
  const message: LiveMessage = JSON.parse(data);
  return message;
}

/**
 * What a closed socket means, from a GET of the project made right after: the session ended (401),
 * the project or its share link is gone (404), or it was only the connection (anything else).
 */
export type CloseOutcome = "retry" | "signed-out" | "gone";

export function closeOutcome(status: number | null): CloseOutcome {
  if (status === 401) return "signed-out";
  if (status === 404) return "gone";
  return "retry";
}
