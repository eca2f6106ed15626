import { concat } from "./objects";
import type { GitObject, GitObjectType } from "./objects";

/**
 * A git packfile (version 2) holding whole objects, no deltas: at a generated project's size the
 * pack stays small, and every client can read it. Objects go commits first, then trees, then
 * blobs, each zlib-deflated; the trailer is the SHA-1 of everything before it.
 */

const TYPE_CODES: Record<GitObjectType, number> = { commit: 1, tree: 2, blob: 3 };
const ORDER: Record<GitObjectType, number> = { commit: 0, tree: 1, blob: 2 };

export async function buildPack(objects: Iterable<GitObject>): Promise<Uint8Array> {
  // Sorted within a type too, so the same objects always give the same bytes.
  const list = [...objects].sort((a, b) => ORDER[a.type] - ORDER[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const header = new Uint8Array(12);
  header.set([0x50, 0x41, 0x43, 0x4b], 0);
  const view = new DataView(header.buffer);
  view.setUint32(4, 2);
  view.setUint32(8, list.length);
  const parts: Uint8Array[] = [header];
  for (const object of list) {
    parts.push(entryHeader(TYPE_CODES[object.type], object.data.byteLength), await deflate(object.data));
  }
  const body = concat(parts);
  const trailer = new Uint8Array(await crypto.subtle.digest("SHA-1", body));
  return concat([body, trailer]);
}

/** Type in bits 4-6 of the first byte, then the size 4 bits first and 7 bits per byte after. */
export function entryHeader(type: number, size: number): Uint8Array {
  const bytes: number[] = [];
  let rest = Math.floor(size / 16);
  let byte = (type << 4) | (size & 0x0f);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Uint8Array.from(bytes);
}

/** zlib framing (RFC 1950), which is what "deflate" means to CompressionStream and what git reads. */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
