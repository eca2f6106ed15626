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

/**
 * The user's project whose status message this Telegram message is (a reply to it names the
 * project). Only their recent projects are asked: a reply is about something they just did.
 */
export async function projectShownIn(env: Env, accountId: string, chatId: number, messageId: number): Promise<ProjectView | undefined> {
  const views = await recentProjects(env, accountId, 10);
  const shows = await Promise.all(views.map((view) => env.PROJECTS.getByName(view.id).showsInTelegram(chatId, messageId)));
  return views.find((_, index) => shows[index]);
}

/** The named project (by id) if it is the user's, else their latest one when none is named. */
export async function findProject(env: Env, accountId: string, project: string | undefined): Promise<ProjectView | undefined> {
  if (!project) return (await recentProjects(env, accountId, 1))[0];
  return ownedProject(env, accountId, project);
}
