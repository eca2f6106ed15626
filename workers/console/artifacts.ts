import { contentTypeFor } from "../lib/content-type";
import { apiError, notFound } from "../lib/errors";
import type { ProjectView } from "../../shared/protocol";
import { blobKey, zipKey } from "../../workflows/files/storage";

/** Served files can be model-written HTML: never let them run as a page on this origin. */
const FILE_HEADERS = {
  "content-security-policy": "default-src 'none'; sandbox",
  "x-content-type-options": "nosniff",
};

/** One generated file, as the owner's API serves it, for share-link viewers. */
export async function serveFile(env: Env, id: string, path: string): Promise<Response> {
  const file = (await env.PROJECTS.getByName(id).currentFiles()).find((f) => f.path === path);
  const object = file ? await env.ARTIFACTS.get(blobKey(id, file.sha256)) : null;
  if (!file || !object) throw notFound(`file ${path}`);
  return new Response(object.body, {
    headers: { "content-type": contentTypeFor(path), "content-length": String(file.size), ...FILE_HEADERS },
  });
}

/** The finished project's ZIP, for share-link viewers. */
export async function serveZip(env: Env, view: ProjectView): Promise<Response> {
  if (view.status !== "completed") {
    throw apiError(409, "not_ready", `the project is ${view.status}; the ZIP exists once it has completed`);
  }
  const object = await env.ARTIFACTS.get(zipKey(view.id));
  if (!object) throw notFound("ZIP");
  return new Response(object.body, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(object.size),
      "content-disposition": `attachment; filename="${view.id}.zip"`,
    },
  });
}
