import { env } from "cloudflare:workers";
import { introspectWorkflow } from "cloudflare:test";
import type { WorkflowInstanceIntrospector } from "cloudflare:test";
import type { ProjectView, RunDetail, RunView } from "../../shared/protocol";
import { call, postJson } from "./api";
import { getProject, startProject } from "./projects";

export type FollowUpBody = { kind: "edit"; instruction: string } | { kind: "fix"; problem: string } | { kind: "explain"; question: string };

/** A project generated to the end, for the follow-ups to work on. */
export async function generated(auth: Record<string, string>, prompt: string, model = "blueprint"): Promise<ProjectView> {
  const run = await startProject(auth, { prompt, model });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  return getProject(run.id, auth);
}

/**
 * Posts a follow-up run through the API while introspecting the Workflow, and waits for the run
 * to end. Returns the response, and the run's view once it ended (when it started).
 */
export async function followUp(
  auth: Record<string, string>,
  id: string,
  body: FollowUpBody,
  end: "complete" | "errored" = "complete",
): Promise<{ res: Response; run?: RunView; detail?: RunDetail }> {
  const introspector = await introspectWorkflow(env.GENERATE_APP);
  await introspector.modifyAll((m) => m.disableRetryDelays());
  try {
    const res = await postJson(`/api/projects/${id}/runs`, body, auth);
    if (res.status !== 202) return { res };
    const { run }: { run: RunView } = await res.clone().json();
    const [instance] = await introspector.get();
    if (!instance) throw new Error("no Workflow instance for the follow-up");
    await instance.waitForStatus(end);
    return { res, run, detail: await runDetail(auth, id, run.id) };
  } finally {
    await introspector.dispose();
  }
}

/** Posts a follow-up and hands back the still-running instance (for 409 tests). */
export async function startFollowUp(
  auth: Record<string, string>,
  id: string,
  body: FollowUpBody,
): Promise<{ res: Response; instance: WorkflowInstanceIntrospector | undefined; dispose: () => Promise<void> }> {
  const introspector = await introspectWorkflow(env.GENERATE_APP);
  await introspector.modifyAll((m) => m.disableRetryDelays());
  const res = await postJson(`/api/projects/${id}/runs`, body, auth);
  const [instance] = await introspector.get();
  return { res, instance, dispose: () => introspector.dispose() };
}

export async function runDetail(auth: Record<string, string>, id: string, run: string): Promise<RunDetail> {
  const res = await call(`/api/projects/${id}/runs/${run}`, { headers: auth });
  if (res.status !== 200) throw new Error(`run ${run}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every file of a run with its hash, as the room keeps them. */
export async function filesOf(id: string, run: string): Promise<Map<string, string>> {
  const files = await env.PROJECTS.getByName(id).currentFiles(run);
  return new Map(files.map((file) => [file.path, file.sha256]));
}
