import { env } from "cloudflare:workers";
import { randomId, sha256Hex } from "../../shared/ids";
import type { Visibility } from "../../shared/community";
import { blobKey, zipKey } from "../../workflows/files/storage";
import { call, newSession } from "./api";

/**
 * A finished project owned by a fresh dev account, written straight into its room and R2 (no
 * Workflow: these tests are about who may see it). `word` goes into the idea so a gallery search
 * for it finds this project only.
 */
export async function finishedProject(opts: { word?: string; files?: Record<string, string>; idea?: string } = {}) {
  const session = await newSession();
  const id = randomId("prj");
  const word = opts.word ?? `w${randomId("x", 10).slice(2)}`;
  const room = env.PROJECTS.getByName(id);
  await room.create({
    id,
    accountId: session.accountId,
    name: `Demo ${word}`,
    prompt: opts.idea ?? `una app de ${word}`,
    model: "blueprint",
  });
  const files = opts.files ?? { "src/server.js": "console.log('hola');\n", "README.md": "# Demo\n\nUna demo para probar.\n" };
  await room.stepStarted("r1", "backend", 1);
  for (const [path, content] of Object.entries(files)) {
    const sha256 = await sha256Hex(content);
    await env.ARTIFACTS.put(blobKey(id, sha256), content);
    await room.fileWritten("r1", "backend", 1, { path, size: content.length, sha256 });
  }
  await env.ARTIFACTS.put(zipKey({ projectId: id, runId: "r1", legacy: false }), "PK fake zip");
  await room.complete("r1");
  return { ...session, id, room, word };
}

export function setVisibility(id: string, auth: Record<string, string>, visibility: Visibility, author?: string): Promise<Response> {
  return call(`/api/projects/${id}`, {
    method: "PATCH",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ visibility, ...(author ? { author } : {}) }),
  });
}

/** The ids the gallery lists for a search. */
export async function galleryIds(q: string, sort = "recent"): Promise<string[]> {
  const res = await call(`/api/gallery?sort=${sort}&q=${encodeURIComponent(q)}`);
  const body: { entries: Array<{ id: string }> } = await res.json();
  return body.entries.map((e) => e.id);
}
