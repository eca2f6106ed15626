import { z } from "zod";
import type { GithubExportEvent } from "../../shared/protocol";
import { FIRST_RUN } from "../../shared/runs";
import { reachable } from "../../workflows/git/history";
import type { History } from "../../workflows/git/history";
import { TREE_MODE, parseCommit, parseTree } from "../../workflows/git/objects";
import { encodeBase64 } from "../lib/key-crypto";
import { GitHubError } from "./client";
import type { GitHubClient } from "./client";

/**
 * Pushes a project's history to a GitHub repository through the Git Data API (blobs, trees,
 * commits, refs), keeping every commit's author, date and message, so the ids match the clone's.
 * Never forces over anyone's work: a branch that holds commits AUTOCREA did not make is left as
 * it is and the history goes to `autocrea/<run>` instead. The one forced update replaces the
 * README commit GitHub itself made when this export created the repository (`auto_init`, needed
 * because the Git Data API refuses an empty repository).
 */

export interface ExportTarget {
  owner: string;
  name: string;
  branch: string;
  private: boolean;
  description: string;
}

export type ExportResult = Omit<Extract<GithubExportEvent, { status: "pushed" }>, "type" | "status">;
export type ExportProgress = (phase: "repository" | "objects" | "ref", detail?: string) => Promise<void>;

/** The export cannot go on for a reason of its own (not an answer from GitHub). */
export class ExportError extends Error {
  override readonly name = "ExportError";
  constructor(
    readonly code: "not_ready" | "github_conflict" | "github_mismatch",
    message: string,
  ) {
    super(message);
  }
}

const repoSchema = z.object({ full_name: z.string(), html_url: z.string(), default_branch: z.string() }).loose();
const refSchema = z.object({ object: z.object({ sha: z.string() }).loose() }).loose();
const shaSchema = z.object({ sha: z.string() }).loose();
const userSchema = z.object({ login: z.string() }).loose();
const contentsSchema = z.object({ commit: z.object({ sha: z.string() }).loose() }).loose();

/** Blobs go up a few at a time: GitHub asks clients not to flood it with concurrent writes. */
const BLOB_CONCURRENCY = 4;

export async function exportHistory(
  gh: GitHubClient,
  history: History,
  target: ExportTarget,
  progress: ExportProgress,
): Promise<ExportResult> {
  const head = history.head;
  if (!head) throw new ExportError("not_ready", "the project has no finished run to export yet");
  const repoPath = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.name)}`;
  await progress("repository", `${target.owner}/${target.name}`);
  let repo = await gh.optional("GET", repoPath, repoSchema);
  let created = false;
  /** Commits GitHub made for this very export, which our history may replace. */
  const replaceable = new Set<string>();
  if (!repo) {
    const user = await gh.request("GET", "/user", userSchema);
    const path =
      user.login.toLowerCase() === target.owner.toLowerCase() ? "/user/repos" : `/orgs/${encodeURIComponent(target.owner)}/repos`;
    repo = await gh.request("POST", path, repoSchema, {
      name: target.name,
      private: target.private,
      auto_init: true,
      description: target.description,
    });
    created = true;
  }
  const branchHead = async (branch: string): Promise<string | null> => {
    try {
      return (await gh.optional("GET", `${repoPath}/git/ref/heads/${refPath(branch)}`, refSchema))?.object.sha ?? null;
    } catch (err) {
      if (!(err instanceof GitHubError) || err.code !== "github_empty_repository") throw err;
      // An empty repository (made elsewhere without a first commit) takes no Git Data: give it
      // one through the contents API, and let our history replace that commit.
      const init = await gh.request("PUT", `${repoPath}/contents/README.md`, contentsSchema, {
        message: "Initial commit",
        content: encodeBase64(new TextEncoder().encode(`# ${target.name}\n`)),
      });
      replaceable.add(init.commit.sha);
      return gh.optional("GET", `${repoPath}/git/ref/heads/${refPath(branch)}`, refSchema).then((r) => r?.object.sha ?? null);
    }
  };
  if (created) {
    const init = await branchHead(repo.default_branch);
    if (init) replaceable.add(init);
  }

  const ours = new Set(history.commits.map((c) => c.id));
  const run = history.commits.at(-1)?.run ?? FIRST_RUN;
  const sent = new Map<string, string>();
  let branch = target.branch;
  let diverged = false;
  let pushedAny = false;
  // Each pass looks at the branch as it is now; a ref update GitHub refuses (422: it moved in
  // the meantime) sends us round again, never to a forced push.
  for (let pass = 0; pass < 4; pass++) {
    const remote = await branchHead(branch);
    const url = `${repo.html_url}/tree/${branch}`;
    const done = (upToDate: boolean): ExportResult => ({
      repo: `${target.owner}/${target.name}`,
      branch,
      url,
      commit: sent.get(head) ?? head,
      created,
      diverged,
      upToDate,
    });
    if (remote !== null && (remote === head || remote === sent.get(head))) return done(!pushedAny);
    const mode = remote === null ? "create" : ours.has(remote) ? "fast-forward" : replaceable.has(remote) ? "replace" : "diverged";
    if (mode === "diverged") {
      if (branch !== target.branch) {
        throw new ExportError(
          "github_conflict",
          `both ${target.branch} and ${branch} of ${target.owner}/${target.name} have commits AUTOCREA did not make; nothing was overwritten`,
        );
      }
      branch = `autocrea/${run}`;
      diverged = true;
      continue;
    }
    const tip = await pushObjects(gh, repoPath, history, mode === "fast-forward" ? remote : null, sent, progress);
    pushedAny = true;
    await progress("ref", branch);
    try {
      if (mode === "create") await gh.request("POST", `${repoPath}/git/refs`, refSchema, { ref: `refs/heads/${branch}`, sha: tip });
      else await gh.request("PATCH", `${repoPath}/git/refs/heads/${refPath(branch)}`, refSchema, { sha: tip, force: mode === "replace" });
      return done(false);
    } catch (err) {
      if (err instanceof GitHubError && err.code === "github_unprocessable") continue;
      throw err;
    }
  }
  throw new ExportError(
    "github_conflict",
    `${branch} of ${target.owner}/${target.name} kept moving while we pushed; nothing was overwritten`,
  );
}

/**
 * Sends the objects GitHub lacks (everything not reachable from `base`), children before parents
 * as the history lists them, and returns GitHub's id of the head commit. `sent` remembers what
 * is already there across passes, and maps our commit ids to GitHub's.
 */
async function pushObjects(
  gh: GitHubClient,
  repoPath: string,
  history: History,
  base: string | null,
  sent: Map<string, string>,
  progress: ExportProgress,
): Promise<string> {
  const head = history.head ?? "";
  const present = base ? reachable(history, [base]) : new Set<string>();
  const needed = [...history.objects.values()].filter((o) => !present.has(o.id) && !sent.has(o.id));
  await progress("objects", `${needed.length} objects`);
  const check = (ours: string, theirs: string) => {
    if (ours !== theirs) throw new ExportError("github_mismatch", `GitHub computed ${theirs} for object ${ours}: the export stopped`);
    sent.set(ours, theirs);
  };
  const blobs = needed.filter((o) => o.type === "blob");
  for (let i = 0; i < blobs.length; i += BLOB_CONCURRENCY) {
    await Promise.all(
      blobs.slice(i, i + BLOB_CONCURRENCY).map(async (blob) => {
        const made = await gh.request("POST", `${repoPath}/git/blobs`, shaSchema, { content: encodeBase64(blob.data), encoding: "base64" });
        check(blob.id, made.sha);
      }),
    );
  }
  for (const tree of needed.filter((o) => o.type === "tree")) {
    const entries = parseTree(tree.data).map((e) =>
      e.mode === TREE_MODE
        ? { path: e.name, mode: "040000", type: "tree", sha: e.id }
        : { path: e.name, mode: e.mode, type: "blob", sha: e.id },
    );
    check(tree.id, (await gh.request("POST", `${repoPath}/git/trees`, shaSchema, { tree: entries })).sha);
  }
  for (const commit of needed.filter((o) => o.type === "commit")) {
    const fields = parseCommit(commit.data);
    const person = (s: typeof fields.author) => ({
      name: s.name,
      email: s.email,
      date: new Date(s.seconds * 1000).toISOString().replace(".000Z", "Z"),
    });
    const made = await gh.request("POST", `${repoPath}/git/commits`, shaSchema, {
      message: fields.message,
      tree: fields.tree,
      parents: fields.parents.map((p) => sent.get(p) ?? p),
      author: person(fields.author),
      committer: person(fields.committer),
    });
    // A commit id may differ if GitHub ever wrote commits differently; the chain stays whole
    // because each parent is GitHub's id of the commit before.
    sent.set(commit.id, made.sha);
  }
  return sent.get(head) ?? head;
}

/** A branch name in a URL path: its slashes stay, everything else is escaped. */
function refPath(branch: string): string {
  return branch.split("/").map(encodeURIComponent).join("/");
}
