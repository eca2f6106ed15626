import type { ModelSwitch } from "./fallback";
import type { Model, ModelName } from "./model";
import { BYO_PROVIDERS, createModel } from "./registry";
import type { AccountKeys } from "./registry";

/**
 * The model a Workflow step runs on. The account's own keys are fetched here, inside the step,
 * from the account's store: Workflow params are persisted, so keys never travel in them.
 */
export async function modelForStep(
  env: Env,
  params: { accountId: string; model: ModelName },
  onSwitch: (change: ModelSwitch) => Promise<void>,
): Promise<Model> {
  if (params.model === "blueprint") return createModel(env, "blueprint");
  const store = env.ACCOUNTS.getByName(params.accountId);
  const keys: AccountKeys = {};
  for (const provider of BYO_PROVIDERS) {
    const key = await store.providerKey(params.accountId, provider);
    if (key) keys[provider] = key;
  }
  return createModel(env, params.model, { keys, onSwitch });
}
