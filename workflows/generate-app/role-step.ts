import { NonRetryableError } from "cloudflare:workflows";
import type { Role } from "../../shared/roles";
import { log } from "../../workers/lib/log";
import { putManifest } from "../files/storage";
import type { StepManifest } from "../files/storage";
import { describeFailure } from "../roles/failures";
import { runLocation } from "./params";
import type { GenerateParams } from "./params";

type StepParams = GenerateParams & { legacy: boolean };
type ProjectRoomStub = ReturnType<Env["PROJECTS"]["getByName"]>;

/**
 * What every role step of every run does around its role's work: tell the room it started, store
 * the manifest, tell the room it finished (or which attempt failed and why), log one line, and
 * turn a permanent failure into a `NonRetryableError`. `work` is the role itself: a generation's
 * role (roles/run-role.ts) or a follow-up's (follow-up-steps.ts).
 */
export async function reportedRoleStep(
  env: Env,
  params: StepParams,
  role: Role,
  attempt: number,
  work: (room: ProjectRoomStub) => Promise<StepManifest>,
): Promise<StepManifest> {
  const room = env.PROJECTS.getByName(params.projectId);
  const run = params.runId;
  const started = Date.now();
  const where = { project: params.projectId, run, kind: params.kind, role, model: params.model, attempt };
  await room.stepStarted(run, role, attempt);
  try {
    const manifest = await work(room);
    await putManifest(env.ARTIFACTS, runLocation(params), manifest);
    const files = manifest.files.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
    await room.stepFinished(run, role, files, manifest.usage);
    log("step", {
      ...where,
      outcome: "done",
      ms: Date.now() - started,
      files: files.length,
      promptTokens: manifest.usage.promptTokens,
      completionTokens: manifest.usage.completionTokens,
    });
    return manifest;
  } catch (err) {
    const failure = describeFailure(err, role);
    await room.attemptFailed(run, role, attempt, failure.error);
    log("step", {
      ...where,
      outcome: "error",
      ms: Date.now() - started,
      code: failure.error.code,
      permanent: failure.permanent,
      detail: failure.detail,
    });
    // The second argument would become the error's name, and the runtime recognises a
    // non-retryable error by its name: keep the default and put the code in the message.
    if (failure.permanent) throw new NonRetryableError(`${failure.error.code}: ${failure.error.message}`);
    throw err;
  }
}
