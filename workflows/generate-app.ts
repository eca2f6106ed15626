import { WorkflowEntrypoint } from "cloudflare:workers";
import type { WorkflowEvent, WorkflowStep } from "cloudflare:workers";

export class GenerateApp extends WorkflowEntrypoint<Env, unknown> {
  override async run(_event: WorkflowEvent<unknown>, _step: WorkflowStep): Promise<void> {}
}
