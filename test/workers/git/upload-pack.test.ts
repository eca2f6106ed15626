import { describe, expect, it } from "vitest";
import { PktLineError, parsePktLines, pktLine, sideband } from "../../../workers/git/pkt-line";
import { UploadRequestError, advertisement, framePack, negotiate, parseUploadRequest } from "../../../workers/git/upload-pack";
import { pktLines, text } from "../../helpers/git";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const body = (...lines: Array<string | null>) => {
  const parts = lines.map((l) => (l === null ? new TextEncoder().encode("0000") : pktLine(`${l}\n`)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};
const lines = (bytes: Uint8Array) => pktLines(bytes).map(text);

describe("pkt-lines", () => {
  it("prefixes the length in four hex digits, counting themselves", () => {
    expect(text(pktLine("a\n"))).toBe("0006a\n");
    expect(text(pktLine("# service=git-upload-pack\n"))).toBe("001e# service=git-upload-pack\n");
  });

  it("cuts side-band data into packets git accepts (65520 bytes at most)", () => {
    const framed = sideband(1, new Uint8Array(70_000).fill(7));
    const packets = pktLines(framed);
    expect(packets.map((p) => p?.byteLength)).toEqual([65516, 4486]);
    expect(packets.every((p) => p?.[0] === 1)).toBe(true);
  });

  it("reads lines and flushes back, and refuses malformed framing", () => {
    expect(parsePktLines(body("want x", null, "done"))).toEqual(["want x", null, "done"]);
    expect(() => parsePktLines(new TextEncoder().encode("00zz"))).toThrowError(PktLineError);
    expect(() => parsePktLines(new TextEncoder().encode("0009ab"))).toThrowError(PktLineError);
  });
});

describe("the ref advertisement", () => {
  it("starts with the service line and a flush, names HEAD as main with its capabilities, and ends in a flush", () => {
    const out = lines(advertisement([{ name: "refs/heads/main", target: A }]));
    expect(out[0]).toBe("# service=git-upload-pack\n");
    expect(out[1]).toBeNull();
    const [head, caps] = (out[2] ?? "").split("\0");
    expect(head).toBe(`${A} HEAD`);
    expect(caps?.trim().split(" ")).toEqual(
      expect.arrayContaining(["multi_ack_detailed", "side-band-64k", "no-progress", "symref=HEAD:refs/heads/main", "object-format=sha1"]),
    );
    expect(out[3]).toBe(`${A} refs/heads/main\n`);
    expect(out[4]).toBeNull();
    expect(out).toHaveLength(5);
  });

  it("still sends its capabilities when the repository is empty", () => {
    const out = lines(advertisement([]));
    expect(out[2]?.startsWith(`${"0".repeat(40)} capabilities^{}\0`)).toBe(true);
    expect(out[2]).not.toContain("symref");
  });
});

describe("upload-pack requests", () => {
  it("reads wants with the first line's capabilities, haves and done", () => {
    const request = parseUploadRequest(
      body(`want ${A} multi_ack_detailed side-band-64k agent=git/2.39`, `want ${B}`, null, `have ${C}`, "done"),
    );
    expect(request.wants).toEqual([A, B]);
    expect(request.haves).toEqual([C]);
    expect(request.done).toBe(true);
    expect([...request.capabilities]).toEqual(["multi_ack_detailed", "side-band-64k", "agent=git/2.39"]);
  });

  it.each([
    [body(`want ${A}`, "deepen 1", null, "done"), "shallow"],
    [body(`want ${A}`, "filter blob:none", null, "done"), "partial"],
    [body(null, "done"), "wants nothing"],
    [body(`want ${A}`, "push everything", null), "unexpected line"],
    [new TextEncoder().encode("zzzz"), "bad pkt-line"],
  ])("refuses what it does not do (%#)", (bytes, why) => {
    expect(() => parseUploadRequest(bytes)).toThrowError(UploadRequestError);
    expect(() => parseUploadRequest(bytes)).toThrowError(why);
  });
});

describe("negotiation (multi_ack_detailed, stateless)", () => {
  const ours = (id: string) => id === A || id === B;

  it("answers NAK to a round with nothing in common, and to a clone's done", () => {
    expect(lines(negotiate(parseUploadRequest(body(`want ${A}`, null, `have ${C}`, null)), ours).lines)).toEqual(["NAK\n"]);
    expect(lines(negotiate(parseUploadRequest(body(`want ${A}`, null, "done")), ours).lines)).toEqual(["NAK\n"]);
  });

  it("acknowledges every common have, then NAK while the client is still negotiating", () => {
    const round = negotiate(parseUploadRequest(body(`want ${A}`, null, `have ${C}`, `have ${B}`, null)), ours);
    expect(lines(round.lines)).toEqual([`ACK ${B} common\n`, "NAK\n"]);
    expect(round.common).toEqual([B]);
  });

  it("ends with a plain ACK of the last common commit once the client is done", () => {
    const final = negotiate(parseUploadRequest(body(`want ${A}`, null, `have ${B}`, `have ${C}`, "done")), ours);
    expect(lines(final.lines)).toEqual([`ACK ${B} common\n`, `ACK ${B}\n`]);
  });

  it("frames the pack in side-band-64k when asked, raw otherwise", () => {
    const pack = new TextEncoder().encode("PACK…");
    const banded = framePack(parseUploadRequest(body(`want ${A} side-band-64k`, null, "done")), pack);
    expect(pktLines(banded).map((p) => (p ? p[0] : null))).toEqual([1, null]);
    expect(framePack(parseUploadRequest(body(`want ${A}`, null, "done")), pack)).toEqual(pack);
  });
});
