import type { Publication, Visibility } from "../../shared/community";
import { galleryRow } from "./gallery-db";
import { starState } from "./counters";

/** A project's community facts (`GET /api/projects/:id/community`, `GET /p/:id/community`). */
export interface CommunityInfo {
  visibility: Visibility;
  parent: { id: string; name: string } | null;
  /** The name it is published under; null until it was first made visible. */
  author: string | null;
  /** The gallery's one-paragraph summary; null until it was first made visible. */
  summary: string | null;
  stars: number;
  /** Whether the account asking starred it (false for anonymous visitors). */
  starred: boolean;
  clones: number;
  views: number;
  remixes: number;
  /** Owner only: what was asked and why it is held back (a secret's whereabouts). */
  publication?: Publication;
}

export async function communityInfo(
  env: Env,
  id: string,
  publication: Publication,
  viewer: string | null,
  owner: boolean,
): Promise<CommunityInfo> {
  const [row, stars] = await Promise.all([galleryRow(env.DB, id), starState(env.DB, viewer, id)]);
  return {
    visibility: publication.visibility,
    parent: publication.parent,
    author: row?.author ?? null,
    summary: row?.summary ?? null,
    stars: stars.stars,
    starred: stars.starred,
    clones: row?.clones ?? 0,
    views: row?.views ?? 0,
    remixes: row?.remixes ?? 0,
    ...(owner ? { publication } : {}),
  };
}
