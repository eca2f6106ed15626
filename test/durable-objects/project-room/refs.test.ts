import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

describe("ProjectRoom git refs: compare-and-swap", () => {
  it("creates a branch only if it is absent, and moves it only from the value the caller saw", async () => {
    const room = env.PROJECTS.getByName(randomId("prj"));
    expect(await room.gitRefs()).toEqual([]);
    expect(await room.updateRef("refs/heads/main", null, A)).toEqual({ ok: true });
    expect(await room.updateRef("refs/heads/main", null, B)).toEqual({ ok: false, reason: "moved", current: A });
    expect(await room.updateRef("refs/heads/main", C, B)).toEqual({ ok: false, reason: "moved", current: A });
    expect(await room.updateRef("refs/heads/main", A, B)).toEqual({ ok: true });
    expect(await room.gitRef("refs/heads/main")).toBe(B);
    expect(await room.gitRefs()).toEqual([{ name: "refs/heads/main", target: B }]);
  });

  it("lets exactly one of two writers that saw the same value win", async () => {
    const room = env.PROJECTS.getByName(randomId("prj"));
    await room.updateRef("refs/heads/main", null, A);
    const results = await Promise.all([room.updateRef("refs/heads/main", A, B), room.updateRef("refs/heads/main", A, C)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toEqual({ ok: false, reason: "moved", current: results[0]?.ok ? B : C });
  });

  it("deletes a branch with null, and refuses names and ids that are not git's", async () => {
    const room = env.PROJECTS.getByName(randomId("prj"));
    await room.updateRef("refs/heads/autocrea/1", null, A);
    expect(await room.updateRef("refs/heads/autocrea/1", A, null)).toEqual({ ok: true });
    expect(await room.gitRefs()).toEqual([]);
    expect(await room.updateRef("refs/heads/../x", null, A)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await room.updateRef("HEAD", null, A)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await room.updateRef("refs/heads/main", null, "xyz")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await room.gitRefs()).toEqual([]);
  });
});
