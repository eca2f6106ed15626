import { describe, expect, it } from "vitest";
import { BASE, call, newSession } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { finishedProject, galleryIds, setVisibility } from "../../helpers/community";

/** Every way a visitor without the owner's credentials reads a project, and its status. */
async function visitorStatuses(id: string): Promise<Record<string, number>> {
  const paths = {
    page: `/p/${id}`,
    project: `/p/${id}/project`,
    file: `/p/${id}/files/src/server.js`,
    zip: `/p/${id}/zip`,
    community: `/p/${id}/community`,
  };
  const out: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) out[name] = (await call(path)).status;
  const socket = await call(`/p/${id}/events`, { headers: { upgrade: "websocket" } });
  out.socket = socket.status;
  socket.webSocket?.accept();
  socket.webSocket?.close(1000, "probe");
  // git's first request of a clone, with no credentials (scripts/check-git.mjs clones for real).
  out.clone = (await call(`/git/${id}.git/info/refs?service=git-upload-pack`)).status;
  return out;
}

const ALL_OPEN = { page: 200, project: 200, file: 200, zip: 200, community: 200, socket: 101, clone: 200 };
const ALL_CLOSED = { page: 404, project: 404, file: 404, zip: 404, community: 404, socket: 404, clone: 401 };

async function watch(path: string) {
  const res = await call(path, { headers: { upgrade: "websocket" } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`expected 101, got ${res.status}`);
  ws.accept();
  let closed: number | null = null;
  ws.addEventListener("close", (e) => (closed = e.code));
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!check()) throw new Error("condition not met");
  };
  return { ws, until, closedWith: () => closed };
}

describe("visibility", () => {
  it("is private by default: nothing is readable without the owner's credentials", async () => {
    const { id } = await finishedProject();
    expect(await visitorStatuses(id)).toEqual(ALL_CLOSED);
  });

  it("public: the page, files, ZIP, socket and counts open to anyone, and the gallery lists it", async () => {
    const { id, auth, word } = await finishedProject();
    const res = await setVisibility(id, auth, "public", "Ana García");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ publication: { visibility: "public", requested: "public", hold: null, parent: null } });
    expect(await visitorStatuses(id)).toEqual(ALL_OPEN);
    expect(await (await call(`/p/${id}/files/src/server.js`)).text()).toBe("console.log('hola');\n");
    const page = await call(`/p/${id}`);
    expect(page.headers.get("x-robots-tag")).toBeNull();
    expect(page.headers.get("content-security-policy")).toContain("require-trusted-types-for 'script'");
    expect(await galleryIds(word)).toEqual([id]);
    const entry = (await (await call(`/api/gallery?q=${word}`)).json()) as { entries: Array<Record<string, unknown>> };
    expect(entry.entries[0]).toMatchObject({
      id,
      name: `Demo ${word}`,
      summary: "Una demo para probar.",
      language: "JavaScript",
      model: "blueprint",
      files: 2,
      author: "Ana García",
      path: `/p/${id}`,
    });
  });

  it("unlisted: open to anyone with the link, never listed, never indexed", async () => {
    const { id, auth, word } = await finishedProject();
    expect((await setVisibility(id, auth, "unlisted")).status).toBe(200);
    expect(await visitorStatuses(id)).toEqual(ALL_OPEN);
    expect((await call(`/p/${id}`)).headers.get("x-robots-tag")).toBe("noindex");
    expect(await galleryIds(word)).toEqual([]);
  });

  it("going private cuts the page, files, ZIP, counts and the gallery at once, and closes public sockets", async () => {
    const { id, auth, token, word } = await finishedProject();
    await setVisibility(id, auth, "public");
    const visitor = await watch(`/p/${id}/events`);
    const owner = await watch(`/api/projects/${id}/events?token=${token}`);
    expect((await setVisibility(id, auth, "private")).status).toBe(200);
    await visitor.until(() => visitor.closedWith() === 4403);
    expect(await visitorStatuses(id)).toEqual(ALL_CLOSED);
    expect(await galleryIds(word)).toEqual([]);
    // The owner keeps everything.
    expect(owner.closedWith()).toBeNull();
    expect((await call(`/api/projects/${id}/zip`, { headers: auth })).status).toBe(200);
    owner.ws.close(1000, "done");
  });

  it("gives public visitors a clone command with no password, never the project's clone token", async () => {
    const { id, auth } = await finishedProject();
    await setVisibility(id, auth, "public");
    const info = (await (await call(`/p/${id}/git`)).json()) as { command: string; cloneUrl: string };
    expect(info.command).toBe(`git clone ${BASE}/git/${id}.git`);
    const owner = (await (await call(`/api/projects/${id}/git`, { headers: auth })).json()) as { cloneUrl: string };
    expect(info.cloneUrl).not.toBe(owner.cloneUrl);
    expect(JSON.stringify(info)).not.toContain(new URL(owner.cloneUrl).password);
  });

  it("keeps share links working whatever the visibility, and refuses a wrong token even on a public project", async () => {
    const { id, auth } = await finishedProject();
    const share = (await (await call(`/api/projects/${id}/share`, { method: "POST", headers: auth })).json()) as { path: string };
    expect((await call(share.path)).status).toBe(200);
    await setVisibility(id, auth, "public");
    expect((await call(`/p/${id}?s=${"0".repeat(64)}`)).status).toBe(404);
    await setVisibility(id, auth, "private");
    expect((await call(share.path)).status).toBe(200);
  });

  it("is the owner's to change: others get 404, anonymous callers 401, bad values 400", async () => {
    const { id, auth } = await finishedProject();
    const stranger = await newSession();
    expect((await setVisibility(id, stranger.auth, "public")).status).toBe(404);
    expect((await setVisibility(id, {}, "public")).status).toBe(401);
    const bad = await call(`/api/projects/${id}`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ visibility: "everyone" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.field).toBe("visibility");
  });

  it("keeps a project whose files hold a secret unlisted, and tells only its owner where the secret is", async () => {
    const { id, auth, word } = await finishedProject({
      files: { "src/config.js": "export const config = {\n  apiKey: 'sk-live-1234567890abcdefghijklmnop',\n};\n" },
    });
    const res = await setVisibility(id, auth, "public");
    expect(await res.json()).toEqual({
      publication: {
        visibility: "unlisted",
        requested: "public",
        hold: { code: "secret_found", path: "src/config.js", line: 2 },
        parent: null,
      },
    });
    expect(await galleryIds(word)).toEqual([]);
    expect((await call(`/p/${id}`)).status).toBe(200);
    const visitorInfo = await (await call(`/p/${id}/community`)).json();
    expect(JSON.stringify(visitorInfo)).not.toContain("config.js");
    const ownerInfo = (await (await call(`/api/projects/${id}/community`, { headers: auth })).json()) as { publication: unknown };
    expect(ownerInfo.publication).toMatchObject({ hold: { code: "secret_found", path: "src/config.js" } });
  });

  it("scans the idea and the name too", async () => {
    const { id, auth, word } = await finishedProject({ idea: "una app con la clave AKIAABCDEFGHIJKLMNOP para S3" });
    const res = (await (await setVisibility(id, auth, "public")).json()) as { publication: { visibility: string; hold: unknown } };
    expect(res.publication).toMatchObject({ visibility: "unlisted", hold: { code: "secret_found", path: "(idea)", line: 1 } });
    expect(await galleryIds(word)).toEqual([]);
  });

  it("refreshes a visible project's gallery entry when its run completes, and holds it back if a secret appeared", async () => {
    const { env } = await import("cloudflare:workers");
    const { randomId, sha256Hex } = await import("../../../shared/ids");
    const { blobKey } = await import("../../../workflows/files/storage");
    const session = await newSession();
    const id = randomId("prj");
    const word = `w${randomId("x", 10).slice(2)}`;
    const room = env.PROJECTS.getByName(id);
    await room.create({ id, accountId: session.accountId, name: `Live ${word}`, prompt: `una app ${word}`, model: "blueprint" });
    await room.stepStarted("r1", "backend", 1);
    expect((await setVisibility(id, session.auth, "public")).status).toBe(200);
    expect(await galleryIds(word)).toEqual([id]);
    const content = "const password = 'hunter2hunter2';\n";
    const sha256 = await sha256Hex(content);
    await env.ARTIFACTS.put(blobKey(id, sha256), content);
    await room.fileWritten("r1", "backend", 1, { path: "src/db.js", size: content.length, sha256 });
    await room.complete("r1");
    for (let i = 0; i < 100 && (await galleryIds(word)).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await galleryIds(word)).toEqual([]);
    expect(await room.publication()).toMatchObject({
      visibility: "unlisted",
      requested: "public",
      hold: { code: "secret_found", path: "src/db.js" },
    });
  });
});
