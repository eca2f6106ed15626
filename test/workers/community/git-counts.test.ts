import { beforeAll, describe, expect, it } from "vitest";
import { pktLine } from "../../../workers/git/pkt-line";
import { call, newSession, postJson } from "../../helpers/api";
import { setVisibility } from "../../helpers/community";
import { parseCommit, pktLines, readPack, splitUploadPackResult, text } from "../../helpers/git";
import { startProject } from "../../helpers/projects";

/**
 * The community's side of git inside `npm test` (scripts/check-git.mjs checks the same with stock
 * git, but only when run by hand): a clone is counted once per upload-pack that sent a pack, and a
 * remix's history is its source's, commit for commit (issue 13's "remix history" test).
 */

let source: { id: string; auth: Record<string, string> };

beforeAll(async () => {
  const session = await newSession();
  const run = await startProject(session.auth, { prompt: "Una app de tareas con usuarios y etiquetas", model: "blueprint" });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  source = { id: run.id, auth: session.auth };
  expect((await setVisibility(source.id, source.auth, "public")).status).toBe(200);
}, 120_000);

const basic = (password: string) => ({ authorization: `Basic ${btoa(`autocrea:${password}`)}` });

async function advertisedHead(id: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await call(`/git/${id}.git/info/refs?service=git-upload-pack`, { headers });
  expect(res.status).toBe(200);
  const lines = pktLines(new Uint8Array(await res.arrayBuffer())).map(text);
  return (lines[2] ?? "").slice(0, 40);
}

function uploadRequest(lines: Array<string | null>): Uint8Array {
  const parts = lines.map((l) => (l === null ? new TextEncoder().encode("0000") : pktLine(`${l}\n`)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The commits from `head` back to the root, oldest first, as a clone of `id` receives them. */
async function cloneLog(id: string, head: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await call(`/git/${id}.git/git-upload-pack`, {
    method: "POST",
    headers: { "content-type": "application/x-git-upload-pack-request", ...headers },
    body: uploadRequest([`want ${head} multi_ack_detailed side-band-64k no-progress`, null, "done"]),
  });
  expect(res.status).toBe(200);
  const objects = await readPack(splitUploadPackResult(new Uint8Array(await res.arrayBuffer())).pack);
  const chain: string[] = [];
  for (let commit: string | undefined = head; commit; ) {
    chain.unshift(commit);
    commit = parseCommit(objects.get(commit)?.data ?? new Uint8Array()).parents[0];
  }
  return chain;
}

const clones = async (id: string) => ((await (await call(`/p/${id}/community`)).json()) as { clones: number }).clones;

describe("git and the community", () => {
  it("counts a clone once per upload-pack that sent a pack, never for a ref listing or a refused request", async () => {
    const before = await clones(source.id);
    const head = await advertisedHead(source.id);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    await call(`/git/${source.id}.git/git-upload-pack`, { method: "POST", body: "0000" });
    expect(await clones(source.id)).toBe(before);
    const log = await cloneLog(source.id, head);
    expect(log.length).toBeGreaterThan(1);
    expect(await clones(source.id)).toBe(before + 1);
  });

  it("gives a remix the source's commits, same ids, ending at the source's latest one", async () => {
    const sourceHead = await advertisedHead(source.id);
    const sourceLog = await cloneLog(source.id, sourceHead);
    const remixer = await newSession();
    const res = await postJson(`/api/projects/${source.id}/remix`, {}, remixer.auth);
    expect(res.status).toBe(201);
    const copy = ((await res.json()) as { project: { id: string } }).project.id;
    const remixHead = await advertisedHead(copy, basic(remixer.token));
    const remixLog = await cloneLog(copy, remixHead, basic(remixer.token));
    expect(remixLog.slice(0, sourceLog.length)).toEqual(sourceLog);
    expect(remixLog).toContain(sourceHead);
  });
});
