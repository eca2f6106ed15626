import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId, sha256Hex } from "../../../shared/ids";
import { blobKey, zipKey } from "../../../workflows/files/storage";
import { call, newSession } from "../../helpers/api";
import { downloadZip } from "../../helpers/downloads";
import { connect } from "../../helpers/sockets";

const content = "<script>alert('hola')</script>\n";

/** A completed project with one file and a ZIP, and the three ways into it. */
async function project(options: { complete: boolean }) {
  const session = await newSession();
  const id = randomId("prj");
  const room = env.PROJECTS.getByName(id);
  await room.create({ id, accountId: session.accountId, name: "Reservas Peluquería", prompt: "una app", model: "blueprint" });
  const sha256 = await sha256Hex(content);
  await env.ARTIFACTS.put(blobKey(id, sha256), content);
  await room.stepStarted("r1", "frontend", 1);
  await room.fileWritten("r1", "frontend", 1, { path: "public/index.html", size: content.length, sha256 });
  if (options.complete) {
    await env.ARTIFACTS.put(zipKey({ projectId: id, runId: "r1", legacy: false }), new Uint8Array([80, 75, 5, 6, 0, 0]));
    await room.complete("r1");
  }
  const shared = await call(`/api/projects/${id}/share`, { method: "POST", headers: session.auth });
  const shareToken = new URL((await shared.json<{ url: string }>()).url).searchParams.get("s") ?? "";
  const { token: downloadToken } = await room.downloadLink();
  /** The same artifact under the owner's and the share link's prefix, with what each needs. */
  const everywhere = (artifact: string, init: RequestInit = {}) => {
    const query = artifact.includes("?") ? "&" : "?";
    return Promise.all([
      call(`/api/projects/${id}${artifact}`, { ...init, headers: { ...session.auth, ...init.headers } }),
      call(`/p/${id}${artifact}${query}s=${shareToken}`, init),
    ]);
  };
  /** The chat's ZIP link: only the ZIP, its token POSTed by the page at /dl/<id> (never in a URL). */
  const download = () => downloadZip(`/dl/${id}`, downloadToken);
  return { id, room, session, shareToken, downloadToken, everywhere, download };
}

const HEADERS = [
  "content-type",
  "content-length",
  "content-disposition",
  "cache-control",
  "x-content-type-options",
  "content-security-policy",
];

async function snapshot(res: Response) {
  const headers = Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h)]));
  return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
}

async function expectSame(responses: Response[]) {
  const [first, ...rest] = await Promise.all(responses.map(snapshot));
  for (const other of rest) expect(other).toEqual(first);
  return first;
}

describe("one way to serve a project: owner API, share link and download link", () => {
  it("serves the same view, file and ZIP, byte for byte and header for header", async () => {
    const { id, everywhere, download } = await project({ complete: true });

    const view = await expectSame(await everywhere("/project"));
    expect(view?.status).toBe(200);
    expect(view?.headers).toMatchObject({
      "content-type": "application/json",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    const parsed = JSON.parse(new TextDecoder().decode(view?.body));
    expect(parsed).toMatchObject({ id, status: "completed", runs: [{ id: "r1", kind: "generate", status: "completed" }] });

    const file = await expectSame(await everywhere("/files/public/index.html"));
    expect(file?.status).toBe(200);
    expect(new TextDecoder().decode(file?.body)).toBe(content);
    expect(file?.headers).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; sandbox",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    });

    const zip = await expectSame([...(await everywhere("/zip")), await download()]);
    expect(zip?.status).toBe(200);
    expect(zip?.headers).toMatchObject({
      "content-type": "application/zip",
      "content-disposition": 'attachment; filename="reservas-peluqueria.zip"',
      "cache-control": "private, no-store",
    });
  });

  it("keeps the chat link's POST as the ZIP, and the owner's bare URL as the view", async () => {
    const { id, session, everywhere, download } = await project({ complete: true });
    const [ownerZip] = await everywhere("/zip");
    await expectSame([ownerZip as Response, await download()]);
    const [ownerView] = await everywhere("/project");
    await expectSame([ownerView as Response, await call(`/api/projects/${id}`, { headers: session.auth })]);
  });

  it("answers the same errors: a missing file, a ZIP not ready, a malformed path, a plain GET of the socket", async () => {
    const { everywhere, download } = await project({ complete: false });
    await expectSame([...(await everywhere("/zip")), await download()]);
    for (const [artifact, status, code] of [
      ["/files/nope.js", 404, "not_found"],
      ["/zip", 409, "not_ready"],
      ["/files/%E0%A4%A", 404, "not_found"],
      ["/events", 426, "upgrade_required"],
    ] as const) {
      const same = await expectSame(await everywhere(artifact));
      expect(same?.status).toBe(status);
      expect(JSON.parse(new TextDecoder().decode(same?.body))).toMatchObject({ error: { code } });
    }
  });

  it("streams the same events through every way in", async () => {
    const { everywhere, room } = await project({ complete: false });
    const sockets = await everywhere("/events?after=0", { headers: { Upgrade: "websocket" } });
    const viewers = await Promise.all(sockets.map((res) => connect(res)));
    await room.complete("r1");
    const logs = await Promise.all(viewers.map((v) => v.waitFor(5)));
    for (const v of viewers) v.close();
    for (const log of logs) expect(log).toEqual(logs[0]);
    expect(logs[0]?.map((m) => m.type)).toEqual(["status", "status", "step", "file", "status"]);
  });

  it("lets nobody in without the right credential, and never says the project exists", async () => {
    const { id, shareToken, downloadToken } = await project({ complete: true });
    const other = await newSession();
    for (const [path, init] of [
      [`/api/projects/${id}/zip`, { headers: other.auth }],
      [`/p/${id}/zip?s=${"0".repeat(64)}`, {}],
      [`/p/${id}/zip`, {}],
      [`/p/${randomId("prj")}/project?s=${shareToken}`, {}],
    ] as const) {
      const res = await call(path, init);
      expect(res.status, path).toBe(404);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    }
    // The download link answers a browser in words (it followed a chat button): the same for a
    // wrong token as for a project that does not exist.
    for (const [path, token] of [
      [`/dl/${id}`, "0".repeat(48)],
      [`/dl/${randomId("prj")}`, downloadToken],
    ] as const) {
      const res = await downloadZip(path, token);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("x-autocrea-problem")).toBe("unknown");
    }
    // Nothing but the ZIP is served under it, with or without a token in the path.
    for (const path of [`/dl/${id}/project`, `/dl/${id}/files/public/index.html`, `/dl/${id}/${downloadToken}/zip`]) {
      expect((await call(path)).status, path).toBe(410);
    }
    expect((await call(`/api/projects/${id}/zip`)).status).toBe(401);
  });
});
