/**
 * Which of the plan's parts a project uses, so each generated file carries only the code its plan
 * needs: a to-do list gets no overlap checks and no views, a library its overdue list. Smaller
 * projects read better, and an offline run stays as cheap as the credits docs promise.
 */
import type { Plan } from "../plan";

export interface Features {
  references: boolean;
  transitions: boolean;
  unique: boolean;
  noOverlap: boolean;
  onePer: boolean;
  derivedList: boolean;
  /** Sums, averages and counts. */
  totals: boolean;
  balance: boolean;
  approval: boolean;
  redirect: boolean;
  /** Any rule with a view of its own (GET /api/views/{name}). */
  views: boolean;
  rules: boolean;
}

export function featuresOf(plan: Plan): Features {
  const fields = plan.entities.flatMap((entity) => entity.fields);
  const has = (type: string) => plan.rules.some((rule) => rule.type === type);
  const totals = plan.rules.some((rule) => rule.type === "aggregate" && rule.op !== "balance");
  const balance = plan.rules.some((rule) => rule.type === "aggregate" && rule.op === "balance");
  return {
    references: fields.some((field) => field.type === "reference"),
    transitions: fields.some((field) => field.transitions !== undefined),
    unique:
      fields.some((field) => field.unique) || plan.entities.some((entity) => (entity.unique ?? []).length > 0) || has("redirectAndCount"),
    noOverlap: has("noOverlap"),
    onePer: has("onePer"),
    derivedList: has("derivedList"),
    totals,
    balance,
    approval: has("approval"),
    redirect: has("redirectAndCount"),
    views: has("derivedList") || has("aggregate") || has("approval"),
    rules: plan.rules.length > 0,
  };
}

/** A piece of generated source, only when the project uses it. */
export function when(condition: boolean, source: string): string {
  return condition ? source : "";
}
