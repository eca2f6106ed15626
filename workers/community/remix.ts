import { isOpen } from "../../shared/community";
import { PROJECT_ID, randomId } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import { FIRST_RUN } from "../../shared/runs";
import { blobKey, zipKey } from "../../workflows/files/storage";
import { MAX_NAME } from "../projects/start";
import { log } from "../lib/log";
import { addRemix } from "./counters";
import { loadHistoryRuns } from "../../workflows/git/history-source";
import { publishHistory } from "../../workflows/git/publish";
import { NotOwnerError, RemovedError } from "./publish";
import type { ApiErrorCode } from "../../shared/error-codes";
import { startFollowUp } from "../projects/start-follow-up";
import { errorCodeOf } from "../projects/start-errors";

/** The source has no finished run yet: there is nothing to copy. */
export class NothingToRemixError extends Error {
  override readonly name = "NothingToRemixError";
}

export interface RemixRequest {
  sourceId: string;
  accountId: string;
  /** What to change in the copy: an edit run follows the copy (see `followUpEdit`). */
  instruction?: string;
  /** Derived from a chat delivery, so a redelivered `/remix` lands on the copy it made. */
  id?: string;
  origin: string;
}

export interface Remix {
  view: ProjectView;
  parent: { id: string; name: string };
  /** False when this request had already made the copy (a retried chat delivery). */
  created: boolean;
  /**
   * What became of the instruction; null when none was given. `refused`: the copy is made, but the
   * edit could not start (credits, limits, a change the offline model cannot make), and why.
   */
  edit: { status: "started"; run: string } | { status: "refused"; code: ApiErrorCode; message: string } | null;
}

/**
 * A new project in the remixer's account that starts as the source stood at its latest finished
 * run: the same files (copied blobs, the same ZIP), a first run of kind `remix` with a link back
 * to its parent, and the source's history kept so its authors stay visible: the remix's `main`
 * is the source's latest commit, and its later runs add commits on top. The copy is free (no
 * Workflow, no credits). Anyone may remix a public or unlisted project, and owners their own.
 */
export async function remixProject(env: Env, req: RemixRequest): Promise<Remix> {
  if (!PROJECT_ID.test(req.sourceId)) throw new NotOwnerError("project not found");
  const sourceRoom = env.PROJECTS.getByName(req.sourceId);
  const source = await sourceRoom.read();
  const mine = source?.accountId === req.accountId;
  if (!source || (!mine && !isOpen(source.publication.visibility))) throw new NotOwnerError("project not found");
  if (source.publication.removed && !mine) throw new RemovedError("an admin removed this project");
  const packaged = await sourceRoom.packagedRun();
  if (!packaged) throw new NothingToRemixError("the project has no finished run to copy yet");
  const files = await sourceRoom.currentFiles(packaged.runId);
  const parent = { id: req.sourceId, name: source.view.name };
  // The source's history as it stands: its completed runs, where their manifests are, and every
  // blob any of its commits holds (the remix's history is derived from them, in its own R2).
  const inherited = await sourceRoom.historyRuns();
  const history = await loadHistoryRuns(env, req.sourceId);
  const blobs = new Set([
    ...files.map((f) => f.sha256),
    ...history.flatMap((run) => run.steps.flatMap((step) => step.files.map((f) => f.sha256))),
  ]);

  const id = req.id ?? randomId("prj");
  const room = env.PROJECTS.getByName(id);
  const existing = await room.read();
  if (existing) {
    // A derived id that lands on someone else's project is a collision, never a redelivery.
    if (existing.accountId !== req.accountId) throw new Error(`project id collision for ${id}`);
    return { view: existing.view, parent, created: false, edit: null };
  }
  // Blobs and the ZIP first: once the room exists, everything it names is there to serve.
  await Promise.all([...blobs].map((sha256) => copyObject(env.ARTIFACTS, blobKey(req.sourceId, sha256), blobKey(id, sha256))));
  await copyObject(env.ARTIFACTS, zipKey(packaged), zipKey({ projectId: id, runId: FIRST_RUN, legacy: false }));
  const made = await room.create({
    id,
    accountId: req.accountId,
    name: remixName(source.view.name),
    prompt: source.view.prompt,
    model: source.view.model,
    kind: "remix",
    baseFiles: files,
    roles: [],
    parent,
    inheritedHistory: inherited,
  });
  // Two deliveries racing past the check above: the room lets one of them make the copy.
  if (!made.created) return { view: made.view, parent, created: false, edit: null };
  await room.complete(FIRST_RUN);
  await publishRemixHistory(env, id);
  await env.ACCOUNTS.getByName(req.accountId).addProject({ id, name: made.view.name, createdAt: made.view.createdAt });
  await addRemix(env.DB, req.sourceId, id, req.accountId);
  log("community.remix", { project: id, parent: req.sourceId, account: req.accountId, origin: req.origin, files: files.length });
  const edit = req.instruction ? await followUpEdit(env, id, req) : null;
  const view = (await room.read())?.view ?? made.view;
  return { view, parent, created: true, edit };
}

/**
 * The one place a remix's instruction becomes an edit run of the copy (`startFollowUp`, billed
 * and limited as any edit). The copy stands whatever happens here: a refusal is reported back
 * with its code, worded by each front-end.
 */
async function followUpEdit(env: Env, projectId: string, req: RemixRequest): Promise<Remix["edit"]> {
  try {
    const { run } = await startFollowUp(env, {
      accountId: req.accountId,
      projectId,
      kind: "edit",
      text: req.instruction ?? "",
      origin: req.origin,
    });
    return { status: "started", run: run.id };
  } catch (err) {
    const refusal = errorCodeOf(err);
    if (!refusal) throw err;
    return { status: "refused", code: refusal.code, message: refusal.message };
  }
}

/**
 * `main` of the remix at its source's latest commit. A failure here is not the remix's: the
 * first `git clone` publishes the history itself (workers/git/routes.ts).
 */
async function publishRemixHistory(env: Env, id: string): Promise<void> {
  try {
    await publishHistory(env, id);
  } catch (err) {
    log("community.remix_history", { project: id, outcome: "error", detail: err instanceof Error ? err.message : "unknown" });
  }
}

function remixName(name: string): string {
  const suffix = " (remix)";
  return `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/** Copies one R2 object; one already at the target (a retried remix) is left as it is. */
async function copyObject(bucket: R2Bucket, from: string, to: string): Promise<void> {
  if (await bucket.head(to)) return;
  const object = await bucket.get(from);
  if (!object) throw new Error(`${from} is missing from R2`);
  await bucket.put(to, await object.arrayBuffer(), object.httpMetadata ? { httpMetadata: object.httpMetadata } : {});
}
