import { hex } from "../../shared/ids";

/**
 * Git's loose object format, the part a repository needs: blobs, trees and commits. Object ids
 * are SHA-1 over `"<type> <length>\0"` followed by the content (not the SHA-256 the R2 keys use).
 */

export type GitObjectType = "commit" | "tree" | "blob";

export interface GitObject {
  type: GitObjectType;
  id: string;
  /** The content without the `"<type> <length>\0"` header: what a pack entry deflates. */
  data: Uint8Array;
}

export const FILE_MODE = "100644";
export const TREE_MODE = "40000";

export interface TreeEntry {
  name: string;
  mode: typeof FILE_MODE | typeof TREE_MODE;
  id: string;
}

export interface Signature {
  name: string;
  email: string;
  /** Seconds since the epoch; the zone is always UTC (+0000). */
  seconds: number;
}

export interface CommitFields {
  tree: string;
  parents: readonly string[];
  author: Signature;
  committer: Signature;
  message: string;
}

const encoder = new TextEncoder();

export async function gitObject(type: GitObjectType, data: Uint8Array): Promise<GitObject> {
  const header = encoder.encode(`${type} ${data.byteLength}\0`);
  const full = new Uint8Array(header.byteLength + data.byteLength);
  full.set(header, 0);
  full.set(data, header.byteLength);
  return { type, id: hex(await crypto.subtle.digest("SHA-1", full)), data };
}

/**
 * Git sorts tree entries by name bytes, comparing a subtree as if its name ended in "/": `a.js`
 * comes before `a/`, which comes before `a0`. `git fsck` rejects trees sorted any other way.
 */
export function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const left = encoder.encode(a.mode === TREE_MODE ? `${a.name}/` : a.name);
  const right = encoder.encode(b.mode === TREE_MODE ? `${b.name}/` : b.name);
  const n = Math.min(left.byteLength, right.byteLength);
  for (let i = 0; i < n; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.byteLength - right.byteLength;
}

/** `<mode> <name>\0<20-byte id>` per entry, in git's order. */
export function encodeTree(entries: readonly TreeEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of [...entries].sort(compareEntries)) {
    parts.push(encoder.encode(`${entry.mode} ${entry.name}\0`), fromHex(entry.id));
  }
  return concat(parts);
}

export function encodeCommit(fields: CommitFields): Uint8Array {
  const lines = [`tree ${fields.tree}`, ...fields.parents.map((p) => `parent ${p}`)];
  lines.push(`author ${signature(fields.author)}`, `committer ${signature(fields.committer)}`);
  return encoder.encode(`${lines.join("\n")}\n\n${fields.message}`);
}

function signature(s: Signature): string {
  return `${s.name} <${s.email}> ${s.seconds} +0000`;
}

export function fromHex(id: string): Uint8Array {
  if (!/^[0-9a-f]{40}$/.test(id)) throw new Error(`not a git object id: ${id.slice(0, 60)}`);
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) out[i] = Number.parseInt(id.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A tree's entries back from its encoding (for exports that send trees entry by entry). */
export function parseTree(data: Uint8Array): TreeEntry[] {
  const decoder = new TextDecoder();
  const entries: TreeEntry[] = [];
  let i = 0;
  while (i < data.byteLength) {
    const space = data.indexOf(0x20, i);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.byteLength) throw new Error("malformed tree");
    const mode = decoder.decode(data.subarray(i, space));
    if (mode !== FILE_MODE && mode !== TREE_MODE) throw new Error(`unexpected tree entry mode ${mode}`);
    entries.push({ mode, name: decoder.decode(data.subarray(space + 1, nul)), id: hex(data.subarray(nul + 1, nul + 21)) });
    i = nul + 21;
  }
  return entries;
}

/** A commit's fields back from its encoding (for exports that send commits field by field). */
export function parseCommit(data: Uint8Array): CommitFields {
  const text = new TextDecoder().decode(data);
  const split = text.indexOf("\n\n");
  if (split < 0) throw new Error("malformed commit");
  const headers = text.slice(0, split).split("\n");
  const value = (name: string) => headers.filter((h) => h.startsWith(`${name} `)).map((h) => h.slice(name.length + 1));
  const person = (line: string | undefined): Signature => {
    const match = line?.match(/^(.*) <(.*)> (\d+) \+0000$/);
    if (!match?.[1] || match[2] === undefined || !match[3]) throw new Error(`malformed signature: ${line ?? ""}`);
    return { name: match[1], email: match[2], seconds: Number(match[3]) };
  };
  const tree = value("tree")[0];
  if (!tree) throw new Error("commit without a tree");
  return {
    tree,
    parents: value("parent"),
    author: person(value("author")[0]),
    committer: person(value("committer")[0]),
    message: text.slice(split + 2),
  };
}
