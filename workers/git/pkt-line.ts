import { concat } from "../../workflows/git/objects";

/**
 * Git's pkt-line framing: four hex digits giving the line's length (themselves included), then
 * the payload; `0000` is a flush. Side-band-64k wraps pack data in pkt-lines whose first payload
 * byte names the band (1 data, 2 progress, 3 error).
 */

const encoder = new TextEncoder();
/** The largest pkt-line git accepts (65520), less the 4 length digits and the band byte. */
export const SIDEBAND_CHUNK = 65515;
const MAX_PKT = 65520;

export const FLUSH = encoder.encode("0000");

export function pktLine(payload: string | Uint8Array): Uint8Array {
  const bytes = typeof payload === "string" ? encoder.encode(payload) : payload;
  const length = bytes.byteLength + 4;
  if (length > MAX_PKT) throw new Error(`pkt-line of ${length} bytes is over git's limit`);
  return concat([encoder.encode(length.toString(16).padStart(4, "0")), bytes]);
}

/** `data` on `band`, cut into as many pkt-lines as side-band-64k needs. */
export function sideband(band: 1 | 2 | 3, data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < data.byteLength; offset += SIDEBAND_CHUNK) {
    const chunk = data.subarray(offset, offset + SIDEBAND_CHUNK);
    const framed = new Uint8Array(chunk.byteLength + 1);
    framed[0] = band;
    framed.set(chunk, 1);
    parts.push(pktLine(framed));
  }
  return concat(parts);
}

export class PktLineError extends Error {
  override readonly name = "PktLineError";
}

/**
 * The lines of a request body, as text without their trailing newline; `null` for a flush (and
 * for protocol v2's delimiter and response-end packets, which a v0 request never holds).
 */
export function parsePktLines(body: Uint8Array): Array<string | null> {
  const decoder = new TextDecoder();
  const lines: Array<string | null> = [];
  let offset = 0;
  while (offset < body.byteLength) {
    if (offset + 4 > body.byteLength) throw new PktLineError("truncated pkt-line length");
    const digits = decoder.decode(body.subarray(offset, offset + 4));
    if (!/^[0-9a-f]{4}$/.test(digits)) throw new PktLineError(`bad pkt-line length ${JSON.stringify(digits)}`);
    const length = Number.parseInt(digits, 16);
    if (length < 4) {
      lines.push(null);
      offset += 4;
      continue;
    }
    if (offset + length > body.byteLength) throw new PktLineError("truncated pkt-line");
    lines.push(decoder.decode(body.subarray(offset + 4, offset + length)).replace(/\n$/, ""));
    offset += length;
  }
  return lines;
}
