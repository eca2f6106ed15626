/**
 * Where a project's live events, files, ZIP and community facts are, for its owner, for a
 * share-link viewer, or for anyone while the project is unlisted or public.
 */
export interface ProjectPaths {
  project: string;
  events: string;
  file: (path: string) => string;
  zip: string;
  community: string;
  /** The clone command (JSON with `command`), with the owner's clone token or the link's token. */
  git: string;
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

export function ownerPaths(id: string): ProjectPaths {
  const base = `/api/projects/${encodeURIComponent(id)}`;
  return {
    project: base,
    events: `${base}/events`,
    file: (path) => `${base}/files/${encodePath(path)}`,
    zip: `${base}/zip`,
    community: `${base}/community`,
    git: `${base}/git`,
  };
}

export function sharePaths(id: string, token: string): ProjectPaths {
  const base = `/p/${encodeURIComponent(id)}`;
  const s = `s=${encodeURIComponent(token)}`;
  return {
    project: `${base}/project?${s}`,
    events: `${base}/events?${s}`,
    file: (path) => `${base}/files/${encodePath(path)}?${s}`,
    zip: `${base}/zip?${s}`,
    git: `${base}/git?${s}`,
    community: `${base}/community?${s}`,
  };
}

/** A project's public page (`/p/<id>`, no token): it works while the project is unlisted or public. */
export function publicPaths(id: string): ProjectPaths {
  const base = `/p/${encodeURIComponent(id)}`;
  return {
    project: `${base}/project`,
    events: `${base}/events`,
    file: (path) => `${base}/files/${encodePath(path)}`,
    zip: `${base}/zip`,
    git: `${base}/git`,
    community: `${base}/community`,
  };
}
