import type { CallToolResult, McpServer, ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ProjectView } from "../../shared/protocol";
import { MAX_NAME, startProject } from "../projects/start";
import { followProject } from "./follow";
import { projectAnswer, startRefusal } from "./results";
import { RunProgress } from "./run-progress";
import type { ProgressUpdate } from "./run-progress";
import type { McpSession } from "./session";

/**
 * How long one `crear` call waits for its run. The offline model takes about a second and hosted
 * ones minutes; past this the answer says the project is still being built (it goes on in its
 * Workflow either way) and `estado` picks it up.
 */
export const MAX_FOLLOW_MS = 15 * 60_000;

const input = z.object({
  idea: z
    .string()
    .trim()
    .min(1)
    .describe('What to build, in the user\'s own words and language, e.g. "a booking app for my hair salon" (at most 4,000 characters).'),
  name: z.string().trim().min(1).max(MAX_NAME).optional().describe("The project's name. Default: the architect names it."),
  model: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe("Which model builds it: blueprint (offline), joxcoder, openai or anthropic. Default: the deployment's."),
});

export function registerCreate(server: McpServer, session: McpSession): void {
  server.registerTool(
    "crear",
    {
      title: "Create an app (crear)",
      description: [
        "Creates an app from an idea: five AI roles (architect, backend, frontend, devops, security) build a complete,",
        "runnable project in order. Reports each role's progress while it works and answers once the project is ready,",
        "with links to the web console and the ZIP. Costs credits (see saldo). If the project is still being built when",
        "the call ends, call estado with its id later. Spanish for 'create', as in the Discord and Telegram bots.",
      ].join(" "),
      inputSchema: input,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args, ctx) => create(session, args, ctx),
  );
}

async function create(session: McpSession, args: z.infer<typeof input>, ctx: ServerContext): Promise<CallToolResult> {
  const { env, accountId, locale } = session;
  let started: ProjectView;
  try {
    // The one way in: the same limits, credit reservation and errors as every front-end.
    const { view } = await startProject(env, {
      accountId,
      prompt: args.idea,
      ...(args.name ? { name: args.name } : {}),
      ...(args.model ? { model: args.model } : {}),
      origin: "mcp",
    });
    started = view;
  } catch (err) {
    return startRefusal(err, locale);
  }
  const progress = new RunProgress(locale);
  const final = await followProject(env, started.id, {
    signal: AbortSignal.any([ctx.mcpReq.signal, AbortSignal.timeout(MAX_FOLLOW_MS)]),
    onEvent: async (event) => {
      const update = progress.apply(event);
      if (update) await notifyProgress(ctx, update);
    },
  });
  const view = final ?? (await env.PROJECTS.getByName(started.id).read())?.view ?? started;
  return projectAnswer(env, view, locale);
}

/** Only when the client asked for progress (a token in `_meta`); a client that went away stops nothing. */
export async function notifyProgress(ctx: ServerContext, update: ProgressUpdate): Promise<void> {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return;
  try {
    await ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, ...update } });
  } catch {
    // The stream closed: the run goes on, and the final answer (or estado) still tells.
  }
}
