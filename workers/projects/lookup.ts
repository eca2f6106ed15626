import type { ProjectView } from "../../shared/protocol";
import { PROJECT_ID } from "../../shared/ids";

/**
 * Finding a user's projects, for the front-ends that name them by id (the bots, the MCP server).
 * Someone else's project is indistinguishable from none.
 */

/** The account's latest projects, newest first. */
export async function recentProjects(env: Env, accountId: string, limit: number): Promise<ProjectView[]> {
  const refs = await env.ACCOUNTS.getByName(accountId).listProjects(limit);
  const views = await Promise.all(refs.map(async (ref) => (await env.PROJECTS.getByName(ref.id).read())?.view));
  return views.filter((v): v is ProjectView => v !== undefined);
}

/** The project if `accountId` owns it. */
export async function ownedProject(env: Env, accountId: string, id: string): Promise<ProjectView | undefined> {
  if (!PROJECT_ID.test(id)) return undefined;
  const found = await env.PROJECTS.getByName(id).read();
  return found && found.accountId === accountId ? found.view : undefined;
}

/** The named project (by id) if it is the user's, else their latest one when none is named. */
export async function findProject(env: Env, accountId: string, project: string | undefined): Promise<ProjectView | undefined> {
  if (!project) return (await recentProjects(env, accountId, 1))[0];
  return ownedProject(env, accountId, project);
}
