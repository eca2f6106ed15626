import { z } from "zod";

/**
 * The model settings this deployment has, read from its vars and secrets. Parsed with zod rather
 * than typed by `wrangler types`: these are optional (unset means "provider not configured"), and
 * an empty string counts as unset so `.dev.vars` lines can be left blank.
 */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  JOXCODER_ENDPOINT_URL: optional,
  JOXCODER_MODEL: optional,
  HF_TOKEN: optional,
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  OPENAI_MODEL: optional,
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optional,
  ANTHROPIC_MODEL: optional,
});

export interface ModelConfig {
  joxcoder: { endpointUrl?: string; model: string; token?: string };
  openai: { apiKey?: string; baseURL: string; model: string };
  anthropic: { apiKey?: string; baseURL: string; model: string };
}

export const DEFAULTS = {
  joxcoderModel: "joxcoder",
  openaiBaseURL: "https://api.openai.com/v1",
  openaiModel: "gpt-4.1-mini",
  anthropicBaseURL: "https://api.anthropic.com",
  anthropicModel: "claude-sonnet-5-5",
} as const;

export function readModelConfig(env: Env): ModelConfig {
  const raw = envSchema.parse(env);
  return {
    joxcoder: {
      ...(raw.JOXCODER_ENDPOINT_URL ? { endpointUrl: raw.JOXCODER_ENDPOINT_URL.replace(/\/+$/, "") } : {}),
      model: raw.JOXCODER_MODEL ?? DEFAULTS.joxcoderModel,
      ...(raw.HF_TOKEN ? { token: raw.HF_TOKEN } : {}),
    },
    openai: {
      ...(raw.OPENAI_API_KEY ? { apiKey: raw.OPENAI_API_KEY } : {}),
      baseURL: raw.OPENAI_BASE_URL ?? DEFAULTS.openaiBaseURL,
      model: raw.OPENAI_MODEL ?? DEFAULTS.openaiModel,
    },
    anthropic: {
      ...(raw.ANTHROPIC_API_KEY ? { apiKey: raw.ANTHROPIC_API_KEY } : {}),
      baseURL: raw.ANTHROPIC_BASE_URL ?? DEFAULTS.anthropicBaseURL,
      model: raw.ANTHROPIC_MODEL ?? DEFAULTS.anthropicModel,
    },
  };
}
