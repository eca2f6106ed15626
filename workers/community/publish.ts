import type { Publication, PublicationHold, Visibility } from "../../shared/community";
import { PROJECT_ID } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import { blobKey } from "../../workflows/files/storage";
import { scanSources } from "../../workflows/security/scanner";
import type { SourceFile } from "../../workflows/files/source-file";
import { log } from "../lib/log";
import { authorName, cleanAuthor, defaultAuthor, setAuthorName } from "./authors";
import { setListedVisibility, upsertListing } from "./gallery-db";
import { SUMMARY_SOURCES, mainLanguage, summaryOf } from "./listing";

/** No project with this id belongs to the account (someone else's is the same as none). */
export class NotOwnerError extends Error {
  override readonly name = "NotOwnerError";
}

/** An admin removed the project: it can no longer be made visible. */
export class RemovedError extends Error {
  override readonly name = "RemovedError";
}

export interface VisibilityChange {
  projectId: string;
  accountId: string;
  visibility: Visibility;
  /** The name to publish under from now on (the console's field, a chat profile's name). */
  author?: string;
  /** Only used when the account has no name yet: the bots offer the chat profile's. */
  authorFallback?: string;
}

/**
 * Changes who may see a project, everywhere at once. The project's Durable Object is the source
 * of truth, so it is written first when access shrinks (going private cuts pages, files, ZIP,
 * sockets and clones at that moment) and the gallery index (D1) follows. Going visible runs the
 * secret scanner over the idea, the name and every file first: a secret keeps the project
 * unlisted, with where it is, for the owner to see.
 */
export async function changeVisibility(env: Env, change: VisibilityChange): Promise<Publication> {
  if (!PROJECT_ID.test(change.projectId)) throw new NotOwnerError("project not found");
  const room = env.PROJECTS.getByName(change.projectId);
  const found = await room.read();
  if (!found || found.accountId !== change.accountId) throw new NotOwnerError("project not found");
  const author = change.author ? cleanAuthor(change.author) : null;
  if (author) await setAuthorName(env.DB, change.accountId, author);

  if (change.visibility === "private") {
    const published = await room.setPublication({ visibility: "private", requested: "private", hold: null });
    if (!published.ok) throw new RemovedError("an admin removed this project");
    await setListedVisibility(env.DB, change.projectId, "private");
    log("community.visibility", { project: change.projectId, account: change.accountId, visibility: "private" });
    return published.publication;
  }

  const current = await room.publication();
  if (current.removed) throw new RemovedError("an admin removed this project");
  const sources = await readSources(env, change.projectId);
  const hold = findSecret(found.view, sources);
  const visibility = hold && change.visibility === "public" ? "unlisted" : change.visibility;
  const publishedAs = author ?? (await authorName(env.DB, change.accountId)) ?? (await firstAuthor(env, change));
  // The index first: when the room opens the project, its gallery row is already right.
  await upsertListing(env.DB, {
    ...listingFacts(change.projectId, found.view, sources),
    accountId: change.accountId,
    author: publishedAs,
    visibility,
    parentId: current.parent?.id ?? null,
  });
  const published = await room.setPublication({ visibility, requested: change.visibility, hold });
  if (!published.ok) {
    await setListedVisibility(env.DB, change.projectId, "private");
    throw new RemovedError("an admin removed this project");
  }
  log("community.visibility", { project: change.projectId, account: change.accountId, visibility, held: hold?.code ?? null });
  return published.publication;
}

/**
 * Brings a visible project's gallery row up to date after one of its runs finished (new files,
 * a new summary), and holds it back as unlisted if a secret appeared. Private projects have
 * nothing to refresh.
 */
export async function refreshListing(env: Env, projectId: string): Promise<void> {
  const room = env.PROJECTS.getByName(projectId);
  const [found, current] = await Promise.all([room.read(), room.publication()]);
  if (!found || current.visibility === "private") return;
  await changeVisibility(env, { projectId, accountId: found.accountId, visibility: current.requested });
}

async function firstAuthor(env: Env, change: VisibilityChange): Promise<string> {
  const fallback = change.authorFallback ? cleanAuthor(change.authorFallback) : null;
  if (!fallback) return defaultAuthor(change.accountId);
  await setAuthorName(env.DB, change.accountId, fallback);
  return fallback;
}

function listingFacts(projectId: string, view: ProjectView, sources: readonly SourceFile[]) {
  const text = (path: string) => sources.find((f) => f.path === path)?.content;
  const plan = text(SUMMARY_SOURCES.plan);
  const readme = text(SUMMARY_SOURCES.readme);
  return {
    projectId,
    name: view.name,
    summary: summaryOf(view, { ...(plan ? { plan } : {}), ...(readme ? { readme } : {}) }),
    idea: view.prompt,
    language: mainLanguage(view.files),
    model: view.model,
    files: view.files.length,
  };
}

/** Every current file's text (at most the project limits: 200 files, 10 MiB). */
async function readSources(env: Env, projectId: string): Promise<SourceFile[]> {
  const files = await env.PROJECTS.getByName(projectId).currentFiles();
  const read = await Promise.all(
    files.map(async (file) => {
      const object = await env.ARTIFACTS.get(blobKey(projectId, file.sha256));
      return object ? { path: file.path, content: await object.text() } : null;
    }),
  );
  return read.filter((f): f is SourceFile => f !== null);
}

/** The scanner's secret rule over the idea, the name and the files; the first finding. */
export function findSecret(view: Pick<ProjectView, "prompt" | "name">, files: readonly SourceFile[]): PublicationHold | null {
  const sources: SourceFile[] = [{ path: "(idea)", content: view.prompt }, { path: "(name)", content: view.name }, ...files];
  const secret = scanSources(sources).find((finding) => finding.rule === "hardcoded-secret");
  return secret ? { code: "secret_found", path: secret.path, line: secret.line } : null;
}
