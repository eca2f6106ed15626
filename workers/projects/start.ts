import type { ProjectView } from "../../shared/protocol";
import { randomId } from "../../shared/ids";
import { FIRST_RUN, workflowInstanceId } from "../../shared/runs";
import { log } from "../lib/log";
import { runIndex } from "../runs/refs";
import { healAccountRuns } from "../runs/sweep";
import { chooseModel } from "../../workflows/models/registry";
import { abandonGeneration, admitGeneration } from "../accounts/accounts";
import type { GenerateParams } from "../../workflows/generate-app/params";
import { MAX_PROMPT_CHARS } from "../../shared/limits";

/** The plan's schema caps a project's name at 80 characters. */
export const MAX_NAME = 80;

export class PromptTooLongError extends Error {
  override readonly name = "PromptTooLongError";
  constructor(readonly length: number) {
    super(`prompt is ${length} characters; the limit is ${MAX_PROMPT_CHARS}`);
  }
}

export interface StartRequest {
  accountId: string;
  prompt: string;
  name?: string;
  model?: string;
  /** A deterministic id makes starting idempotent (chat redeliveries); otherwise a random one. */
  id?: string;
  /** Where the request came from, for the logs: api, discord, telegram. */
  origin: string;
}

export interface Started {
  view: ProjectView;
  /** True when a project with this id already existed: nothing new was started. */
  duplicate: boolean;
}

/**
 * Creates a project and starts the Workflow of its first run (`r1`): the one way every front-end (REST API, Discord,
 * Telegram, console) starts a generation. Throws `ModelUnavailableError`, `PromptTooLongError`,
 * `InsufficientCreditsError` and `GenerationLimitError`, which each front-end words for its users.
 */
export async function startProject(env: Env, req: StartRequest): Promise<Started> {
  const prompt = req.prompt.trim();
  if (prompt.length > MAX_PROMPT_CHARS) throw new PromptTooLongError(prompt.length);
  // Providers the user brought a key for are available to them even if the deployment has none.
  const own = req.model ? (await env.ACCOUNTS.getByName(req.accountId).listKeys()).map((k) => k.provider) : [];
  const model = chooseModel(env, req.model, own);
  const id = req.id ?? randomId("prj");
  const room = env.PROJECTS.getByName(id);
  const existing = await room.read();
  if (existing) {
    // A derived id that lands on someone else's project is a collision, never a redelivery.
    if (existing.accountId !== req.accountId) throw new Error(`project id collision for ${id}`);
    return { view: existing.view, duplicate: true };
  }
  // Limits and the credit reservation, before anything exists; idempotent per project id, so a
  // racing redelivery of the same request reserves once.
  const run = { projectId: id, runId: FIRST_RUN };
  // A run of this account that is stuck must not hold the credits or the slot this one needs.
  await healAccountRuns(env, req.accountId);
  await admitGeneration(env, req.accountId, run);
  // Indexed at once, so even a Worker that stops before the Workflow exists leaves a trace the
  // periodic healer follows (workers/runs/sweep.ts).
  await runIndex(env).add(run, req.accountId);
  const name = (req.name?.trim() || nameFromPrompt(prompt)).slice(0, MAX_NAME);
  let view: ProjectView;
  try {
    const made = await room.create({ id, accountId: req.accountId, name, prompt, model });
    if (!made.created) return { view: made.view, duplicate: true };
    view = made.view;
    const params: GenerateParams = {
      projectId: id,
      runId: FIRST_RUN,
      kind: "generate",
      accountId: req.accountId,
      idea: prompt,
      model,
      ...(req.name ? { projectName: name } : {}),
    };
    await env.GENERATE_APP.create({ id: workflowInstanceId(id, FIRST_RUN), params });
  } catch (err) {
    // Nothing runs, so nothing may stay reserved; released before the run shows as failed.
    await abandonGeneration(env, req.accountId, run);
    await room.fail(FIRST_RUN, { code: "start_failed", message: "the generation could not be started" });
    throw err;
  }
  await env.ACCOUNTS.getByName(req.accountId).addProject({ id, name, createdAt: view.createdAt });
  log("project.created", { project: id, account: req.accountId, model, origin: req.origin, promptChars: prompt.length });
  return { view, duplicate: false };
}

function nameFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, " ").trim().split(" ").slice(0, 8).join(" ");
  return words.length > 60 ? `${words.slice(0, 57)}...` : words;
}
