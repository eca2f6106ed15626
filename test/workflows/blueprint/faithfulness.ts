/**
 * How faithful a plan is to its idea, against test/fixtures/ideas.json: every expected entity,
 * reference and rule present, and no entity nobody asked for. Shared by the vitest check
 * (faithfulness.test.ts) and `npm run bench`, which bundles this file to print the figure.
 */
import { z } from "zod";
import type { Plan } from "../../../workflows/plan";

const pair = z.tuple([z.string(), z.string()]);
const expectation = z.object({
  id: z.string(),
  area: z.string().optional(),
  idea: z.string(),
  entities: z.array(z.string()).min(1),
  references: z.array(pair),
  rules: z.array(pair),
  enums: z.array(pair).optional(),
  notBuilt: z.array(z.string()).optional(),
  title: z.string().optional(),
});

/** test/fixtures/ideas.json, checked on load so a typo in the fixture fails loudly. */
export const fixtureSchema = z.object({ about: z.string(), ideas: z.array(expectation), heldOut: z.array(expectation) });

export interface Expectation {
  id: string;
  area?: string;
  idea: string;
  /** Singular entity names; "a|b" accepts either. */
  entities: string[];
  /** [from, to]: some field of `from` is a reference to `to`. */
  references: [string, string][];
  /** [type, entity]. */
  rules: [string, string][];
  /** [entity, "v1,v2,v3"]: an enum field with exactly these values. */
  enums?: [string, string][];
  /** Words the plan's notBuilt list must mention. */
  notBuilt?: string[];
  title?: string;
}

export interface Verdict {
  id: string;
  /** The figure: every expected entity, reference and rule, and no invented entity. */
  faithful: boolean;
  /** Faithful, and the expected enums, not-built notes and title too. */
  complete: boolean;
  missing: string[];
  invented: string[];
  extra: string[];
}

const matches = (pattern: string, name: string | undefined): boolean => name !== undefined && pattern.split("|").includes(name);

export function judge(plan: Plan, expected: Expectation): Verdict {
  const missing: string[] = [];
  const extra: string[] = [];
  const names = plan.entities.map((entity) => entity.name);
  for (const pattern of expected.entities) {
    if (!names.some((name) => matches(pattern, name))) missing.push(`entity ${pattern}`);
  }
  const invented = names.filter((name) => !expected.entities.some((pattern) => matches(pattern, name)));
  for (const [from, to] of expected.references) {
    const found = plan.entities.some(
      (entity) => matches(from, entity.name) && entity.fields.some((field) => field.type === "reference" && matches(to, field.entity)),
    );
    if (!found) missing.push(`reference ${from} -> ${to}`);
  }
  for (const [type, entity] of expected.rules) {
    if (!plan.rules.some((rule) => rule.type === type && matches(entity, rule.entity))) missing.push(`rule ${type} on ${entity}`);
  }
  const faithful = missing.length === 0 && invented.length === 0;
  for (const [entity, values] of expected.enums ?? []) {
    const found = plan.entities.some(
      (item) =>
        matches(entity, item.name) && item.fields.some((field) => field.type === "enum" && (field.values ?? []).join(",") === values),
    );
    if (!found) extra.push(`enum ${entity}: ${values}`);
  }
  for (const word of expected.notBuilt ?? []) {
    if (!plan.notBuilt.some((item) => item.toLowerCase().includes(word.toLowerCase()))) extra.push(`notBuilt mentions ${word}`);
  }
  if (expected.title !== undefined && plan.name !== expected.title) extra.push(`title "${expected.title}", got "${plan.name}"`);
  return { id: expected.id, faithful, complete: faithful && extra.length === 0, missing, invented, extra };
}

/** "41 of 41 ideas (100%)". */
export function figure(verdicts: readonly Verdict[], key: "faithful" | "complete" = "faithful"): string {
  const good = verdicts.filter((verdict) => verdict[key]).length;
  const percent = verdicts.length === 0 ? 0 : Math.round((100 * good) / verdicts.length);
  return `${good} of ${verdicts.length} ideas (${percent}%)`;
}
