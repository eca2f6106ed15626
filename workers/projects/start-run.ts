import type { ProjectView, RunKind, RunView } from "../../shared/protocol";
import { workflowInstanceId } from "../../shared/runs";
import type { Role } from "../../shared/roles";
import { log } from "../lib/log";
import { runIndex } from "../runs/refs";
import { healAccountRuns, healSafely } from "../runs/sweep";
import { chooseModel } from "../../workflows/models/registry";
import { GenerationLimitError, InsufficientCreditsError, abandonGeneration, admitGeneration } from "../accounts/accounts";
import type { GenerateParams } from "../../workflows/generate-app/params";

/** Another run of the project is queued or running; runs of one project go one at a time. */
export class RunInProgressError extends Error {
  override readonly name = "RunInProgressError";
  constructor(
    readonly projectId: string,
    readonly runId: string,
  ) {
    super(`run ${runId} of this project is still in progress; start another once it has finished`);
  }
}

/** No project with this id belongs to the account. */
export class ProjectNotFoundError extends Error {
  override readonly name = "ProjectNotFoundError";
}

export interface RunRequest {
  accountId: string;
  projectId: string;
  kind: RunKind;
  /** What the run is asked to do (an edit's instruction). */
  prompt: string;
  /** The project's model unless given. */
  model?: string;
  roles?: readonly Role[];
  /** Where the request came from, for the logs: api, discord, telegram. */
  origin: string;
}

/**
 * Starts a later run on an existing project (an edit, a fix, a remix's next step): the room
 * numbers it and refuses it while another runs (`RunInProgressError`), the account admits it
 * (its own credits and limits; `InsufficientCreditsError`, `GenerationLimitError`), then its
 * Workflow starts with the run's id and kind. A run the account refuses stays in the project's
 * history as failed, with the reason.
 */
export async function startRun(env: Env, req: RunRequest): Promise<{ run: RunView; view: ProjectView }> {
  const room = env.PROJECTS.getByName(req.projectId);
  const found = await room.read();
  if (!found || found.accountId !== req.accountId) throw new ProjectNotFoundError("project not found");
  const own = (await env.ACCOUNTS.getByName(req.accountId).listKeys()).map((k) => k.provider);
  const model = chooseModel(env, req.model ?? found.view.model, own);
  // A stuck run of this project would refuse the new one as "in progress", and a stuck run of the
  // account would hold credits or a slot it needs: heal both first.
  await healSafely(env, { projectId: req.projectId }, "admission");
  await healAccountRuns(env, req.accountId);
  const begun = await room.beginRun({ kind: req.kind, prompt: req.prompt, model, ...(req.roles ? { roles: req.roles } : {}) });
  if (!begun.ok) {
    if (begun.reason === "running") throw new RunInProgressError(req.projectId, begun.run);
    throw new ProjectNotFoundError("project not found");
  }
  const key = { projectId: req.projectId, runId: begun.run.id };
  try {
    await admitGeneration(env, req.accountId, key);
  } catch (err) {
    const refused =
      err instanceof InsufficientCreditsError
        ? { code: "insufficient_credits", message: err.message }
        : err instanceof GenerationLimitError
          ? { code: "rate_limited", message: err.message }
          : { code: "start_failed", message: "the run could not be started" };
    await room.fail(begun.run.id, refused);
    throw err;
  }
  // Indexed at once, as a first run is (start.ts), for the periodic healer.
  await runIndex(env).add(key, req.accountId);
  const params: GenerateParams = {
    projectId: req.projectId,
    runId: begun.run.id,
    kind: req.kind,
    accountId: req.accountId,
    idea: req.prompt,
    model,
  };
  try {
    await env.GENERATE_APP.create({ id: workflowInstanceId(req.projectId, begun.run.id), params });
  } catch (err) {
    // Nothing runs, so nothing may stay reserved; released before the run shows as failed.
    await abandonGeneration(env, req.accountId, key);
    await room.fail(begun.run.id, { code: "start_failed", message: "the run could not be started" });
    throw err;
  }
  log("run.started", { project: req.projectId, run: begun.run.id, kind: req.kind, account: req.accountId, model, origin: req.origin });
  return { run: begun.run, view: begun.view };
}
