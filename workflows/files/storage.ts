import { sha256Hex } from "../../shared/ids";
import type { Role } from "../../shared/roles";
import type { Usage } from "../../shared/protocol";

/**
 * R2 layout, per project:
 *   projects/<id>/blobs/<sha256>      file contents, content-addressed (a retried step rewrites
 *                                     the same key with the same bytes, so nothing duplicates)
 *   projects/<id>/steps/<role>.json   the step's manifest: which path holds which blob
 *   projects/<id>/project.zip         the finished project
 * Manifests per role are what a git export needs for one commit per role.
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
export const blobKey = (projectId: string, sha256: string) => `${base(projectId)}/blobs/${sha256}`;
export const manifestKey = (projectId: string, role: Role) => `${base(projectId)}/steps/${role}.json`;
export const zipKey = (projectId: string) => `${base(projectId)}/project.zip`;

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

export async function putManifest(bucket: R2Bucket, projectId: string, manifest: StepManifest): Promise<void> {
  await bucket.put(manifestKey(projectId, manifest.role), JSON.stringify(manifest), {
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
