import { anthropicModel } from "./anthropic";
import { blueprint } from "../blueprint";
import { readModelConfig } from "./config";
import type { ModelConfig } from "./config";
import type { KeySource, ProviderName } from "./errors";
import { withFallback } from "./fallback";
import type { ModelSwitch } from "./fallback";
import { joxcoderModel } from "./joxcoder";
import { MODEL_NAMES } from "./model";
import type { Model, ModelName } from "./model";
import { openaiModel } from "./openai";
import { DEFAULT_RECOVERY, withRecovery } from "./recovery";
import type { RecoveryPolicy } from "./recovery";

/** A model was asked for that this deployment cannot run. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  constructor(
    readonly model: string,
    reason: string,
  ) {
    super(`model "${model}" is not available: ${reason}`);
  }
}

/** Providers a user may bring their own key for. */
export const BYO_PROVIDERS = ["openai", "anthropic"] as const;
export type ByoProvider = (typeof BYO_PROVIDERS)[number];

/** Decrypted keys of the account running a project, fetched by the step itself, never via params. */
export type AccountKeys = Partial<Record<ByoProvider, string>>;

export function isModelName(value: string): value is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(value);
}

export function isByoProvider(value: string): value is ByoProvider {
  return (BYO_PROVIDERS as readonly string[]).includes(value);
}

/** Which models this deployment can run with its own settings, as /health reports them. */
export function configuredModels(env: Env): ModelName[] {
  const config = readModelConfig(env);
  const models: ModelName[] = [];
  if (config.joxcoder.endpointUrl) models.push("joxcoder");
  if (config.openai.apiKey) models.push("openai");
  if (config.anthropic.apiKey) models.push("anthropic");
  models.push("blueprint");
  return models;
}

/**
 * The model a new project runs on: the one asked for, else `joxcoder` when its endpoint is set,
 * else `blueprint`. Checked when the project is created, so a request for a model that cannot run
 * fails at once with 400, not minutes later. `accountProviders` are the providers the user has
 * their own key for.
 */
export function chooseModel(env: Env, requested: string | undefined, accountProviders: readonly string[] = []): ModelName {
  const available = [...configuredModels(env), ...accountProviders.filter(isByoProvider)];
  if (requested === undefined) return available.includes("joxcoder") ? "joxcoder" : "blueprint";
  if (!isModelName(requested)) {
    throw new ModelUnavailableError(requested, `known models are ${MODEL_NAMES.join(", ")}`);
  }
  if (!available.includes(requested)) {
    const hint = isByoProvider(requested) ? `; add your own key with PUT /api/account/keys/${requested}` : "";
    throw new ModelUnavailableError(requested, `configured here: ${[...new Set(available)].join(", ")}${hint}`);
  }
  return requested;
}

export interface CreateOptions {
  keys?: AccountKeys;
  /** Called when JoxCoder gives up and the user's own provider takes over. */
  onSwitch?: (change: ModelSwitch) => Promise<void>;
  recovery?: RecoveryPolicy;
}

/** The model instance a Workflow step streams from, wrapped in retries, continuation and fallback. */
export function createModel(env: Env, name: ModelName, options: CreateOptions = {}): Model {
  if (name === "blueprint") return blueprint;
  const config = readModelConfig(env);
  const recovery = options.recovery ?? DEFAULT_RECOVERY;
  const primary = providerModel(config, name, options.keys ?? {}, recovery);
  if (!primary) throw new ModelUnavailableError(name, "its provider is not configured in this deployment");
  if (name !== "joxcoder") return primary;
  // Only the user's own key takes over: the deployment's keys never replace JoxCoder silently.
  const own = BYO_PROVIDERS.find((p) => options.keys?.[p]);
  const fallback = own ? providerModel(config, own, { [own]: options.keys?.[own] }, recovery, true) : undefined;
  return fallback ? withFallback(primary, fallback, options.onSwitch ?? (async () => {})) : primary;
}

function providerModel(
  config: ModelConfig,
  name: ProviderName,
  keys: AccountKeys,
  recovery: RecoveryPolicy,
  accountOnly = false,
): Model | undefined {
  if (name === "joxcoder") {
    const { endpointUrl, token, model } = config.joxcoder;
    if (!endpointUrl) return undefined;
    // A public TGI server needs no token; the SDK then sends none.
    return withRecovery(
      "joxcoder",
      joxcoderModel({ apiKey: token ?? "", keySource: "deployment", baseURL: endpointUrl, model }),
      "deployment",
      recovery,
    );
  }
  const settings = config[name];
  const own = keys[name];
  const apiKey = own ?? (accountOnly ? undefined : settings.apiKey);
  if (!apiKey) return undefined;
  const keySource: KeySource = own ? "account" : "deployment";
  const make = name === "openai" ? openaiModel : anthropicModel;
  return withRecovery(name, make({ apiKey, keySource, baseURL: settings.baseURL, model: settings.model }), keySource, recovery);
}
