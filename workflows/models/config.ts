import { config } from "../../workers/config/config";

/**
 * The model settings this deployment has, shaped for the registry. The vars are parsed in
 * workers/config/ (blank counts as unset there, so `.dev.vars` lines can be left empty); unset keys
 * mean "provider not configured".
 */
export interface ModelConfig {
  joxcoder: { endpointUrl?: string; model: string; token?: string };
  openai: { apiKey?: string; baseURL: string; model: string };
  anthropic: { apiKey?: string; baseURL: string; model: string };
}

export function readModelConfig(env: Env): ModelConfig {
  const c = config(env);
  return {
    joxcoder: {
      ...(c.JOXCODER_ENDPOINT_URL ? { endpointUrl: c.JOXCODER_ENDPOINT_URL.replace(/\/+$/, "") } : {}),
      model: c.JOXCODER_MODEL,
      ...(c.HF_TOKEN ? { token: c.HF_TOKEN } : {}),
    },
    openai: {
      ...(c.OPENAI_API_KEY ? { apiKey: c.OPENAI_API_KEY } : {}),
      baseURL: c.OPENAI_BASE_URL,
      model: c.OPENAI_MODEL,
    },
    anthropic: {
      ...(c.ANTHROPIC_API_KEY ? { apiKey: c.ANTHROPIC_API_KEY } : {}),
      baseURL: c.ANTHROPIC_BASE_URL,
      model: c.ANTHROPIC_MODEL,
    },
  };
}
