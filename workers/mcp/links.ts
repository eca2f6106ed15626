import { cloneUrl } from "../../shared/git";
import type { ProjectView } from "../../shared/protocol";
import { downloadUrl } from "../chat/progress";
import { config } from "../config/config";

/** Where a user goes next with a project: the same links the bots' buttons carry. */
export interface ProjectLinks {
  console: string;
  /** The capability link the bots use (`/dl/<id>#<token>`), so it opens in any browser without the API token. */
  zip?: string;
  /** `git clone` address with the project's clone token, once a run has completed (as the bots show it). */
  clone?: string;
}

export async function projectLinks(env: Env, view: ProjectView): Promise<ProjectLinks> {
  const base = config(env).PUBLIC_URL;
  const links: ProjectLinks = { console: `${base}/#/projects/${view.id}` };
  if (view.status === "completed") {
    // Asked for by the owner, like the bots' /estado: the link's life is renewed.
    const { token } = await env.PROJECTS.getByName(view.id).downloadLink({ renew: true });
    links.zip = downloadUrl(base, view.id, token);
  }
  if (view.runs.some((run) => run.status === "completed")) {
    links.clone = cloneUrl(base, view.id, await env.PROJECTS.getByName(view.id).cloneToken());
  }
  return links;
}
