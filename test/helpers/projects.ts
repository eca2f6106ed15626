import { env } from "cloudflare:workers";
import { introspectWorkflow } from "cloudflare:test";
import type { WorkflowInstanceIntrospector } from "cloudflare:test";
import type { ProjectView } from "../../shared/protocol";
import { call, postJson } from "./api";

/**
 * Starts a project through the API while introspecting the Workflow, so a test can mock steps
 * and wait for the run to end. `modify` runs before the instance starts.
 */
export async function startProject(
  auth: Record<string, string>,
  body: { prompt: string; name?: string; model?: string },
  modify?: Parameters<WorkflowInstanceIntrospector["modify"]>[0],
): Promise<{ id: string; instance: WorkflowInstanceIntrospector; dispose: () => Promise<void> }> {
  const introspector = await introspectWorkflow(env.GENERATE_APP);
  await introspector.modifyAll(async (m) => {
    await m.disableRetryDelays();
    if (modify) await modify(m);
  });
  const res = await postJson("/api/projects", body, auth);
  if (res.status !== 202) throw new Error(`create: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const [instance] = await introspector.get();
  if (!instance) throw new Error("no Workflow instance was created");
  return { id, instance, dispose: () => introspector.dispose() };
}

export async function getProject(id: string, auth: Record<string, string>): Promise<ProjectView> {
  const res = await call(`/api/projects/${id}`, { headers: auth });
  if (res.status !== 200) throw new Error(`get: ${res.status}`);
  return res.json();
}
