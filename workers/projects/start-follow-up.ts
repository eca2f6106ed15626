import { MAX_PROMPT_CHARS } from "../../shared/limits";
import type { ProjectView, RunView } from "../../shared/protocol";
import type { FollowUpKind } from "../../shared/runs";
import { offlineEdit } from "../../workflows/blueprint/follow-up";
import { getBlob } from "../../workflows/files/storage";
import { PLAN_PATH, planSchema } from "../../workflows/plan";
import { PromptTooLongError } from "./start";
import { ProjectNotFoundError, startRun } from "./start-run";

/**
 * The offline model cannot make this change. Refused before anything starts: it costs nothing and
 * changes nothing, and the message says what the offline model can do.
 */
export class UnsupportedEditError extends Error {
  override readonly name = "UnsupportedEditError";
}

/** No run of the project ever completed (its generation failed): there is nothing to change or explain. */
export class NothingToFollowError extends Error {
  override readonly name = "NothingToFollowError";
  constructor() {
    super("no run of this project has completed, so there is nothing to change or explain; start a new project");
  }
}

export interface FollowUpRequest {
  accountId: string;
  projectId: string;
  kind: FollowUpKind;
  /** The instruction (edit), the problem (fix) or the question (explain). */
  text: string;
  /** Where the request came from, for the logs: api, discord, telegram, console. */
  origin: string;
}

/**
 * Starts an edit, a fix or an explanation of an existing project: the one way every front-end
 * (REST API, Discord, Telegram, console) does. Runs on the project's model, billed and limited
 * like a generation (`startRun`). On the offline model an edit or fix it cannot make is refused
 * here with `UnsupportedEditError`; also throws `PromptTooLongError`, `NothingToFollowError`,
 * `ProjectNotFoundError` and whatever `startRun` throws (a run in progress, credits, limits).
 */
export async function startFollowUp(env: Env, req: FollowUpRequest): Promise<{ run: RunView; view: ProjectView }> {
  const text = req.text.trim();
  if (text.length > MAX_PROMPT_CHARS) throw new PromptTooLongError(text.length);
  const room = env.PROJECTS.getByName(req.projectId);
  const found = await room.read();
  if (!found || found.accountId !== req.accountId) throw new ProjectNotFoundError("project not found");
  const { view } = found;
  // While a run is in progress startRun answers 409 with its id; these checks wait until then.
  const idle = view.status === "completed" || view.status === "failed";
  if (idle && !view.runs.some((run) => run.status === "completed")) throw new NothingToFollowError();
  if (idle && view.model === "blueprint" && req.kind !== "explain") {
    const edit = offlineEdit(await currentPlan(env, req.projectId), text);
    if (!edit.ok) throw new UnsupportedEditError(edit.message);
  }
  return startRun(env, { accountId: req.accountId, projectId: req.projectId, kind: req.kind, prompt: text, origin: req.origin });
}

/** The plan as the project's latest completed run left it. */
async function currentPlan(env: Env, projectId: string) {
  const room = env.PROJECTS.getByName(projectId);
  const packaged = await room.packagedRun();
  const file = (await room.currentFiles(packaged?.runId)).find((f) => f.path === PLAN_PATH);
  if (!file) throw new UnsupportedEditError(`the project has no ${PLAN_PATH} to change`);
  return planSchema.parse(JSON.parse(new TextDecoder().decode(await getBlob(env.ARTIFACTS, projectId, file.sha256))));
}
