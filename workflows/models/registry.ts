import { blueprint } from "./blueprint";
import { MODEL_NAMES } from "./model";
import type { Model, ModelName } from "./model";

/** A model was asked for that this deployment cannot run. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  constructor(readonly model: string, reason: string) {
    super(`model "${model}" is not available: ${reason}`);
  }
}

export function isModelName(value: string): value is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(value);
}

/** Which model providers this deployment can use, as /health reports them. */
export function configuredModels(_env: Env): ModelName[] {
  return ["blueprint"];
}

/**
 * The model a new project runs on: the one asked for, else the default. Checked when the project
 * is created, so a request for an unconfigured model fails at once with 400, not minutes later.
 */
export function chooseModel(env: Env, requested: string | undefined): ModelName {
  const available = configuredModels(env);
  if (requested === undefined) return available[0] ?? "blueprint";
  if (!isModelName(requested)) {
    throw new ModelUnavailableError(requested, `known models are ${MODEL_NAMES.join(", ")}`);
  }
  if (!available.includes(requested)) {
    throw new ModelUnavailableError(requested, `configured here: ${available.join(", ")}`);
  }
  return requested;
}

/** The model instance a Workflow step streams from. */
export function createModel(_env: Env, name: ModelName): Model {
  if (name === "blueprint") return blueprint;
  throw new ModelUnavailableError(name, "its provider is not configured in this deployment");
}
