/**
 * `blueprint`: the model used when no AI provider is configured. It writes a real, runnable
 * project from the idea with no network and no account: the architect's plan comes from a
 * lexicon, every other role from templates over that plan, and the security role from checks
 * over the code the others wrote. It streams like any model so the pipeline cannot tell.
 */
import { formatFile } from "../files/format";
import type { Plan } from "../plan";
import { isFollowUpTask } from "../models/model";
import type { Model, ModelEvent, ModelRequest, ModelTask, RoleTask } from "../models/model";
import { backendFiles } from "./backend";
import { derivePlan } from "./derive-plan";
import { devopsFiles } from "./devops";
import { planUpdate, reaudit, respondFollowUp } from "./follow-up";
import { frontendFiles } from "./frontend";
import { detectLanguage } from "./grammar";
import type { GeneratedFile } from "./layout";
import { vocabularyLanguage } from "./lexicon";
import { securityFiles } from "./security";
import { chunkText } from "./text";

/** About what a real model streams per event; viewers see files appear piece by piece. */
const CHUNK_CHARS = 1500;

/** A builder role ran without the plan the architect should have stored. */
export class MissingPlanError extends Error {
  override readonly name = "MissingPlanError";
  constructor(readonly role: string) {
    super(`the blueprint ${role} role needs the architect's plan`);
  }
}

function planOf(task: RoleTask): Plan {
  if (!task.plan) throw new MissingPlanError(task.role);
  return task.plan;
}

function asBlocks(files: readonly GeneratedFile[]): string[] {
  return files.flatMap((file) => chunkText(formatFile(file.path, file.content), CHUNK_CHARS));
}

/** The whole answer of a role, already cut into the chunks it is streamed in. */
export function respond(task: ModelTask): string[] {
  if (isFollowUpTask(task)) return chunkText(respondFollowUp(task), CHUNK_CHARS);
  if (task.followUp) return respondInFollowUp(task);
  switch (task.role) {
    case "architect":
      return chunkText(`${JSON.stringify(derivePlan(task.idea, task.projectName), null, 2)}\n`, CHUNK_CHARS);
    case "backend":
      return asBlocks(backendFiles(planOf(task)));
    case "frontend":
      return asBlocks(frontendFiles(planOf(task)));
    case "devops":
      return asBlocks(devopsFiles(planOf(task)));
    case "security": {
      const language = task.plan?.language ?? detectLanguage(task.idea, vocabularyLanguage);
      return asBlocks(securityFiles(task.sources ?? [], language));
    }
  }
}

/** A generation role asked again in a follow-up run: the architect's plan update, the security re-audit. */
function respondInFollowUp(task: RoleTask): string[] {
  if (task.role === "architect") return chunkText(planUpdate(task), CHUNK_CHARS);
  if (task.role === "security") return chunkText(reaudit(task), CHUNK_CHARS);
  return [];
}

function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export const blueprint: Model = {
  name: "blueprint",
  async *stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const chunks = respond(request.task);
    let written = 0;
    for (const text of chunks) {
      signal?.throwIfAborted();
      written += text.length;
      yield { type: "text", text };
    }
    yield {
      type: "done",
      finishReason: "stop",
      usage: { promptTokens: tokens(request.system + request.prompt), completionTokens: Math.ceil(written / 4) },
    };
  },
};
