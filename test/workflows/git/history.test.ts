import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/ids";
import { ROLES } from "../../../shared/roles";
import type { Role } from "../../../shared/roles";
import { deriveHistory, reachable } from "../../../workflows/git/history";
import type { HistoryRun } from "../../../workflows/git/history";
import { filesOf, parseCommit } from "../../helpers/git";
import type { PackedObject } from "../../helpers/git";

/** Blobs by SHA-256, as R2 keeps them, and a reader over them. */
async function store(files: Record<string, string>) {
  const blobs = new Map<string, Uint8Array>();
  const byPath: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(content);
    const sha256 = await sha256Hex(bytes);
    blobs.set(sha256, bytes);
    byPath[path] = sha256;
  }
  const read = async (sha256: string) => {
    const found = blobs.get(sha256);
    if (!found) throw new Error(`no blob ${sha256}`);
    return found;
  };
  return { read, sha: (path: string) => byPath[path] ?? "" };
}

const step = (role: Role, minute: number, files: Array<{ path: string; sha256: string }>) => ({
  role,
  model: "blueprint",
  finishedAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  files,
});

async function firstRun() {
  const s = await store({
    plan: "{}\n",
    server: "server v1\n",
    app: "<html></html>\n",
    docker: "FROM node:22\n",
    serverFixed: "server v2\n",
    audit: "# Audit\n",
  });
  const f = (path: string, key: string) => ({ path, sha256: s.sha(key) });
  const run: HistoryRun = {
    id: "1",
    steps: [
      step("architect", 1, [f("docs/architecture.json", "plan")]),
      step("backend", 2, [f("src/server.js", "server")]),
      step("frontend", 3, [f("public/index.html", "app")]),
      step("devops", 4, [f("Dockerfile", "docker")]),
      step("security", 5, [f("src/server.js", "serverFixed"), f("SECURITY_AUDIT.md", "audit")]),
    ],
  };
  return { run, read: s.read };
}

const PINNED = ["ec82289b0254", "ea872e631ba7", "6063770e9e32", "d3a723d6d010", "319e453d3f6a"];

/** The history's objects as a pack reader would see them. */
function objectsOf(history: Awaited<ReturnType<typeof deriveHistory>>): Map<string, PackedObject> {
  return new Map([...history.objects].map(([id, o]) => [id, { type: o.type, data: o.data }]));
}

describe("history derived from the step manifests", () => {
  it("has one commit per role, in order, authored and committed by the role at its finish time", async () => {
    const { run, read } = await firstRun();
    const history = await deriveHistory([run], read);
    expect(history.commits.map((c) => c.role)).toEqual([...ROLES]);
    expect(history.head).toBe(history.commits.at(-1)?.id);
    const objects = objectsOf(history);
    let parent: string | null = null;
    for (const [i, commit] of history.commits.entries()) {
      const parsed = parseCommit(objects.get(commit.id)?.data ?? new Uint8Array());
      expect(parsed.parents).toEqual(parent ? [parent] : []);
      const name = { architect: "Architect", backend: "Backend", frontend: "Frontend", devops: "DevOps", security: "Security" }[
        commit.role
      ];
      const seconds = Date.UTC(2026, 0, 1, 10, i + 1) / 1000;
      expect(parsed.author).toBe(`${name} (AUTOCREA) <${commit.role}@autocrea.invalid> ${seconds} +0000`);
      expect(parsed.committer).toBe(parsed.author);
      expect(parsed.message).toContain(`Role: ${commit.role}`);
      expect(parsed.message).toContain("Model: blueprint");
      parent = commit.id;
    }
    const security = parseCommit(objects.get(history.commits[4]?.id ?? "")?.data ?? new Uint8Array());
    expect(security.message.split("\n")[0]).toBe("Security: 2 files (blueprint)");
    expect(security.message).toContain("A SECURITY_AUDIT.md\nM src/server.js\n");
  });

  it("gives each commit the whole project as it stood after that step", async () => {
    const { run, read } = await firstRun();
    const history = await deriveHistory([run], read);
    const objects = objectsOf(history);
    const files = history.commits.map((c) => [...filesOf(objects, c.tree).keys()].sort());
    expect(files[0]).toEqual(["docs/architecture.json"]);
    expect(files[1]).toEqual(["docs/architecture.json", "src/server.js"]);
    expect(files[4]).toEqual(["Dockerfile", "SECURITY_AUDIT.md", "docs/architecture.json", "public/index.html", "src/server.js"]);
    const last = filesOf(objects, history.commits[4]?.tree ?? "");
    expect(new TextDecoder().decode(last.get("src/server.js"))).toBe("server v2\n");
    const backend = filesOf(objects, history.commits[1]?.tree ?? "");
    expect(new TextDecoder().decode(backend.get("src/server.js"))).toBe("server v1\n");
  });

  it("gives the same commit ids for the same manifests and blobs, every time", async () => {
    const a = await firstRun();
    const b = await firstRun();
    const first = await deriveHistory([a.run], a.read);
    const second = await deriveHistory([structuredClone(b.run)], b.read);
    expect(second.commits.map((c) => c.id)).toEqual(first.commits.map((c) => c.id));
    expect([...second.objects.keys()].sort()).toEqual([...first.objects.keys()].sort());
  });

  it("pins the ids of a known input: any change to how history is derived changes every project's commits", async () => {
    // Clones made before such a change would no longer fast-forward. If this fails on purpose,
    // say so in the change and keep serving old heads (workers/git/routes.ts falls back to the
    // pack cached for the stored head).
    const { run, read } = await firstRun();
    const history = await deriveHistory([run], read);
    expect(history.commits.map((c) => c.id.slice(0, 12))).toEqual(PINNED);
  });

  it("changes the ids when a finish time, a model or a file changes", async () => {
    const { run, read } = await firstRun();
    const base = (await deriveHistory([run], read)).head;
    const later = structuredClone(run);
    const devops = later.steps[3];
    if (!devops) throw new Error("no devops step");
    later.steps = later.steps.map((s) => (s.role === "devops" ? { ...devops, finishedAt: "2026-01-01T11:00:00.000Z" } : s));
    expect((await deriveHistory([later], read)).head).not.toBe(base);
    const otherModel = { ...run, steps: run.steps.map((s) => ({ ...s, model: "openai" })) };
    expect((await deriveHistory([otherModel], read)).head).not.toBe(base);
  });

  it("puts a later run's commits on top of the earlier run's head, leaving those ids as they were", async () => {
    const { run, read } = await firstRun();
    const one = await deriveHistory([run], read);
    const edit: HistoryRun = { id: "2", steps: [step("backend", 30, [run.steps[0]?.files[0] ?? { path: "", sha256: "" }])] };
    // The edit writes the plan's content into a new path: a new file, same blob.
    edit.steps = [{ ...step("backend", 30, []), files: [{ path: "docs/copy.json", sha256: run.steps[0]?.files[0]?.sha256 ?? "" }] }];
    const two = await deriveHistory([run, edit], read);
    expect(two.commits.slice(0, 5).map((c) => c.id)).toEqual(one.commits.map((c) => c.id));
    expect(two.commits[5]?.parent).toBe(one.head);
    expect(two.commits).toHaveLength(6);
  });

  it("lets a newer file replace a file that stood where it needs a folder, and says so", async () => {
    const s = await store({ a: "a\n", b: "b\n" });
    const runs: HistoryRun[] = [
      {
        id: "1",
        steps: [step("backend", 1, [{ path: "lib", sha256: s.sha("a") }]), step("frontend", 2, [{ path: "lib/x.js", sha256: s.sha("b") }])],
      },
    ];
    const history = await deriveHistory(runs, s.read);
    const objects = objectsOf(history);
    expect([...filesOf(objects, history.commits[1]?.tree ?? "").keys()]).toEqual(["lib/x.js"]);
    expect(parseCommit(objects.get(history.head ?? "")?.data ?? new Uint8Array()).message).toContain("D lib\nA lib/x.js\n");
  });

  it("has no head and no commits without a finished run", async () => {
    const history = await deriveHistory([], async () => new Uint8Array());
    expect(history.head).toBeNull();
    expect(history.commits).toEqual([]);
  });

  it("reaches every object of a commit's tree and its ancestors, and nothing newer", async () => {
    const { run, read } = await firstRun();
    const history = await deriveHistory([run], read);
    const all = reachable(history, [history.head ?? ""]);
    expect(all.size).toBe(history.objects.size);
    const backend = history.commits[1]?.id ?? "";
    const early = reachable(history, [backend]);
    expect(early.has(history.commits[0]?.id ?? "")).toBe(true);
    expect(early.has(history.commits[2]?.id ?? "")).toBe(false);
  });
});
