import { describe, expect, it } from "vitest";
import { call, newSession, postJson } from "../../helpers/api";
import { connect } from "../../helpers/sockets";
import type { Viewer } from "../../helpers/sockets";

/** vitest.config.ts sets MAX_VIEWERS_PER_PROJECT=6 and MAX_SHARE_VIEWERS_PER_IP=2 for these. */
const PER_PROJECT = 6;
const PER_CLIENT = 2;

async function sharedProject(): Promise<{ id: string; auth: Record<string, string>; token: string }> {
  const { auth } = await newSession();
  const created = await postJson("/api/projects", { prompt: "una app de notas", model: "blueprint" }, auth);
  const { id } = (await created.json()) as { id: string };
  const shared = await call(`/api/projects/${id}/share`, { method: "POST", headers: auth });
  const { url } = (await shared.json()) as { url: string };
  return { id, auth, token: new URL(url).searchParams.get("s") ?? "" };
}

const shareViewer = async (id: string, token: string, ip: string): Promise<Viewer> =>
  connect(await call(`/p/${id}/events?s=${token}`, { headers: { upgrade: "websocket", "cf-connecting-ip": ip } }));
const ownerViewer = async (id: string, auth: Record<string, string>): Promise<Viewer> =>
  connect(await call(`/api/projects/${id}/events`, { headers: { ...auth, upgrade: "websocket" } }));

/** Whether the socket got its snapshot (it was let in) rather than a close. */
async function admitted(viewer: Viewer): Promise<boolean> {
  const outcome = await Promise.race([viewer.waitFor(1, 5_000).then(() => "in"), viewer.closed.then(() => "closed")]);
  return outcome === "in";
}

describe("project sockets: viewer caps", () => {
  it("turns away a share viewer past MAX_SHARE_VIEWERS_PER_IP from one address, with a clear close reason", async () => {
    const { id, token } = await sharedProject();
    const first = await Promise.all([1, 2].map(() => shareViewer(id, token, "198.51.100.7")));
    for (const viewer of first) expect(await admitted(viewer)).toBe(true);
    const third = await shareViewer(id, token, "198.51.100.7");
    expect(await third.closed).toEqual({ code: 4429, reason: `too many viewers from your address (at most ${PER_CLIENT})` });
    expect(third.messages).toEqual([]);
    // Another address has its own seats; a closed seat is free again.
    expect(await admitted(await shareViewer(id, token, "198.51.100.8"))).toBe(true);
    first[0]?.close();
    await first[0]?.closed;
    let again = await shareViewer(id, token, "198.51.100.7");
    for (let i = 0; i < 20 && !(await admitted(again)); i++) again = await shareViewer(id, token, "198.51.100.7");
    expect(again.messages[0]).toMatchObject({ type: "snapshot" });
  });

  it("counts an IPv6 client by its /64", async () => {
    const { id, token } = await sharedProject();
    expect(await admitted(await shareViewer(id, token, "2001:db8:1:2::1"))).toBe(true);
    expect(await admitted(await shareViewer(id, token, "2001:db8:1:2:ffff::9"))).toBe(true);
    const sameNetwork = await shareViewer(id, token, "2001:0db8:0001:0002:abcd::1");
    expect((await sameNetwork.closed).code).toBe(4429);
    expect(await admitted(await shareViewer(id, token, "2001:db8:1:3::1"))).toBe(true);
  });

  it("caps share viewers and the owner's sockets at MAX_VIEWERS_PER_PROJECT each, so strangers never lock the owner out", async () => {
    const { id, auth, token } = await sharedProject();
    const seated: Viewer[] = [];
    for (let i = 0; i < PER_PROJECT; i++) seated.push(await shareViewer(id, token, `203.0.113.${i + 1}`));
    for (const viewer of seated) expect(await admitted(viewer)).toBe(true);
    const guest = await shareViewer(id, token, "203.0.113.200");
    expect(await guest.closed).toEqual({ code: 4429, reason: `too many viewers of this project (at most ${PER_PROJECT})` });
    // Strangers filling a shared project must not lock its owner out of watching it.
    const owners: Viewer[] = [];
    for (let i = 0; i < PER_PROJECT; i++) owners.push(await ownerViewer(id, auth));
    for (const viewer of owners) expect(await admitted(viewer)).toBe(true);
    // The owner's own sockets are capped too, in a pool of the same size.
    const oneTooMany = await ownerViewer(id, auth);
    expect(await oneTooMany.closed).toEqual({ code: 4429, reason: `too many viewers of this project (at most ${PER_PROJECT})` });
    for (const viewer of [...owners, ...seated]) viewer.close();
  });
});
