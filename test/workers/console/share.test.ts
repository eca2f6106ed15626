import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { LiveMessage } from "../../../shared/protocol";
import { randomId, sha256Hex } from "../../../shared/ids";
import { blobKey } from "../../../workflows/files/storage";
import { call, newSession, postJson } from "../../helpers/api";

/** A project owned by a fresh dev account, with one file written by the backend. */
async function ownedProject(content = "console.log('hola');\n") {
  const session = await newSession();
  const id = randomId("prj");
  const room = env.PROJECTS.getByName(id);
  await room.create({ id, accountId: session.accountId, name: "Demo", prompt: "una app", model: "blueprint" });
  const sha256 = await sha256Hex(content);
  await env.ARTIFACTS.put(blobKey(id, sha256), content);
  await room.stepStarted("r1", "backend", 1);
  await room.fileWritten("r1", "backend", 1, { path: "src/server.js", size: content.length, sha256 });
  return { ...session, id, room };
}

async function share(id: string, auth: Record<string, string>): Promise<{ url: string; path: string; token: string }> {
  const res = await call(`/api/projects/${id}/share`, { method: "POST", headers: auth });
  expect(res.status).toBe(201);
  const body: { url: string; path: string } = await res.json();
  return { ...body, token: new URL(body.url).searchParams.get("s") ?? "" };
}

/** A socket that records everything, including viewer counts and its close code. */
async function watch(path: string) {
  const res = await call(path, { headers: { upgrade: "websocket" } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`expected 101, got ${res.status}`);
  ws.accept();
  const messages: LiveMessage[] = [];
  let closed: number | null = null;
  // Handlers return nothing: workerd warns about (and ignores) a returned value.
  ws.addEventListener("message", (e) => {
    if (typeof e.data === "string") messages.push(JSON.parse(e.data));
  });
  ws.addEventListener("close", (e) => {
    closed = e.code;
  });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!check()) throw new Error(`condition not met; messages: ${JSON.stringify(messages).slice(0, 300)}`);
  };
  const lastCount = () => messages.filter((m) => m.type === "viewers").at(-1);
  return { ws, messages, until, lastCount, closedWith: () => closed };
}

describe("share links", () => {
  it("lets anyone with the link load the page and read the files, never with a wrong token", async () => {
    const { id, auth } = await ownedProject();
    const { path, token } = await share(id, auth);
    expect(path).toBe(`/p/${id}?s=${token}`);

    const page = await call(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");

    const project = await call(`/p/${id}/project?s=${token}`);
    expect(await project.json()).toMatchObject({ id, name: "Demo", files: [{ path: "src/server.js" }] });

    const file = await call(`/p/${id}/files/src/server.js?s=${token}`);
    expect(await file.text()).toBe("console.log('hola');\n");
    expect(file.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");

    for (const bad of [`/p/${id}`, `/p/${id}?s=${"0".repeat(64)}`, `/p/${id}?s=short`, `/p/${randomId("prj")}?s=${token}`]) {
      expect((await call(bad)).status).toBe(404);
    }
    expect((await call(`/p/${id}/files/src/server.js?s=${"0".repeat(64)}`)).status).toBe(404);
    expect((await call(`/p/${id}/project?s=${"0".repeat(64)}`)).status).toBe(404);
  });

  it("is only the owner's to make, read and revoke", async () => {
    const { id } = await ownedProject();
    const stranger = await newSession();
    for (const method of ["POST", "GET", "DELETE"]) {
      expect((await call(`/api/projects/${id}/share`, { method, headers: stranger.auth })).status).toBe(404);
      expect((await call(`/api/projects/${id}/share`, { method })).status).toBe(401);
    }
  });

  it("is read-only: the token opens no owner route, and viewers' messages change nothing", async () => {
    const { id, auth, room } = await ownedProject();
    const { token } = await share(id, auth);
    expect((await call(`/api/projects/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await call(`/api/projects/${id}?s=${token}`)).status).toBe(401);
    expect((await postJson(`/p/${id}?s=${token}`, { prompt: "x" })).status).toBe(404);
    expect((await call(`/p/${id}/share?s=${token}`, { method: "DELETE" })).status).toBe(404);

    const viewer = await watch(`/p/${id}/events?s=${token}&after=0`);
    await viewer.until(() => viewer.messages.length >= 4);
    const before = (await room.read())?.view;
    viewer.ws.send(JSON.stringify({ type: "status", status: "completed" }));
    viewer.ws.send(JSON.stringify({ type: "file", role: "backend", path: "evil.js", size: 1 }));
    await new Promise((r) => setTimeout(r, 100));
    expect((await room.read())?.view).toEqual(before);
    viewer.ws.close(1000, "done");
  });

  it("streams the same live events to share viewers and tells everyone how many are watching", async () => {
    const { id, auth, token: ownerToken, room } = await ownedProject();
    const { token } = await share(id, auth);
    const owner = await watch(`/api/projects/${id}/events?token=${ownerToken}&viewers=1`);
    await owner.until(() => owner.lastCount()?.type === "viewers");
    expect(owner.messages[0]?.type).toBe("snapshot");
    expect(owner.lastCount()).toEqual({ type: "viewers", count: 1 });

    const guest = await watch(`/p/${id}/events?s=${token}&viewers=1`);
    await owner.until(() => JSON.stringify(owner.lastCount()) === JSON.stringify({ type: "viewers", count: 2 }));
    await guest.until(() => guest.lastCount() !== undefined);
    expect(guest.messages[0]?.type).toBe("snapshot");
    expect(guest.lastCount()).toEqual({ type: "viewers", count: 2 });
    // The count carries no seq: it is not an event and never moves ?after=.
    expect(guest.lastCount()).not.toHaveProperty("seq");

    await room.delta("r1", "backend", 1, "hola");
    await guest.until(() => guest.messages.some((m) => m.type === "delta"));
    await owner.until(() => owner.messages.some((m) => m.type === "delta"));

    guest.ws.close(1000, "bye");
    await owner.until(() => owner.lastCount()?.type === "viewers" && owner.lastCount()?.count === 1);
    owner.ws.close(1000, "done");
  });

  it("sends no viewer counts to clients that did not ask, so existing clients see only events", async () => {
    const { id, token: ownerToken, room } = await ownedProject();
    const plain = await watch(`/api/projects/${id}/events?token=${ownerToken}&after=0`);
    const other = await watch(`/api/projects/${id}/events?token=${ownerToken}&after=0`);
    await room.delta("r1", "backend", 1, "x");
    await plain.until(() => plain.messages.some((m) => m.type === "delta"));
    expect(plain.messages.every((m) => m.type !== "viewers" && typeof m.seq === "number")).toBe(true);
    plain.ws.close(1000, "done");
    other.ws.close(1000, "done");
  });

  it("revokes: the link stops working and its viewers are disconnected, the owner's socket stays", async () => {
    const { id, auth, token: ownerToken } = await ownedProject();
    const { token } = await share(id, auth);
    const owner = await watch(`/api/projects/${id}/events?token=${ownerToken}&viewers=1`);
    const guest = await watch(`/p/${id}/events?s=${token}`);
    await owner.until(() => owner.lastCount()?.type === "viewers" && owner.lastCount()?.count === 2);

    const info = await call(`/api/projects/${id}/share`, { headers: auth });
    expect(await info.json()).toMatchObject({ active: true });
    expect((await call(`/api/projects/${id}/share`, { method: "DELETE", headers: auth })).status).toBe(204);
    await guest.until(() => guest.closedWith() === 4403);
    await owner.until(() => owner.lastCount()?.type === "viewers" && owner.lastCount()?.count === 1);
    expect(owner.closedWith()).toBeNull();

    expect((await call(`/p/${id}?s=${token}`)).status).toBe(404);
    expect((await call(`/p/${id}/events?s=${token}`, { headers: { upgrade: "websocket" } })).status).toBe(404);
    expect((await call(`/p/${id}/files/src/server.js?s=${token}`)).status).toBe(404);
    expect(await (await call(`/api/projects/${id}/share`, { headers: auth })).json()).toEqual({ active: false });
    owner.ws.close(1000, "done");
  });

  it("replaces the old link when the owner makes a new one", async () => {
    const { id, auth } = await ownedProject();
    const first = await share(id, auth);
    const second = await share(id, auth);
    expect(second.token).not.toBe(first.token);
    expect((await call(first.path)).status).toBe(404);
    expect((await call(second.path)).status).toBe(200);
  });
});
