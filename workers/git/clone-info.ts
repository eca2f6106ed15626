import { CLONE_USER, cloneCommand, cloneUrl } from "../../shared/git";
import { MAIN } from "../../workflows/git/publish";

export interface CloneInfo {
  /** Without credentials: what to put in docs or share with someone who has their own token. */
  url: string;
  /** With `autocrea:<password>@`: `git clone` it as is. */
  cloneUrl: string;
  command: string;
  username: string;
  /** `main`'s commit, or null until the first run has completed. */
  head: string | null;
}

/** How to clone `id` from `origin` with `password` (a clone token or a share link's token). */
export async function cloneInfo(env: Env, origin: string, id: string, password: string): Promise<CloneInfo> {
  const withPassword = cloneUrl(origin, id, password);
  return {
    url: cloneUrl(origin, id),
    cloneUrl: withPassword,
    command: cloneCommand(withPassword),
    username: CLONE_USER,
    head: await env.PROJECTS.getByName(id).gitRef(MAIN),
  };
}
