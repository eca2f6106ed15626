import { sha256Hex } from "../../shared/ids";
import type { Role } from "../../shared/roles";
import type { Usage } from "../../shared/protocol";
import type { RunLocation } from "../../shared/runs";

/**
 * R2 layout, per project:
 *   projects/<id>/blobs/<sha256>                 file contents, content-addressed and shared by
 *                                                every run of the project (a retried step rewrites
 *                                                the same key with the same bytes)
 *   projects/<id>/runs/<run>/steps/<role>.json   a run's step manifest: which path holds which blob
 *   projects/<id>/runs/<run>/project.zip         the project as that run finished it
 * Manifests per role are what a git export needs for one commit per role.
 *
 * Runs that started before runs existed (`legacy`) keep the keys of that time:
 * `projects/<id>/steps/<role>.json` and `projects/<id>/project.zip`.
 */

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  /** Interface lines (exports, routes) later roles see instead of the content. */
  exports: string[];
}

export interface StepManifest {
  role: Role;
  model: string;
  attempt: number;
  files: ManifestFile[];
  usage: Usage;
  finishedAt: string;
}

const base = (projectId: string) => `projects/${projectId}`;
const runBase = (run: RunLocation) => (run.legacy ? base(run.projectId) : `${base(run.projectId)}/runs/${run.runId}`);
export const blobKey = (projectId: string, sha256: string) => `${base(projectId)}/blobs/${sha256}`;
export const manifestKey = (run: RunLocation, role: Role) => `${runBase(run)}/steps/${role}.json`;
export const zipKey = (run: RunLocation) => `${runBase(run)}/project.zip`;

export async function putBlob(bucket: R2Bucket, projectId: string, bytes: Uint8Array, known?: string): Promise<string> {
  const sha256 = known ?? (await sha256Hex(bytes));
  await bucket.put(blobKey(projectId, sha256), bytes, { sha256 });
  return sha256;
}

export async function getBlob(bucket: R2Bucket, projectId: string, sha256: string): Promise<Uint8Array> {
  const object = await bucket.get(blobKey(projectId, sha256));
  if (!object) throw new Error(`blob ${sha256} of project ${projectId} is missing from R2`);
  return new Uint8Array(await object.arrayBuffer());
}

export async function putManifest(bucket: R2Bucket, run: RunLocation, manifest: StepManifest): Promise<void> {
  await bucket.put(manifestKey(run, manifest.role), JSON.stringify(manifest), {
    httpMetadata: { contentType: "application/json" },
  });
}

/** The project as it stands after `manifests`: a later role's version of a path wins. */
export function mergeManifests(manifests: readonly StepManifest[]): Map<string, ManifestFile & { role: Role }> {
  const files = new Map<string, ManifestFile & { role: Role }>();
  for (const manifest of manifests) {
    for (const file of manifest.files) files.set(file.path, { ...file, role: manifest.role });
  }
  return files;
}
