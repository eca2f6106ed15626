import { env } from "cloudflare:workers";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { ROLES } from "../../../shared/roles";
import { MAIN, packKey } from "../../../workflows/git/publish";
import { pktLine } from "../../../workers/git/pkt-line";
import { call, newSession } from "../../helpers/api";
import { filesOf, parseCommit, pktLines, readPack, splitUploadPackResult, text } from "../../helpers/git";
import { startProject } from "../../helpers/projects";

/** One generated project (the offline model) serves every test here: generation is the slow part. */
let project: { id: string; token: string; auth: Record<string, string> };

beforeAll(async () => {
  const session = await newSession();
  const run = await startProject(session.auth, { prompt: "Una app de tareas con usuarios y etiquetas", model: "blueprint" });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  project = { id: run.id, token: session.token, auth: session.auth };
}, 120_000);

const basic = (password: string) => ({ authorization: `Basic ${btoa(`autocrea:${password}`)}` });
const refsPath = (id: string) => `/git/${id}.git/info/refs?service=git-upload-pack`;

async function advertisedHead(headers: Record<string, string>): Promise<string> {
  const res = await call(refsPath(project.id), { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
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

async function uploadPack(body: Uint8Array, headers: Record<string, string> = {}) {
  const res = await call(`/git/${project.id}.git/git-upload-pack`, {
    method: "POST",
    headers: { ...basic(project.token), "content-type": "application/x-git-upload-pack-request", ...headers },
    body,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/x-git-upload-pack-result");
  return splitUploadPackResult(new Uint8Array(await res.arrayBuffer()));
}

describe("git clone over smart HTTP", () => {
  it("serves the five role commits, in order, whose last tree holds exactly the ZIP's files", async () => {
    const head = await advertisedHead(basic(project.token));
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    const { lines, pack } = await uploadPack(uploadRequest([`want ${head} multi_ack_detailed side-band-64k no-progress`, null, "done"]));
    expect(lines).toEqual(["NAK\n"]);
    const objects = await readPack(pack);
    const chain: string[] = [];
    for (let id: string | undefined = head; id; ) {
      const commit = parseCommit(objects.get(id)?.data ?? new Uint8Array());
      chain.unshift(commit.author);
      id = commit.parents[0];
    }
    expect(chain.map((a) => a.split(" <")[0])).toEqual([
      "Architect (AUTOCREA)",
      "Backend (AUTOCREA)",
      "Frontend (AUTOCREA)",
      "DevOps (AUTOCREA)",
      "Security (AUTOCREA)",
    ]);
    expect(chain.map((a) => a.match(/<(\w+)@autocrea\.invalid>/)?.[1])).toEqual([...ROLES]);

    const tree = filesOf(objects, parseCommit(objects.get(head)?.data ?? new Uint8Array()).tree);
    const zipRes = await call(`/api/projects/${project.id}/zip`, { headers: project.auth });
    const zip = await JSZip.loadAsync(await zipRes.arrayBuffer());
    const zipped = Object.values(zip.files).filter((f) => !f.dir);
    expect([...tree.keys()].sort()).toEqual(zipped.map((f) => f.name).sort());
    for (const entry of zipped) expect(tree.get(entry.name), entry.name).toEqual(await entry.async("uint8array"));
  });

  it("keeps the clone's pack in R2 under main's head commit", async () => {
    const head = await env.PROJECTS.getByName(project.id).gitRef(MAIN);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    const cached = await env.ARTIFACTS.head(packKey(project.id, head ?? ""));
    expect(cached?.size).toBeGreaterThan(1000);
  });

  it("answers 401 with the same Basic challenge and body for no password, a wrong one, another account's token and a missing project", async () => {
    const stranger = await newSession();
    const answers = await Promise.all([
      call(refsPath(project.id)),
      call(refsPath(project.id), { headers: basic("not-the-token") }),
      call(refsPath(project.id), { headers: basic(stranger.token) }),
      call(refsPath(project.id), { headers: basic("f".repeat(64)) }),
      call(refsPath(randomId("prj")), { headers: basic(project.token) }),
      call(`/git/${project.id}.git/git-upload-pack`, { method: "POST", body: "0000" }),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="AUTOCREA", charset="UTF-8"');
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain(project.id);
  });

  it("accepts the clone token from the owner's API and a live share link's token, and drops a revoked one", async () => {
    const info = await call(`/api/projects/${project.id}/git`, { headers: project.auth });
    expect(info.status).toBe(200);
    const clone: { url: string; cloneUrl: string; command: string; head: string } = await info.json();
    expect(clone.url).toBe(`http://local/git/${project.id}.git`);
    expect(clone.command).toBe(`git clone ${clone.cloneUrl}`);
    const password = new URL(clone.cloneUrl).password;
    expect(await advertisedHead(basic(password))).toBe(clone.head);

    const created = await call(`/api/projects/${project.id}/share`, { method: "POST", headers: project.auth });
    const shareToken = new URL((await created.json<{ url: string }>()).url).searchParams.get("s") ?? "";
    expect(await advertisedHead(basic(shareToken))).toBe(clone.head);
    const shared = await call(`/p/${project.id}/git?s=${shareToken}`);
    expect(new URL((await shared.json<{ cloneUrl: string }>()).cloneUrl).password).toBe(shareToken);
    await call(`/api/projects/${project.id}/share`, { method: "DELETE", headers: project.auth });
    expect((await call(refsPath(project.id), { headers: basic(shareToken) })).status).toBe(401);
    // Someone else's project's clone info is not theirs to read.
    const stranger = await newSession();
    expect((await call(`/api/projects/${project.id}/git`, { headers: stranger.auth })).status).toBe(404);
  });

  it("refuses pushes with 403 and a message saying why, whoever asks", async () => {
    for (const res of [
      await call(`/git/${project.id}.git/info/refs?service=git-receive-pack`, { headers: basic(project.token) }),
      await call(`/git/${project.id}.git/info/refs?service=git-receive-pack`),
      await call(`/git/${project.id}.git/git-receive-pack`, { method: "POST", body: "0000", headers: basic(project.token) }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("text/plain");
      expect(await res.text()).toContain("Pushing is not supported");
    }
  });

  it("reads a gzip-compressed request as git sends it past 1 KiB", async () => {
    const head = await advertisedHead(basic(project.token));
    // Unknown haves pad the request, as a client with unrelated history would.
    const haves = Array.from({ length: 40 }, (_, i) => `have ${i.toString(16).padStart(40, "0")}`);
    const body = uploadRequest([`want ${head} multi_ack_detailed side-band-64k`, null, ...haves, "done"]);
    const gzipped = new Uint8Array(await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    const { lines, pack } = await uploadPack(gzipped, { "content-encoding": "gzip" });
    expect(lines).toEqual(["NAK\n"]);
    expect((await readPack(pack)).has(head)).toBe(true);
  });

  it("negotiates a fetch: acknowledges the commits the client has and sends only what it lacks", async () => {
    const head = await advertisedHead(basic(project.token));
    const full = await readPack((await uploadPack(uploadRequest([`want ${head} side-band-64k`, null, "done"]))).pack);
    // Walk back to the frontend commit (the third): the client has it and everything before.
    let frontend = head;
    for (let i = 0; i < 2; i++) frontend = parseCommit(full.get(frontend)?.data ?? new Uint8Array()).parents[0] ?? "";
    const want = `want ${head} multi_ack_detailed side-band-64k`;
    const round = await uploadPack(uploadRequest([want, null, `have ${"e".repeat(40)}`, `have ${frontend}`, null]));
    expect(round.lines).toEqual([`ACK ${frontend} common\n`, "NAK\n"]);
    expect(round.pack.byteLength).toBe(0);
    const { lines, pack } = await uploadPack(uploadRequest([want, null, `have ${frontend}`, "done"]));
    expect(lines).toEqual([`ACK ${frontend} common\n`, `ACK ${frontend}\n`]);
    const partial = await readPack(pack);
    const commits = [...partial.values()].filter((o) => o.type === "commit");
    expect(commits).toHaveLength(2);
    expect(partial.size).toBeLessThan(full.size);
    expect(partial.has(frontend)).toBe(false);
  });

  it("answers ERR for a want that is not one of its commits", async () => {
    const res = await call(`/git/${project.id}.git/git-upload-pack`, {
      method: "POST",
      headers: basic(project.token),
      body: uploadRequest([`want ${"d".repeat(40)} side-band-64k`, null, "done"]),
    });
    expect(text(pktLines(new Uint8Array(await res.arrayBuffer()))[0] ?? null)).toBe(`ERR upload-pack: not our ref ${"d".repeat(40)}\n`);
  });

  it("gives a project finished before git existed its history on the first clone, with the same head", async () => {
    const room = env.PROJECTS.getByName(project.id);
    const head = await room.gitRef(MAIN);
    expect(await room.updateRef(MAIN, head, null)).toEqual({ ok: true });
    expect(await advertisedHead(basic(project.token))).toBe(head);
    expect(await room.gitRef(MAIN)).toBe(head);
  });
});
