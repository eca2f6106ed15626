import { inject } from "vitest";
import type { GithubExportEvent, ServerMessage } from "../../shared/protocol";
import { call } from "./api";
import { connect } from "./sockets";

/** What the fake GitHub (test/fake/github-server.mjs) holds for one repository. */
export interface FakeRepo {
  full_name: string;
  private: boolean;
  default_branch: string;
  refs: Record<string, string>;
  commits: Array<{ sha: string; tree: string; parents: string[]; author: string; committer: string; message: string }>;
  blobs: Record<string, string>;
  trees: Record<string, string>;
}

const base = () => inject("githubApiBase");

export async function fakeRepo(fullName: string): Promise<FakeRepo> {
  const res = await fetch(`${base()}/__repos/${fullName}`);
  if (!res.ok) throw new Error(`fake GitHub has no ${fullName}`);
  return res.json();
}

export async function seedRepo(fullName: string, options: { empty?: boolean; foreign?: string } = {}): Promise<void> {
  await fetch(`${base()}/__repos`, { method: "POST", body: JSON.stringify({ full_name: fullName, ...options }) });
}

export async function setFakeRef(fullName: string, ref: string, sha: string): Promise<void> {
  const res = await fetch(`${base()}/__refs/${fullName}`, { method: "POST", body: JSON.stringify({ ref, sha }) });
  if (!res.ok) throw new Error(`could not set ${ref}`);
}

/** The next ref update of `branch` finds it moved by someone else. */
export async function raceNextRefUpdate(fullName: string, branch: string): Promise<void> {
  await fetch(`${base()}/__race/${fullName}/${branch}`, { method: "POST" });
}

export type ExportOutcome = Extract<GithubExportEvent, { status: "pushed" | "failed" }>;

/** Every `github` event of a project so far, from its log. */
export async function githubEvents(id: string, token: string): Promise<GithubExportEvent[]> {
  const res = await call(`/api/projects/${id}/events?after=0&token=${token}`, { headers: { Upgrade: "websocket" } });
  const viewer = await connect(res);
  // The log is replayed at once; a short wait lets it all arrive.
  await new Promise((r) => setTimeout(r, 100));
  viewer.close();
  return viewer.messages.filter((m: ServerMessage): m is ServerMessage & GithubExportEvent => m.type === "github");
}

/** Waits for the project's `n`th export outcome (`pushed` or `failed`). */
export async function nthOutcome(id: string, token: string, n: number): Promise<{ outcome: ExportOutcome; events: GithubExportEvent[] }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const events = await githubEvents(id, token);
    const outcomes = events.filter((e): e is ExportOutcome => e.status !== "running");
    const outcome = outcomes[n - 1];
    if (outcome) return { outcome, events };
    if (Date.now() > deadline) throw new Error(`no export outcome #${n}; events: ${JSON.stringify(events).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
