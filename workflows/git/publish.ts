import { getBlob } from "../files/storage";
import { deriveHistory, reachable } from "./history";
import type { History } from "./history";
import { loadHistoryRuns } from "./history-source";
import { buildPack } from "./pack";

/** The default branch, as the project's Durable Object stores it. */
export const MAIN = "refs/heads/main";

/** `projects/<id>/git/packs/<head>.pack`: everything reachable from `head`, what a clone gets. */
export const packKey = (projectId: string, head: string) => `projects/${projectId}/git/packs/${head}.pack`;

/** The project's history as its completed runs' manifests and blobs say it is. */
export async function projectHistory(env: Env, projectId: string, including?: string): Promise<History> {
  return deriveHistory(await loadHistoryRuns(env, projectId, including), (sha256) => getBlob(env.ARTIFACTS, projectId, sha256));
}

/** The full pack for `history`'s head, built and stored in R2 unless it is there already. */
export async function storeFullPack(bucket: R2Bucket, projectId: string, history: History): Promise<Uint8Array | null> {
  if (!history.head) return null;
  const key = packKey(projectId, history.head);
  const cached = await bucket.get(key);
  if (cached) return new Uint8Array(await cached.arrayBuffer());
  const ids = reachable(history, [history.head]);
  const pack = await buildPack([...ids].flatMap((id) => history.objects.get(id) ?? []));
  await bucket.put(key, pack, { httpMetadata: { contentType: "application/x-git-packed-objects" } });
  return pack;
}

/**
 * Makes `main` point at the history's head: derives the history, stores the clone pack, records
 * each run's last commit, then moves the branch by compare-and-swap. Idempotent (a retried step
 * finds `main` already there), so the Workflow's package step can call it with the run it is
 * finishing (`including`); returns the head, or null with no completed run.
 */
export async function publishHistory(env: Env, projectId: string, including?: string): Promise<string | null> {
  const runs = await loadHistoryRuns(env, projectId, including);
  const history = await deriveHistory(runs, (sha256) => getBlob(env.ARTIFACTS, projectId, sha256));
  if (!history.head) return null;
  await storeFullPack(env.ARTIFACTS, projectId, history);
  const room = env.PROJECTS.getByName(projectId);
  // Each run ends at its last commit; a run that changed nothing ends where the one before did.
  let last: string | null = null;
  for (const run of runs) {
    last = history.commits.filter((c) => c.run === run.id).at(-1)?.id ?? last;
    if (last) await room.setRunCommit(run.id, last);
  }
  let current = await room.gitRef(MAIN);
  for (let tries = 0; current !== history.head; tries++) {
    // Another writer moved it between our read and our write: read again. The history is the
    // same for every writer, so this settles at once.
    if (tries >= 3) throw new Error(`${MAIN} of ${projectId} keeps moving; last seen at ${current}`);
    const update = await room.updateRef(MAIN, current, history.head);
    if (update.ok) break;
    if (update.reason === "invalid") throw new Error(update.message);
    current = update.current;
  }
  return history.head;
}
