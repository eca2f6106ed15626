import { z } from "zod";
import { ruleSchema } from "./plan-rules";
import type { Rule } from "./plan-rules";

export { RULE_TYPES, ruleSchema } from "./plan-rules";
export type { Condition, Rule, RuleType } from "./plan-rules";

/**
 * The architect's plan. It is model output, so it is untrusted: every later role, the ZIP and the
 * README rely on it, and it is validated here before anything else reads it. The same schema, as
 * JSON Schema (`planJsonSchema`), is what providers with structured output are asked to follow.
 */

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "must be a camelCase identifier starting with a lowercase letter");

/**
 * `time` is a time of day, HH:MM; `datetime` an ISO 8601 date and time; `reference` holds the id of
 * a record of `entity`; `enum` one of `values`.
 */
export const FIELD_TYPES = [
  "string",
  "text",
  "integer",
  "number",
  "boolean",
  "date",
  "time",
  "datetime",
  "email",
  "url",
  "reference",
  "enum",
] as const;

const enumValue = z.string().min(1).max(40);

export const transitionSchema = z.object({
  from: enumValue,
  to: z.array(enumValue).max(20),
});

export const fieldSchema = z.object({
  name: identifier,
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(true),
  label: z.string().min(1).max(60).optional(),
  /** For `reference`: the singular name of the entity whose id this field holds. */
  entity: identifier.optional(),
  /** For `enum`: the allowed values; the first is what a new record starts with. */
  values: z.array(enumValue).min(2).max(20).optional(),
  /** For `enum`: the only changes allowed, value to values. Absent: any value may follow any other. */
  transitions: z.array(transitionSchema).max(20).optional(),
  /** No two records may hold the same value. */
  unique: z.boolean().optional(),
  /** For `integer` and `number`: the smallest and largest value accepted. */
  min: z.number().optional(),
  max: z.number().optional(),
});

export const entitySchema = z.object({
  /** Singular, camelCase: `cita`, `product`. */
  name: identifier,
  /** Plural, used in URLs: `/api/citas`. */
  plural: identifier,
  label: z.string().min(1).max(60).optional(),
  /** The plural as users read it ("Publicaciones", "Posts"); derived from `label` when absent. */
  pluralLabel: z.string().min(1).max(60).optional(),
  fields: z.array(fieldSchema).min(1).max(30),
  /** Sets of fields whose values together may appear in one record only ("unique together"). */
  unique: z.array(z.array(identifier).min(2).max(5)).max(5).optional(),
});

export const endpointSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  path: z.string().regex(/^\/[A-Za-z0-9_\-/:{}.]*$/, "must be an absolute URL path"),
  description: z.string().max(200).default(""),
});

export const pageSchema = z.object({
  path: z.string().regex(/^\/[A-Za-z0-9_\-/:.]*$/, "must be an absolute URL path"),
  title: z.string().min(1).max(80),
  description: z.string().max(200).default(""),
});

export const plannedFileSchema = z.object({
  path: z.string().min(1).max(200),
  purpose: z.string().max(200).default(""),
});

const planObject = z.object({
  name: z.string().min(1).max(80),
  /** Package and folder name: lowercase, digits and dashes. */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "must be lowercase letters, digits and dashes"),
  summary: z.string().min(1).max(600),
  language: z.enum(["es", "en"]),
  /** The README's language when it is not the app's: a follow-up edit can switch it alone. */
  readmeLanguage: z.enum(["es", "en"]).optional(),
  stack: z.object({
    runtime: z.string().min(1).max(60),
    backend: z.string().min(1).max(60),
    frontend: z.string().min(1).max(60),
    database: z.string().min(1).max(60),
  }),
  entities: z.array(entitySchema).min(1).max(12),
  /** Behaviour beyond CRUD, each implemented, tested, shown and documented by the later roles. */
  rules: z.array(ruleSchema).max(20).default([]),
  /** Parts of the idea this plan does not build, in the idea's language: said, never silently dropped. */
  notBuilt: z.array(z.string().min(1).max(200)).max(20).default([]),
  api: z.array(endpointSchema).max(100),
  pages: z.array(pageSchema).max(30),
  /** The files each later role must write. The security role's output depends on what it finds. */
  files: z.object({
    backend: z.array(plannedFileSchema).min(1).max(80),
    frontend: z.array(plannedFileSchema).min(1).max(80),
    devops: z.array(plannedFileSchema).min(1).max(40),
  }),
});

export type Plan = z.infer<typeof planObject>;
export type Entity = z.infer<typeof entitySchema>;
export type Field = z.infer<typeof fieldSchema>;
export type FieldType = (typeof FIELD_TYPES)[number];

type Issue = { path: (string | number)[]; message: string };

const NUMERIC: ReadonlySet<FieldType> = new Set(["integer", "number"]);
const ORDERED: ReadonlySet<FieldType> = new Set(["integer", "number", "date", "time", "datetime"]);

/** What must hold between a field's parts: a reference names an entity, an enum has its values. */
function fieldIssues(field: Field, names: ReadonlySet<string>, path: (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  if (field.type === "reference") {
    if (field.entity === undefined) issues.push({ path: [...path, "entity"], message: "a reference names the entity it points at" });
    else if (!names.has(field.entity)) issues.push({ path: [...path, "entity"], message: `no entity named "${field.entity}"` });
  }
  if (field.type === "enum") {
    const values = field.values ?? [];
    if (values.length < 2) issues.push({ path: [...path, "values"], message: "an enum lists at least two values" });
    if (new Set(values).size !== values.length) issues.push({ path: [...path, "values"], message: "enum values repeat" });
    for (const [index, transition] of (field.transitions ?? []).entries()) {
      for (const value of [transition.from, ...transition.to]) {
        if (!values.includes(value)) issues.push({ path: [...path, "transitions", index], message: `"${value}" is not one of the values` });
      }
    }
  } else if (field.values !== undefined || field.transitions !== undefined) {
    issues.push({ path: [...path, "values"], message: "only enum fields have values and transitions" });
  }
  if ((field.min !== undefined || field.max !== undefined) && !NUMERIC.has(field.type)) {
    issues.push({ path: [...path, "min"], message: "min and max apply to integer and number fields" });
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    issues.push({ path: [...path, "max"], message: "max is below min" });
  }
  return issues;
}

/** A rule's fields must exist on its entity, with types the rule can work with. */
function ruleIssues(rule: Rule, byName: ReadonlyMap<string, Entity>, path: (string | number)[]): Issue[] {
  const entity = byName.get(rule.entity);
  if (!entity) return [{ path: [...path, "entity"], message: `no entity named "${rule.entity}"` }];
  const issues: Issue[] = [];
  const field = (name: string | undefined, key: string, types?: ReadonlySet<FieldType>): void => {
    if (name === undefined) return;
    const found = entity.fields.find((item) => item.name === name);
    if (!found) issues.push({ path: [...path, key], message: `"${rule.entity}" has no field "${name}"` });
    else if (types && !types.has(found.type)) {
      issues.push({ path: [...path, key], message: `"${name}" must be one of: ${[...types].join(", ")}` });
    }
  };
  switch (rule.type) {
    case "noOverlap":
      field(rule.start, "start", ORDERED);
      field(rule.end, "end", ORDERED);
      field(rule.on, "on", new Set(["date"]));
      field(rule.scope, "scope");
      break;
    case "derivedList":
      for (const [index, condition] of rule.where.entries()) {
        field(condition.field, `where.${index}.field`);
        field(condition.otherField, `where.${index}.otherField`);
      }
      break;
    case "aggregate":
      if (rule.op !== "count" && rule.field === undefined) issues.push({ path: [...path, "field"], message: `${rule.op} needs a field` });
      field(rule.field, "field", NUMERIC);
      field(rule.groupBy, "groupBy");
      field(rule.period?.field, "period", new Set(["date", "datetime"]));
      if (rule.op === "balance") {
        const by = entity.fields.find((item) => item.name === rule.groupBy);
        if (by?.type !== "reference") issues.push({ path: [...path, "groupBy"], message: "a balance groups by a reference (who paid)" });
      }
      break;
    case "onePer":
      for (const [index, name] of rule.fields.entries()) field(name, `fields.${index}`);
      break;
    case "redirectAndCount":
      field(rule.code, "code", new Set(["string"]));
      field(rule.url, "url", new Set(["url", "string"]));
      field(rule.count, "count", new Set(["integer"]));
      break;
    case "approval":
      field(rule.field, "field", new Set(["boolean"]));
      break;
  }
  return issues;
}

/** The whole plan: names unique, every reference and rule pointing at something that exists. */
export const planSchema = planObject.superRefine((plan, ctx) => {
  const byName = new Map(plan.entities.map((entity) => [entity.name, entity]));
  const names = new Set(byName.keys());
  const issues: Issue[] = [];
  const seen = new Set<string>();
  plan.entities.forEach((entity, index) => {
    for (const key of [entity.name, `/${entity.plural}`]) {
      if (seen.has(key)) issues.push({ path: ["entities", index, "name"], message: `"${key}" is used by two entities` });
      seen.add(key);
    }
    const fieldNames = new Set<string>();
    entity.fields.forEach((field, fieldIndex) => {
      const path = ["entities", index, "fields", fieldIndex];
      if (fieldNames.has(field.name)) issues.push({ path: [...path, "name"], message: `"${field.name}" appears twice` });
      fieldNames.add(field.name);
      issues.push(...fieldIssues(field, names, path));
    });
    for (const [setIndex, set] of (entity.unique ?? []).entries()) {
      for (const name of set) {
        if (!fieldNames.has(name)) issues.push({ path: ["entities", index, "unique", setIndex], message: `no field "${name}"` });
      }
    }
  });
  const ruleNames = new Set<string>();
  plan.rules.forEach((rule, index) => {
    if (ruleNames.has(rule.name)) issues.push({ path: ["rules", index, "name"], message: `"${rule.name}" is used by two rules` });
    ruleNames.add(rule.name);
    issues.push(...ruleIssues(rule, byName, ["rules", index]));
  });
  for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/**
 * The plan as JSON Schema, for providers' structured output (OpenAI `response_format`, an Anthropic
 * tool's `input_schema`, a TGI grammar). Derived from the zod schema above so the two cannot drift;
 * the cross-checks of `superRefine` are not expressible there and still run on every answer.
 */
export function planJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(planObject, { io: "input", unrepresentable: "any" });
  return schema;
}

/** Where the plan is saved inside the generated project. */
export const PLAN_PATH = "docs/architecture.json";

/** The plan file's content, as the architect's step stores it. */
export function planFileContent(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
