/**
 * The community's wire shapes (docs/community.md): who may see a project, and what the gallery
 * lists. Shared by the Worker, the project's Durable Object and the console.
 */

/** `private`: the owner only. `unlisted`: anyone with the link. `public`: listed in the gallery too. */
export type Visibility = "private" | "unlisted" | "public";
export const VISIBILITIES: readonly Visibility[] = ["private", "unlisted", "public"];

export function isVisibility(value: string): value is Visibility {
  return (VISIBILITIES as readonly string[]).includes(value);
}

/** Whether people other than the owner (and share-link holders) may see the project. */
export const isOpen = (visibility: Visibility) => visibility !== "private";

/**
 * Why a project is not as visible as its owner asked: a secret the scanner found (the project
 * stays unlisted: anyone with the link, never the gallery), or an admin removed it.
 */
export type PublicationHold = { code: "secret_found"; path: string; line: number } | { code: "removed" };

/** A project's public life, as its owner sees it. */
export interface Publication {
  visibility: Visibility;
  /** What the owner asked for: `public` with `visibility: "unlisted"` means it was held back. */
  requested: Visibility;
  /** Shown to the owner only: it may point at where a secret is. */
  hold: PublicationHold | null;
  /** The project it was remixed from, if any. */
  parent: { id: string; name: string } | null;
}

/** One gallery entry (`GET /api/gallery`). Times are ISO 8601. */
export interface GalleryEntry {
  id: string;
  name: string;
  summary: string;
  /** The main programming language, by bytes of code. */
  language: string;
  model: string;
  files: number;
  stars: number;
  remixes: number;
  clones: number;
  views: number;
  author: string;
  publishedAt: string;
  updatedAt: string;
  /** The remixed project's id, when this one is a remix. */
  parent: string | null;
  /** Where the project's public page is, relative to the site: `/p/<id>`. */
  path: string;
}

export interface GalleryPage {
  entries: GalleryEntry[];
  /** Pass as `?cursor=` for the next page; null on the last one. */
  next: string | null;
}
