import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { log } from "../lib/log";
import { concat } from "../../workflows/git/objects";
import { reachable } from "../../workflows/git/history";
import type { History } from "../../workflows/git/history";
import { buildPack } from "../../workflows/git/pack";
import { MAIN, packKey, projectHistory, publishHistory, storeFullPack } from "../../workflows/git/publish";
import { gitReader } from "./access";
import { addClone } from "../community/counters";
import type { GitReader } from "./access";
import { UploadRequestError, advertisement, errorLine, framePack, negotiate, parseUploadRequest } from "./upload-pack";
import type { AdvertisedRef, UploadRequest } from "./upload-pack";

/**
 * `git clone <PUBLIC_URL>/git/<project>.git`: smart HTTP, read-only, mounted at `/git`. Two
 * requests make a clone: the ref advertisement, then one POST with the wants that gets the pack.
 */
export const gitHttp = new Hono<AppEnv>();

/** 1 MiB of wants and haves is ~20,000 lines: far more than a project's history can need. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const NO_CACHE = { "cache-control": "no-cache, max-age=0, must-revalidate", expires: "Fri, 01 Jan 1980 00:00:00 GMT" };

gitHttp.get("/:repo/info/refs", async (c) => {
  const service = c.req.query("service");
  if (service === "git-receive-pack") return pushRefused();
  if (service !== "git-upload-pack") return plain(403, "This server speaks git's smart HTTP only: use git 1.6.6 or newer.\n");
  const reader = await gitReader(c.env, repoId(c.req.param("repo")), c.req.header("authorization"));
  if (!reader) return unauthorized();
  const refs = await currentRefs(c.env, reader);
  return new Response(advertisement(refs), {
    headers: { "content-type": "application/x-git-upload-pack-advertisement", ...NO_CACHE },
  });
});

gitHttp.post("/:repo/git-upload-pack", async (c) => {
  const reader = await gitReader(c.env, repoId(c.req.param("repo")), c.req.header("authorization"));
  if (!reader) return unauthorized();
  const body = await readBody(c.req.raw);
  if (body instanceof Response) return body;
  let request: UploadRequest;
  try {
    request = parseUploadRequest(body);
  } catch (err) {
    if (err instanceof UploadRequestError) return result(errorLine(err.message));
    throw err;
  }
  const started = Date.now();
  const { answer, packed } = await uploadPack(c.env, reader, request);
  // A clone, as the gallery counts them: one upload-pack that sent a pack (docs/community.md).
  if (packed) await countClone(c.env, reader.id);
  log("git.upload_pack", {
    project: reader.id,
    grant: reader.grant,
    wants: request.wants.length,
    haves: request.haves.length,
    done: request.done,
    bytes: answer.byteLength,
    packed,
    ms: Date.now() - started,
  });
  return result(answer);
});

gitHttp.post("/:repo/git-receive-pack", () => pushRefused());
gitHttp.all("*", () => plain(404, "Not a git repository path: clone <server>/git/<project>.git\n"));

/**
 * `main` and any other branches. A completed run without a commit (a project finished before git
 * existed, or a run whose publish failed), or no `main` at all, gets the history published now.
 */
async function currentRefs(env: Env, reader: GitReader): Promise<AdvertisedRef[]> {
  const room = env.PROJECTS.getByName(reader.id);
  const refs = await room.gitRefs();
  const completed = reader.view.runs.filter((r) => r.status === "completed");
  const hasMain = refs.some((r) => r.name === MAIN);
  if (completed.length === 0 || (hasMain && completed.every((r) => r.commit !== null))) return refs;
  await publishHistory(env, reader.id);
  return room.gitRefs();
}

/** Counting never fails a clone: the pack is already on its way. */
async function countClone(env: Env, id: string): Promise<void> {
  try {
    await addClone(env.DB, id);
  } catch (err) {
    log("community.clone", { project: id, outcome: "error", detail: err instanceof Error ? err.message : "unknown" });
  }
}

/** The answer to one upload-pack request; `packed` when it carries a pack (not only negotiation). */
async function uploadPack(env: Env, reader: GitReader, request: UploadRequest): Promise<{ answer: Uint8Array; packed: boolean }> {
  const head = await env.PROJECTS.getByName(reader.id).gitRef(MAIN);
  let history: History | null = null;
  // A clone wants `main` and has nothing: the pack cached for that head answers it without
  // deriving the history. Anything else (a fetch with haves) derives it to know the commits.
  const isClone = head !== null && request.haves.length === 0 && request.wants.every((w) => w === head);
  if (!isClone) history = await projectHistory(env, reader.id);
  // A head stored before the way history is derived changed is not among today's commits; its
  // cached pack still holds it, so such a fetch gets that whole pack (no commits in common).
  if (history && head !== null && !history.commits.some((c) => c.id === head)) history = null;
  const commits = new Set(history ? history.commits.map((c) => c.id) : head ? [head] : []);
  const unknown = request.wants.find((w) => !commits.has(w));
  if (unknown) return { answer: errorLine(`upload-pack: not our ref ${unknown}`), packed: false };
  const negotiation = negotiate(request, (id) => commits.has(id));
  if (!request.done) return { answer: negotiation.lines, packed: false };
  let pack: Uint8Array | null;
  if (history && negotiation.common.length > 0) {
    const have = reachable(history, negotiation.common);
    const ids = [...reachable(history, request.wants)].filter((id) => !have.has(id));
    pack = await buildPack(ids.flatMap((id) => history?.objects.get(id) ?? []));
  } else {
    pack = await fullPack(env, reader.id, head, history, request.wants);
  }
  if (!pack)
    return { answer: errorLine("upload-pack: this repository's objects are not available right now; try again later"), packed: false };
  return { answer: concat([negotiation.lines, framePack(request, pack)]), packed: true };
}

/** Everything reachable from the wants; from the R2 cache when they are exactly `main`'s head. */
async function fullPack(env: Env, id: string, head: string | null, known: History | null, wants: string[]): Promise<Uint8Array | null> {
  if (head !== null && wants.every((w) => w === head)) {
    const cached = await env.ARTIFACTS.get(packKey(id, head));
    if (cached) return new Uint8Array(await cached.arrayBuffer());
  }
  const history = known ?? (await projectHistory(env, id));
  if (!wants.every((w) => history.commits.some((c) => c.id === w))) return null;
  if (head !== null && history.head === head && wants.every((w) => w === head)) return storeFullPack(env.ARTIFACTS, id, history);
  return buildPack([...reachable(history, wants)].flatMap((o) => history.objects.get(o) ?? []));
}

/** The request body, gunzipped when git compressed it (it does past 1 KiB), capped in size. */
async function readBody(request: Request): Promise<Uint8Array | Response> {
  const encoding = request.headers.get("content-encoding")?.toLowerCase() ?? "identity";
  if (!["identity", "gzip", "x-gzip"].includes(encoding)) return plain(415, `Content-Encoding ${encoding} is not supported\n`);
  const raw = await readCapped(request.body, MAX_REQUEST_BYTES);
  if (!raw) return plain(413, "The request is too large.\n");
  // A proxy may have inflated the body already and left the header: trust the gzip magic bytes.
  if (encoding === "identity" || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  const inflated = new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"));
  try {
    return (await readCapped(inflated, MAX_REQUEST_BYTES)) ?? plain(413, "The request is too large.\n");
  } catch {
    return plain(400, "The request body is not valid gzip.\n");
  }
}

async function readCapped(stream: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | null> {
  if (!stream) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return concat(parts);
}

/** `prj_….git` or plain `prj_…`: git tries both spellings of a URL. */
function repoId(param: string): string {
  return param.endsWith(".git") ? param.slice(0, -4) : param;
}

function result(body: Uint8Array): Response {
  return new Response(body, { headers: { "content-type": "application/x-git-upload-pack-result", ...NO_CACHE } });
}

/**
 * The same answer for a wrong password, no password, and a project that does not exist. git asks
 * for credentials on a 401 with `WWW-Authenticate: Basic`, and shows the text/plain body.
 */
function unauthorized(): Response {
  return plain(401, "Authentication required: use your API token, the project's clone token or a share link's token as the password.\n", {
    "www-authenticate": 'Basic realm="AUTOCREA", charset="UTF-8"',
  });
}

function pushRefused(): Response {
  return plain(
    403,
    "Pushing is not supported: AUTOCREA repositories are read-only.\nExport the project to GitHub instead: POST /api/projects/<id>/github, or /github in chat.\n",
  );
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", ...NO_CACHE, ...headers } });
}
