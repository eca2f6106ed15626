import type { ModelSwitch } from "./fallback";
import type { Model, ModelName } from "./model";
import { BYO_PROVIDERS, createModel, isByoProvider } from "./registry";
import type { AccountKeys } from "./registry";

/**
 * The model a Workflow step runs on. The account's own keys are fetched here, inside the step,
 * from the account's store: Workflow params are persisted, so keys never travel in them.
 * Once JoxCoder has handed over to the user's provider, later roles start there directly rather
 * than spending JoxCoder's retries again, and each says so in its own `model` event.
 */
export async function modelForStep(
  env: Env,
  params: { projectId: string; runId: string; accountId: string; model: ModelName },
  onSwitch: (change: ModelSwitch) => Promise<void>,
): Promise<Model> {
  if (params.model === "blueprint") return createModel(env, "blueprint");
  const store = env.ACCOUNTS.getByName(params.accountId);
  const keys: AccountKeys = {};
  for (const provider of BYO_PROVIDERS) {
    const key = await store.providerKey(params.accountId, provider);
    if (key) keys[provider] = key;
  }
  const earlier = params.model === "joxcoder" ? await env.PROJECTS.getByName(params.projectId).switchedTo(params.runId) : null;
  if (earlier && isByoProvider(earlier) && keys[earlier]) {
    const model = createModel(env, earlier, { keys: { [earlier]: keys[earlier] } });
    const change = { from: params.model, to: earlier, reason: "JoxCoder failed in an earlier step; its replacement carries on" };
    return {
      name: model.name,
      async *stream(request, signal) {
        await onSwitch(change);
        yield* model.stream(request, signal);
      },
    };
  }
  return createModel(env, params.model, { keys, onSwitch });
}
