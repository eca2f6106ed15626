import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { getBalance } from "../accounts/accounts";
import { planName } from "../billing/catalog";
import { t } from "../chat/i18n";
import { projectLine } from "../chat/progress";
import { findProject, recentProjects } from "../projects/lookup";
import { healedView } from "../runs/sweep";
import { answer, projectAnswer, projectNotFound, unexpected } from "./results";
import type { McpSession } from "./session";

/** How many projects `proyectos` lists: more than a chat message holds, still one screen. */
const LIST_LIMIT = 20;

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export const projectId = z.string().trim().min(1).max(40).describe("A project id, as crear and proyectos give it (prj_…).");

/** The tools that only read: `estado`, `proyectos`, `saldo`. */
export function registerProjectTools(server: McpServer, session: McpSession): void {
  const { env, accountId, locale } = session;
  const m = t(locale);

  server.registerTool(
    "estado",
    {
      title: "Project status (estado)",
      description:
        "How a project is going: its status, each role's step and files, and links to the console and the ZIP. Without a project, the latest one. Spanish for 'status'.",
      inputSchema: z.object({ project: projectId.optional() }),
      annotations: READ_ONLY,
    },
    async ({ project }) => {
      try {
        const found = await findProject(env, accountId, project);
        if (!found) return projectNotFound(locale, project !== undefined);
        // Asking about a run that stopped making progress heals it, as the bots' `/estado` does.
        return await projectAnswer(env, await healedView(env, found, "mcp"), locale);
      } catch (err) {
        return unexpected(err, locale);
      }
    },
  );

  server.registerTool(
    "proyectos",
    {
      title: "Your projects (proyectos)",
      description: `Your latest ${LIST_LIMIT} projects, newest first, with their ids and status. Spanish for 'projects'.`,
      annotations: READ_ONLY,
    },
    async () => {
      try {
        const views = await recentProjects(env, accountId, LIST_LIMIT);
        if (views.length === 0) return answer(m.noProjects, { projects: [] });
        const lines = views.map(projectLine);
        const projects = views.map(({ id, name, status, model, createdAt }) => ({ id, name, status, model, createdAt }));
        return answer([m.projectsTitle, ...lines].join("\n"), { projects });
      } catch (err) {
        return unexpected(err, locale);
      }
    },
  );

  server.registerTool(
    "saldo",
    {
      title: "Your credits (saldo)",
      description:
        "Your credit balance and plan. Starting a project reserves credits; the run is charged what it used. Spanish for 'balance'.",
      annotations: READ_ONLY,
    },
    async () => {
      try {
        const { credits, plan } = await getBalance(env, accountId);
        const text = m.balance(credits, plan ? `${planName(env, plan.id, locale)} (${plan.status})` : null);
        return answer(text, { credits, plan: plan ? { id: plan.id, status: plan.status } : null });
      } catch (err) {
        return unexpected(err, locale);
      }
    },
  );
}
