import type { ProjectView } from "../../shared/protocol";
import { downloadUrl } from "../chat/progress";
import { config } from "../config/config";

/** Where a user goes next with a project: the same links the bots' buttons carry. */
export interface ProjectLinks {
  console: string;
  /** The capability link the bots use (`/dl/<id>#<token>`), so it opens in any browser without the API token. */
  zip?: string;
  // The git engine's clone command joins here once it exists: `clone?: string`.
}

export async function projectLinks(env: Env, view: ProjectView): Promise<ProjectLinks> {
  const base = config(env).PUBLIC_URL;
  const links: ProjectLinks = { console: `${base}/#/projects/${view.id}` };
  if (view.status === "completed") {
    // Asked for by the owner, like the bots' /estado: the link's life is renewed.
    const { token } = await env.PROJECTS.getByName(view.id).downloadLink({ renew: true });
    links.zip = downloadUrl(base, view.id, token);
  }
  return links;
}
