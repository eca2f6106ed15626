import { concat } from "../../workflows/git/objects";
import { FLUSH, PktLineError, parsePktLines, pktLine, sideband } from "./pkt-line";

/**
 * The server side of git's upload-pack (protocol v0, stateless as smart HTTP is): the ref
 * advertisement, the want/have negotiation and the pack. Pure: the route supplies refs, which
 * commits exist and the pack bytes.
 */

export const ZERO_ID = "0000000000000000000000000000000000000000";
const OBJECT_ID = /^[0-9a-f]{40}$/;

/**
 * multi_ack_detailed because fetch-pack over HTTP insists on it (or on nothing) once it sends
 * haves; no ofs-delta or thin-pack: our packs hold whole objects; no shallow: clones are whole.
 */
export function capabilities(hasMain: boolean): string {
  return [
    "multi_ack_detailed",
    "side-band-64k",
    "no-progress",
    ...(hasMain ? ["symref=HEAD:refs/heads/main"] : []),
    "object-format=sha1",
    "agent=autocrea/1",
  ].join(" ");
}

export interface AdvertisedRef {
  name: string;
  target: string;
}

/** `GET info/refs?service=git-upload-pack`: the service line, a flush, HEAD and the branches. */
export function advertisement(refs: readonly AdvertisedRef[]): Uint8Array {
  const main = refs.find((r) => r.name === "refs/heads/main");
  const lines: Array<{ target: string; name: string }> = [...(main ? [{ target: main.target, name: "HEAD" }] : []), ...refs];
  const caps = capabilities(main !== undefined);
  const parts = [pktLine("# service=git-upload-pack\n"), FLUSH];
  // An empty repository still sends its capabilities, on a line naming no ref.
  if (lines.length === 0) parts.push(pktLine(`${ZERO_ID} capabilities^{}\0${caps}\n`));
  for (const [i, ref] of lines.entries()) {
    parts.push(pktLine(i === 0 ? `${ref.target} ${ref.name}\0${caps}\n` : `${ref.target} ${ref.name}\n`));
  }
  parts.push(FLUSH);
  return concat(parts);
}

export interface UploadRequest {
  wants: string[];
  haves: string[];
  /** The client is done negotiating and expects the pack. */
  done: boolean;
  capabilities: Set<string>;
}

export class UploadRequestError extends Error {
  override readonly name = "UploadRequestError";
}

export function parseUploadRequest(body: Uint8Array): UploadRequest {
  let lines: Array<string | null>;
  try {
    lines = parsePktLines(body);
  } catch (err) {
    throw new UploadRequestError(err instanceof PktLineError ? err.message : "unreadable request");
  }
  const request: UploadRequest = { wants: [], haves: [], done: false, capabilities: new Set() };
  for (const line of lines) {
    if (line === null) continue;
    const [verb, id, ...rest] = line.split(" ");
    if (verb === "want" && id && OBJECT_ID.test(id)) {
      if (request.wants.length === 0) for (const cap of rest) if (cap) request.capabilities.add(cap);
      if (!request.wants.includes(id)) request.wants.push(id);
    } else if (verb === "have" && id && OBJECT_ID.test(id)) {
      request.haves.push(id);
    } else if (line === "done") {
      request.done = true;
    } else if (verb === "shallow" || verb === "deepen" || verb === "deepen-since" || verb === "deepen-not") {
      throw new UploadRequestError("shallow clones are not supported: clone without --depth");
    } else if (verb === "filter") {
      throw new UploadRequestError("partial clones are not supported: clone without --filter");
    } else {
      throw new UploadRequestError(`unexpected line in the request: ${line.slice(0, 80)}`);
    }
  }
  if (request.wants.length === 0) throw new UploadRequestError("the request wants nothing");
  return request;
}

export interface Negotiation {
  /** ACK/NAK lines for this round, already framed. */
  lines: Uint8Array;
  /** The client's haves that are commits of ours, in the order it sent them. */
  common: string[];
}

/**
 * One stateless round of multi_ack_detailed: `ACK <id> common` for every have we know, then `NAK`
 * while the client is still negotiating. Once it says `done`: a final `ACK <last common>`, or
 * `NAK` when nothing is common, and the pack follows. The client resends the commons it learnt
 * in each request, so nothing needs remembering between requests.
 */
export function negotiate(request: UploadRequest, isCommit: (id: string) => boolean): Negotiation {
  const common = request.haves.filter(isCommit);
  const parts = common.map((id) => pktLine(`ACK ${id} common\n`));
  const last = common.at(-1);
  if (!request.done) parts.push(pktLine("NAK\n"));
  else parts.push(pktLine(last ? `ACK ${last}\n` : "NAK\n"));
  return { lines: concat(parts), common };
}

/** The pack after the negotiation lines: in side-band-64k packets ending in a flush, or raw. */
export function framePack(request: UploadRequest, pack: Uint8Array): Uint8Array {
  // Only side-band-64k is advertised, so a client asks for it or for no side band at all.
  return request.capabilities.has("side-band-64k") ? concat([sideband(1, pack), FLUSH]) : pack;
}

/** An `ERR` line, which git prints as `remote error: <message>` and stops. */
export function errorLine(message: string): Uint8Array {
  return pktLine(`ERR ${message}\n`);
}
