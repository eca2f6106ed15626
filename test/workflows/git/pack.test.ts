import { describe, expect, it } from "vitest";
import { hex } from "../../../shared/ids";
import { gitObject } from "../../../workflows/git/objects";
import { buildPack, entryHeader } from "../../../workflows/git/pack";
import { readPack } from "../../helpers/git";

describe("packfiles", () => {
  it("encodes an entry's type and size as git does: 4 bits, then 7 bits per byte", () => {
    expect([...entryHeader(3, 5)]).toEqual([0x35]);
    expect([...entryHeader(3, 15)]).toEqual([0x3f]);
    // 16 = 0b1_0000: low nibble 0 with the continuation bit, then 1.
    expect([...entryHeader(3, 16)]).toEqual([0xb0, 0x01]);
    expect([...entryHeader(1, 300)]).toEqual([0x9c, 0x12]);
    expect([...entryHeader(2, 1_048_576)]).toEqual([0xa0, 0x80, 0x80, 0x04]);
  });

  it("holds every object, deflated, behind a 'PACK' v2 header and a SHA-1 trailer", async () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    const objects = [
      await gitObject("blob", new TextEncoder().encode("hello\n")),
      await gitObject("blob", big),
      await gitObject("blob", new Uint8Array()),
    ];
    const pack = await buildPack(objects);
    expect(new TextDecoder().decode(pack.subarray(0, 4))).toBe("PACK");
    expect(new DataView(pack.buffer, pack.byteOffset).getUint32(8)).toBe(3);
    const trailer = hex(pack.subarray(pack.byteLength - 20));
    expect(hex(await crypto.subtle.digest("SHA-1", pack.subarray(0, pack.byteLength - 20)))).toBe(trailer);
    const read = await readPack(pack);
    expect([...read.keys()].sort()).toEqual(objects.map((o) => o.id).sort());
    expect(read.get(objects[1]?.id ?? "")?.data).toEqual(big);
    // Deflated: the repetitive blob takes far less than its size.
    expect(pack.byteLength).toBeLessThan(big.byteLength / 2);
  });

  it("gives the same bytes for the same objects in any order", async () => {
    const a = await gitObject("blob", new TextEncoder().encode("a"));
    const b = await gitObject("blob", new TextEncoder().encode("b"));
    expect(await buildPack([a, b])).toEqual(await buildPack([b, a]));
  });
});
