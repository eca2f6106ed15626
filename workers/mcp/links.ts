import type { ProjectView } from "../../shared/protocol";
import { config } from "../config/config";

/** Where a user goes next with a project: the same links the bots' buttons carry. */
export interface ProjectLinks {
  console: string;
  /** The capability link the bots use, so it opens in any browser without the token. */
  zip?: string;
  // The git engine's clone command joins here once it exists: `clone?: string`.
}

export async function projectLinks(env: Env, view: ProjectView): Promise<ProjectLinks> {
  const base = config(env).PUBLIC_URL;
  const links: ProjectLinks = { console: `${base}/#/projects/${view.id}` };
  if (view.status === "completed") links.zip = `${base}/dl/${view.id}/${await env.PROJECTS.getByName(view.id).downloadToken()}`;
  return links;
}
