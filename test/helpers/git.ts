import { inflateSync } from "node:zlib";
import { hex } from "../../shared/ids";

/**
 * Reading git's wire formats back, so tests check what a client would receive: pkt-lines,
 * side-band-64k and packfiles. Independent of the product's encoders on purpose.
 */

export interface PackedObject {
  type: "commit" | "tree" | "blob";
  data: Uint8Array;
}

const TYPES = { 1: "commit", 2: "tree", 3: "blob" } as const;

/** Splits a response into pkt-line payloads (null for flush) until `stopAt` says the rest is raw. */
export function pktLines(bytes: Uint8Array): Array<Uint8Array | null> {
  const out: Array<Uint8Array | null> = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    const length = Number.parseInt(new TextDecoder().decode(bytes.subarray(offset, offset + 4)), 16);
    if (Number.isNaN(length)) throw new Error(`bad pkt-line at ${offset}`);
    if (length === 0) {
      out.push(null);
      offset += 4;
      continue;
    }
    out.push(bytes.subarray(offset + 4, offset + length));
    offset += length;
  }
  return out;
}

export const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

/** An upload-pack answer: the ACK/NAK lines, then the pack from band 1 (side-band-64k). */
export function splitUploadPackResult(bytes: Uint8Array): { lines: string[]; pack: Uint8Array } {
  const lines: string[] = [];
  const pack: Uint8Array[] = [];
  for (const payload of pktLines(bytes)) {
    if (payload === null) continue;
    if (payload[0] === 1) pack.push(payload.subarray(1));
    else if (payload[0] === 2 || payload[0] === 3) throw new Error(`band ${payload[0]}: ${text(payload.subarray(1))}`);
    else lines.push(text(payload) ?? "");
  }
  const total = new Uint8Array(pack.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of pack) {
    total.set(p, at);
    at += p.byteLength;
  }
  return { lines, pack: total };
}

/** Every object of a pack (no deltas expected), keyed by id, after checking the trailer. */
export async function readPack(pack: Uint8Array): Promise<Map<string, PackedObject>> {
  if (text(pack.subarray(0, 4)) !== "PACK") throw new Error("not a pack");
  const view = new DataView(pack.buffer, pack.byteOffset, pack.byteLength);
  if (view.getUint32(4) !== 2) throw new Error("not a version 2 pack");
  const count = view.getUint32(8);
  const trailer = hex(pack.subarray(pack.byteLength - 20));
  if (hex(await crypto.subtle.digest("SHA-1", pack.subarray(0, pack.byteLength - 20))) !== trailer) throw new Error("bad trailer");
  const objects = new Map<string, PackedObject>();
  let offset = 12;
  for (let n = 0; n < count; n++) {
    let byte = pack[offset++] ?? 0;
    const code = (byte >> 4) & 7;
    let size = byte & 15;
    let shift = 4;
    while (byte & 0x80) {
      byte = pack[offset++] ?? 0;
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    const type = code === 1 || code === 2 || code === 3 ? TYPES[code] : null;
    if (!type) throw new Error(`unexpected object type ${code}`);
    const { data, consumed } = inflatePrefix(pack.subarray(offset, pack.byteLength - 20), size);
    offset += consumed;
    const header = new TextEncoder().encode(`${type} ${data.byteLength}\0`);
    const full = new Uint8Array(header.byteLength + data.byteLength);
    full.set(header);
    full.set(data, header.byteLength);
    objects.set(hex(await crypto.subtle.digest("SHA-1", full)), { type, data });
  }
  if (offset !== pack.byteLength - 20) throw new Error("trailing bytes after the last object");
  return objects;
}

/**
 * Inflates the zlib stream at the start of `bytes` (more data follows it) and says how many bytes
 * it took. node:zlib (nodejs_compat) reports that; web DecompressionStream does not.
 */
function inflatePrefix(bytes: Uint8Array, size: number): { data: Uint8Array; consumed: number } {
  const result: unknown = inflateSync(bytes, { info: true });
  if (typeof result !== "object" || result === null || !("buffer" in result) || !("engine" in result)) throw new Error("no inflate info");
  const { buffer, engine } = result;
  if (!(buffer instanceof Uint8Array) || typeof engine !== "object" || engine === null || !("bytesWritten" in engine)) {
    throw new Error("unexpected inflate info");
  }
  if (buffer.byteLength !== size) throw new Error(`object inflates to ${buffer.byteLength} bytes, header says ${size}`);
  return { data: new Uint8Array(buffer), consumed: Number(engine.bytesWritten) };
}

export interface CommitInfo {
  tree: string;
  parents: string[];
  author: string;
  committer: string;
  message: string;
}

export function parseCommit(data: Uint8Array): CommitInfo {
  const body = new TextDecoder().decode(data);
  const split = body.indexOf("\n\n");
  const headers = body.slice(0, split).split("\n");
  const field = (name: string) => headers.filter((h) => h.startsWith(`${name} `)).map((h) => h.slice(name.length + 1));
  return {
    tree: field("tree")[0] ?? "",
    parents: field("parent"),
    author: field("author")[0] ?? "",
    committer: field("committer")[0] ?? "",
    message: body.slice(split + 2),
  };
}

/** The files of a tree, recursively: path -> content. */
export function filesOf(objects: ReadonlyMap<string, PackedObject>, treeId: string, prefix = ""): Map<string, Uint8Array> {
  const tree = objects.get(treeId);
  if (tree?.type !== "tree") throw new Error(`tree ${treeId} missing`);
  const out = new Map<string, Uint8Array>();
  const data = tree.data;
  let i = 0;
  while (i < data.byteLength) {
    const space = data.indexOf(0x20, i);
    const nul = data.indexOf(0, space);
    const mode = text(data.subarray(i, space));
    const name = text(data.subarray(space + 1, nul)) ?? "";
    const id = hex(data.subarray(nul + 1, nul + 21));
    i = nul + 21;
    if (mode === "40000") for (const [p, c] of filesOf(objects, id, `${prefix}${name}/`)) out.set(p, c);
    else {
      const blob = objects.get(id);
      if (blob?.type !== "blob") throw new Error(`blob ${id} missing`);
      out.set(`${prefix}${name}`, blob.data);
    }
  }
  return out;
}
