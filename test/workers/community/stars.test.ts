import { describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";
import { finishedProject, setVisibility } from "../../helpers/community";

const star = (id: string, auth: Record<string, string>, method: "PUT" | "DELETE") =>
  call(`/api/projects/${id}/star`, { method, headers: auth });

describe("stars", () => {
  it("are one per account and project: starring twice or unstarring twice changes nothing", async () => {
    const { id, auth } = await finishedProject();
    await setVisibility(id, auth, "public");
    const [ana, luis] = [await newSession(), await newSession()];
    expect(await (await star(id, ana.auth, "PUT")).json()).toEqual({ starred: true, stars: 1 });
    expect(await (await star(id, ana.auth, "PUT")).json()).toEqual({ starred: true, stars: 1 });
    expect(await (await star(id, luis.auth, "PUT")).json()).toEqual({ starred: true, stars: 2 });
    expect(await (await star(id, ana.auth, "DELETE")).json()).toEqual({ starred: false, stars: 1 });
    expect(await (await star(id, ana.auth, "DELETE")).json()).toEqual({ starred: false, stars: 1 });
    const info = await (await call(`/p/${id}/community`, { headers: luis.auth })).json();
    expect(info).toMatchObject({ stars: 1, starred: true });
    expect(await (await call(`/p/${id}/community`)).json()).toMatchObject({ stars: 1, starred: false });
  });

  it("count towards the gallery entry, and survive a trip through private", async () => {
    const { id, auth, word } = await finishedProject();
    await setVisibility(id, auth, "unlisted");
    await star(id, (await newSession()).auth, "PUT");
    await setVisibility(id, auth, "private");
    await setVisibility(id, auth, "public");
    const body = (await (await call(`/api/gallery?q=${word}`)).json()) as { entries: Array<{ stars: number }> };
    expect(body.entries[0]?.stars).toBe(1);
  });

  it("need an account, and a project the caller can see", async () => {
    const { id, auth } = await finishedProject();
    const other = await newSession();
    expect((await star(id, other.auth, "PUT")).status).toBe(404);
    expect((await star(id, {}, "PUT")).status).toBe(401);
    // Owners may star their own, even private.
    expect((await star(id, auth, "PUT")).status).toBe(200);
  });
});
