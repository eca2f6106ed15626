import JSZip from "jszip";

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** Entries sit at the root of the archive, so `unzip` in an empty folder gives the project. */
export async function buildZip(entries: readonly ZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  // A fixed date keeps the archive byte-identical when a retried step rebuilds it.
  const date = new Date(Date.UTC(2026, 0, 1));
  for (const entry of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
    zip.file(entry.path, entry.bytes, { date, createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
