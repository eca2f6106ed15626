import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, PROJECT_ID, hex, idFromSeed, randomId, sha256Hex } from "../../shared/ids";

describe("shared ids", () => {
  it("makes random ids of the readable alphabet that the id patterns accept, each different", () => {
    const ids = Array.from({ length: 50 }, () => randomId("prj"));
    for (const id of ids) expect(id).toMatch(PROJECT_ID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(randomId("acc")).toMatch(ACCOUNT_ID);
    // No 0/o, 1/l: ids are read aloud and typed from chat messages.
    expect(ids.join("")).not.toMatch(/[01lo]/);
  });

  it("derives the same id from the same seed (a redelivered chat message lands on its project)", async () => {
    const a = await idFromSeed("prj", "discord:1234");
    expect(a).toMatch(PROJECT_ID);
    expect(await idFromSeed("prj", "discord:1234")).toBe(a);
    expect(await idFromSeed("prj", "discord:1235")).not.toBe(a);
  });

  it("hashes with SHA-256 in lowercase hex", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(new Uint8Array([0, 15, 255]))).toBe("000fff");
  });
});
