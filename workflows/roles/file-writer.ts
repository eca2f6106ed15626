import type { ParsedFile } from "../files/parser";
import { LIMITS, UnsafeOutputError, checkFileSize, checkProjectTotals, safePath } from "../files/limits";
import { mergeManifests, putBlob } from "../files/storage";
import type { ManifestFile, StepManifest } from "../files/storage";
import { log } from "../../workers/lib/log";
import { sha256Hex } from "../../shared/ids";
import { PLAN_PATH } from "../plan";
import { extractExports } from "./exports";
import type { Role } from "../../shared/roles";

export interface FileSink {
  role: Role;
  projectId: string;
  bucket: R2Bucket;
  prior: readonly StepManifest[];
  reporter: { file(file: { path: string; size: number; sha256: string }): Promise<void> };
}

/**
 * Checks each file against the limits, stores it content-addressed, and reports it. Keeps this
 * step's contents so they can be validated (and repaired) before the step ends; a later write of
 * the same path replaces the earlier one.
 */
export class FileWriter {
  readonly files = new Map<string, ManifestFile>();
  readonly contents = new Map<string, string>();
  private readonly sizes: Map<string, number>;
  /** Paths whose content is kept but not stored until `write(..., { now: true })`: a file finished later. */
  private readonly deferred = new Set<string>();
  private readonly stored = new Set<string>();

  constructor(private readonly sink: FileSink) {
    this.sizes = new Map([...mergeManifests(sink.prior)].map(([path, f]) => [path, f.size]));
  }

  defer(path: string): void {
    this.deferred.add(path);
  }

  async write(file: ParsedFile, options: { now?: boolean } = {}): Promise<void> {
    const path = safePath(file.path);
    // The plan is the architect's alone: models echo it back because the prompt shows it, and a
    // changed copy would change what every later role (and the ZIP) reads.
    if (path === PLAN_PATH && this.sink.role !== "architect") {
      log("step.ignored_file", { project: this.sink.projectId, role: this.sink.role, path });
      return;
    }
    if (this.deferred.has(path) && !options.now) {
      this.contents.set(path, file.content);
      return;
    }
    const bytes = new TextEncoder().encode(file.content);
    checkFileSize(path, bytes.byteLength);
    this.sizes.set(path, bytes.byteLength);
    checkProjectTotals(this.sizes);
    if (!this.files.has(path) && this.files.size >= LIMITS.maxFiles) {
      throw new UnsafeOutputError("too_many_files", `the ${this.sink.role} role wrote more than ${LIMITS.maxFiles} files`);
    }
    const sha256 = await sha256Hex(bytes);
    // Same bytes, same key: writing it again within a step would only risk R2's per-key write rate.
    if (!this.stored.has(sha256)) await putBlob(this.sink.bucket, this.sink.projectId, bytes, sha256);
    this.stored.add(sha256);
    this.files.set(path, { path, size: bytes.byteLength, sha256, exports: extractExports(path, file.content) });
    this.contents.set(path, file.content);
    await this.sink.reporter.file({ path, size: bytes.byteLength, sha256 });
  }
}
