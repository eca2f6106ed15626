import { z } from "zod";

/**
 * The healer's thresholds (docs/configuration.md), read from the Worker's vars and parsed with zod
 * so a typo fails loudly instead of healing at the wrong pace.
 */
const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  /** No sign of life for this long and a run is looked at: woken, failed or settled. */
  HEAL_AFTER_SECONDS: seconds(120),
  /** No progress for this long, however often it was woken, and a run is given up as failed. */
  HEAL_GIVE_UP_SECONDS: seconds(3600),
  /** How many indexed runs one periodic sweep looks at (each costs a few subrequests). */
  HEAL_SWEEP_BATCH: z.coerce.number().int().min(1).max(200).default(10),
});

export interface HealConfig {
  afterMs: number;
  giveUpMs: number;
  sweepBatch: number;
}

export class HealConfigError extends Error {
  override readonly name = "HealConfigError";
}

export function healConfig(env: Env): HealConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HealConfigError(`heal configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const { HEAL_AFTER_SECONDS, HEAL_GIVE_UP_SECONDS, HEAL_SWEEP_BATCH } = parsed.data;
  return { afterMs: HEAL_AFTER_SECONDS * 1000, giveUpMs: HEAL_GIVE_UP_SECONDS * 1000, sweepBatch: HEAL_SWEEP_BATCH };
}
