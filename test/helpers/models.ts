import { env } from "cloudflare:workers";
import { anthropicModel } from "../../workflows/models/anthropic";
import { readModelConfig } from "../../workflows/models/config";
import type { ProviderName } from "../../workflows/models/errors";
import { joxcoderModel } from "../../workflows/models/joxcoder";
import type { Model, ModelEvent, ModelRequest } from "../../workflows/models/model";
import { openaiModel } from "../../workflows/models/openai";
import { DEFAULT_RECOVERY, withRecovery } from "../../workflows/models/recovery";
import type { RecoveryPolicy } from "../../workflows/models/recovery";

export const PROVIDERS: ProviderName[] = ["joxcoder", "openai", "anthropic"];
export const TEST_KEYS: Record<ProviderName, string> = {
  joxcoder: "hf_fake_deployment_token",
  openai: "sk-test-openai-0123456789abcdef",
  anthropic: "sk-ant-test-0123456789abcdef",
};

/** A provider pointed at the fake servers (bindings in vitest.config.ts), with the key passed in. */
export function rawProvider(provider: ProviderName, timeoutMs?: number): Model {
  const config = readModelConfig(env);
  const timeout = timeoutMs === undefined ? {} : { timeoutMs };
  if (provider === "joxcoder") {
    return joxcoderModel({
      apiKey: TEST_KEYS.joxcoder,
      keySource: "deployment",
      baseURL: config.joxcoder.endpointUrl ?? "",
      model: config.joxcoder.model,
      ...timeout,
    });
  }
  const make = provider === "openai" ? openaiModel : anthropicModel;
  return make({
    apiKey: TEST_KEYS[provider],
    keySource: "account",
    baseURL: config[provider].baseURL,
    model: config[provider].model,
    ...timeout,
  });
}

/**
 * The provider wrapped in recovery, on a fake clock: waits are recorded instead of slept and move
 * the clock forward by what they would have slept, so deadlines are tested without real minutes.
 */
export function recovering(
  provider: ProviderName,
  overrides: Partial<RecoveryPolicy> = {},
  timeoutMs?: number,
): { model: Model; waits: number[] } {
  const waits: number[] = [];
  let clock = 0;
  const policy: RecoveryPolicy = {
    ...DEFAULT_RECOVERY,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    ...overrides,
  };
  return {
    model: withRecovery(provider, rawProvider(provider, timeoutMs), provider === "joxcoder" ? "deployment" : "account", policy),
    waits,
  };
}

export function request(prompt: string, system = "You are a test."): ModelRequest {
  return { task: { role: "backend", idea: prompt, produced: [] }, system, prompt, maxOutputTokens: 1000 };
}

export async function collect(
  model: Model,
  req: ModelRequest,
): Promise<{ text: string; chunks: number; done: Extract<ModelEvent, { type: "done" }> | undefined }> {
  let text = "";
  let chunks = 0;
  let done: Extract<ModelEvent, { type: "done" }> | undefined;
  for await (const event of model.stream(req)) {
    if (event.type === "done") done = event;
    else {
      text += event.text;
      chunks++;
    }
  }
  return { text, chunks, done };
}

export interface RecordedRequest {
  provider: string;
  path: string;
  authorization: string | null;
  apiKey: string | null;
  model: string;
  text: string;
  assistant: string;
  count: number;
  /** The structured-output parameter as the fake read it (test/fake/model-server.mjs), or null. */
  structured: { kind: string; name: string | null; valid: boolean; keys: string[] } | null;
}

/** What the fake servers received for prompts containing `marker`. */
export async function recorded(marker: string): Promise<RecordedRequest[]> {
  const base = readModelConfig(env).joxcoder.endpointUrl?.replace(/\/hf$/, "") ?? "";
  const res = await fetch(`${base}/__requests?marker=${encodeURIComponent(marker)}`);
  return res.json();
}

export const unique = () => crypto.randomUUID().slice(0, 8);
