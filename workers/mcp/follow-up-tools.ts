import type { CallToolResult, McpServer, ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { RunView } from "../../shared/protocol";
import { rolesFor } from "../../shared/runs";
import type { FollowUpKind } from "../../shared/runs";
import { findProject } from "../projects/lookup";
import { startFollowUp } from "../projects/start-follow-up";
import { MAX_FOLLOW_MS, notifyProgress } from "./create-tool";
import { followProject } from "./follow";
import { projectAnswer, projectNotFound, startRefusal, unexpected } from "./results";
import { RunProgress } from "./run-progress";
import type { McpSession } from "./session";
import { projectId } from "./project-tools";

const CHANGES = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;
const text = (what: string) =>
  z.string().trim().min(1).describe(`${what}, in the user's own words and language (at most 4,000 characters).`);

interface FollowUpTool {
  name: "cambiar" | "arreglar" | "explicar";
  kind: FollowUpKind;
  title: string;
  description: string;
  argument: "instruction" | "problem" | "question";
  argumentDescription: string;
}

/**
 * The bots' `/cambiar`, `/arreglar` and `/explicar` as tools: a new run of an existing project,
 * started through the same one way in as the REST API and the bots (`startFollowUp`: the same
 * credits, limits, 409 while another run goes and the offline model's refusals), reported as
 * progress of the run's own steps, answered as `estado` would answer once it ends.
 */
const TOOLS: readonly FollowUpTool[] = [
  {
    name: "cambiar",
    kind: "edit",
    title: "Change a project (cambiar)",
    description:
      "Changes an existing project as instructed (add a field, a rule, fix a wording...): the architect updates the plan if needed, the editor changes only the files the instruction concerns, the security role re-audits them, and the change is one commit per step. Reports progress; answers with what changed. Costs credits. Spanish for 'change'.",
    argument: "instruction",
    argumentDescription: 'What to change, e.g. "add a phone field to customers"',
  },
  {
    name: "arreglar",
    kind: "fix",
    title: "Fix a project (arreglar)",
    description:
      "Fixes a failure in an existing project: give the error output or describe what goes wrong; the editor reads it with the files it names and changes what is needed. Reports progress; answers with what changed. Costs credits. Spanish for 'fix'.",
    argument: "problem",
    argumentDescription: 'The error output or a description of the problem, e.g. "npm test fails with: TypeError ..."',
  },
  {
    name: "explicar",
    kind: "explain",
    title: "Explain a project's code (explicar)",
    description:
      "Answers a question about an existing project's code, citing the files it read. Changes no file. Costs a few credits. Spanish for 'explain'.",
    argument: "question",
    argumentDescription: 'The question, e.g. "how are the bookings stored?"',
  },
];

export function registerFollowUpTools(server: McpServer, session: McpSession): void {
  for (const tool of TOOLS) {
    const inputSchema = z.object({
      [tool.argument]: text(tool.argumentDescription),
      project: projectId.optional().describe("The project to work on (prj_…). Default: the latest one."),
    });
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema, annotations: CHANGES },
      (args: Record<string, unknown>, ctx) => {
        const said = args[tool.argument];
        const project = typeof args.project === "string" ? args.project : undefined;
        return followUp(session, tool.kind, typeof said === "string" ? said : "", project, ctx);
      },
    );
  }
}

async function followUp(
  session: McpSession,
  kind: FollowUpKind,
  said: string,
  project: string | undefined,
  ctx: ServerContext,
): Promise<CallToolResult> {
  const { env, accountId, locale } = session;
  try {
    const found = await findProject(env, accountId, project);
    if (!found) return projectNotFound(locale, project !== undefined);
    let run: RunView;
    try {
      ({ run } = await startFollowUp(env, { accountId, projectId: found.id, kind, text: said, origin: "mcp" }));
    } catch (err) {
      return startRefusal(err, locale);
    }
    const progress = new RunProgress(locale, rolesFor(kind));
    const final = await followProject(env, found.id, {
      run: run.id,
      signal: AbortSignal.any([ctx.mcpReq.signal, AbortSignal.timeout(MAX_FOLLOW_MS)]),
      onEvent: async (event) => {
        const update = progress.apply(event);
        if (update) await notifyProgress(ctx, update);
      },
    });
    const view = final ?? (await env.PROJECTS.getByName(found.id).read())?.view ?? found;
    return await projectAnswer(env, view, locale);
  } catch (err) {
    return unexpected(err, locale);
  }
}
