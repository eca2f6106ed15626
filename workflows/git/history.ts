import type { Role } from "../../shared/roles";
import { FILE_MODE, TREE_MODE, encodeCommit, encodeTree, gitObject } from "./objects";
import type { GitObject, Signature, TreeEntry } from "./objects";

/**
 * A project's git history, derived from its step manifests and nothing else: one commit per role
 * step, in run order, each holding the whole project as it stood after that step. The same
 * manifests and blobs always give the same commit ids, so the history is never stored, only its
 * head (in the project's Durable Object) and a pack per head (in R2).
 */

export interface HistoryFile {
  path: string;
  sha256: string;
}

/** What a commit needs from a step manifest (workflows/files/storage.ts `StepManifest` fits). */
export interface HistoryStep {
  role: Role;
  model: string;
  finishedAt: string;
  files: readonly HistoryFile[];
}

/** One finished run: its steps in the order they ran. Later runs build on earlier ones. */
export interface HistoryRun {
  id: string;
  steps: readonly HistoryStep[];
}

export interface HistoryCommit {
  id: string;
  run: string;
  role: Role;
  tree: string;
  parent: string | null;
  subject: string;
}

export interface History {
  /** The last commit, or null for a project with no finished run. */
  head: string | null;
  /** Oldest first. */
  commits: HistoryCommit[];
  objects: Map<string, GitObject>;
  /** What each commit and tree points to (a commit: its tree and parent), for reachability. */
  links: Map<string, string[]>;
}

export type BlobReader = (sha256: string) => Promise<Uint8Array>;

const ROLE_NAMES: Record<Role, string> = {
  architect: "Architect",
  backend: "Backend",
  frontend: "Frontend",
  devops: "DevOps",
  security: "Security",
};

/** `Architect (AUTOCREA) <architect@autocrea.invalid>`: `.invalid` can never be someone's address. */
export function roleSignature(role: Role, seconds: number): Signature {
  return { name: `${ROLE_NAMES[role]} (AUTOCREA)`, email: `${role}@autocrea.invalid`, seconds };
}

export async function deriveHistory(runs: readonly HistoryRun[], readBlob: BlobReader): Promise<History> {
  const objects = new Map<string, GitObject>();
  const links = new Map<string, string[]>();
  const blobIds = new Map<string, string>();
  const blobId = async (sha256: string): Promise<string> => {
    const known = blobIds.get(sha256);
    if (known) return known;
    const blob = await gitObject("blob", await readBlob(sha256));
    objects.set(blob.id, blob);
    blobIds.set(sha256, blob.id);
    return blob.id;
  };

  const project = new Map<string, string>();
  const commits: HistoryCommit[] = [];
  let parent: string | null = null;
  for (const run of runs) {
    for (const step of run.steps) {
      const changes: string[] = [];
      for (const file of step.files) {
        const id = await blobId(file.sha256);
        const before = project.get(file.path);
        if (before === id) continue;
        for (const gone of conflicting(project, file.path)) {
          project.delete(gone);
          changes.push(`D ${gone}`);
        }
        project.set(file.path, id);
        changes.push(`${before === undefined ? "A" : "M"} ${file.path}`);
      }
      const tree = await writeTree(project, objects, links);
      const seconds = Math.floor(Date.parse(step.finishedAt) / 1000);
      if (!Number.isFinite(seconds)) throw new Error(`the ${step.role} manifest of run ${run.id} has no valid finishedAt`);
      const { subject, message } = commitMessage(step, changes);
      const commit = await gitObject(
        "commit",
        encodeCommit({
          tree,
          parents: parent ? [parent] : [],
          author: roleSignature(step.role, seconds),
          committer: roleSignature(step.role, seconds),
          message,
        }),
      );
      objects.set(commit.id, commit);
      links.set(commit.id, parent ? [tree, parent] : [tree]);
      commits.push({ id: commit.id, run: run.id, role: step.role, tree, parent, subject });
      parent = commit.id;
    }
  }
  return { head: parent, commits, objects, links };
}

/** Every object reachable from `from` (commits, their trees, subtrees and blobs). */
export function reachable(history: Pick<History, "links">, from: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of history.links.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/**
 * Paths a new file at `path` cannot live beside: a file where it needs a folder (`a` for `a/b`)
 * or a folder where it is a file (`a/b/...` for `a/b`). The newer write wins, as it would on disk.
 */
function conflicting(project: ReadonlyMap<string, string>, path: string): string[] {
  const out: string[] = [];
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    if (project.has(prefix)) out.push(prefix);
  }
  for (const existing of project.keys()) if (existing.startsWith(`${path}/`)) out.push(existing);
  return out.sort();
}

/**
 * The role, the model and the files touched (A added, M modified, D gone). Nothing else: a run id
 * or a storage detail in here would change every commit id when storage changes.
 */
function commitMessage(step: HistoryStep, changes: readonly string[]): { subject: string; message: string } {
  const name = ROLE_NAMES[step.role];
  const count = changes.length === 0 ? "no changes" : changes.length === 1 ? "1 file" : `${changes.length} files`;
  const subject = `${name}: ${count} (${step.model})`;
  const sorted = [...changes].sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : a.slice(2) > b.slice(2) ? 1 : 0));
  const body = [`Role: ${step.role}`, `Model: ${step.model}`];
  return { subject, message: `${[subject, "", ...body, ...(sorted.length ? ["", ...sorted] : [])].join("\n")}\n` };
}

interface Folder {
  files: Map<string, string>;
  folders: Map<string, Folder>;
}

async function writeTree(project: ReadonlyMap<string, string>, objects: Map<string, GitObject>, links: Map<string, string[]>) {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const [path, id] of project) {
    const parts = path.split("/");
    const name = parts.pop() ?? path;
    let folder = root;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { files: new Map(), folders: new Map() };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.set(name, id);
  }
  const write = async (folder: Folder): Promise<string> => {
    const entries: TreeEntry[] = [...folder.files].map(([name, id]) => ({ name, mode: FILE_MODE, id }));
    for (const [name, child] of folder.folders) entries.push({ name, mode: TREE_MODE, id: await write(child) });
    const tree = await gitObject("tree", encodeTree(entries));
    objects.set(tree.id, tree);
    links.set(
      tree.id,
      entries.map((e) => e.id),
    );
    return tree.id;
  };
  return write(root);
}
