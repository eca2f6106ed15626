import { planSchema } from "../plan";
import type { Plan } from "../plan";

/** The architect's answer is not a valid plan; the message lists what to fix. */
export class InvalidPlanError extends Error {
  override readonly name = "InvalidPlanError";
  constructor(readonly problems: string[]) {
    super(`the architect's plan is invalid: ${problems.slice(0, 8).join("; ")}`);
  }
}

/**
 * Reads the plan out of the architect's answer. Models wrap JSON in fences or prose, so this takes
 * the outermost JSON object it finds, then validates it against the schema.
 */
export function parsePlan(text: string): Plan {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text)?.[1];
  const candidate = fenced ?? text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  let json: unknown;
  try {
    json = JSON.parse(candidate);
  } catch (err) {
    throw new InvalidPlanError([`not JSON (${err instanceof Error ? err.message : "parse error"})`]);
  }
  const result = planSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidPlanError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  return result.data;
}
