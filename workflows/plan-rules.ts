import { z } from "zod";

/**
 * The plan's rules: behaviour beyond CRUD that makes an idea worth building, as typed data every
 * later role reads. Each archetype names its entity and the fields it works on, so a backend can
 * implement it, a test can prove it and a frontend can show it without guessing.
 */

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "must be a camelCase identifier starting with a lowercase letter");

const base = {
  /** camelCase; also the rule's URL segment where it has one (`/api/views/overdueLoans`). */
  name: identifier,
  /** What users read as its title ("Préstamos vencidos"). */
  label: z.string().min(1).max(80).optional(),
  /** One line, in the plan's language: what the rule does. */
  description: z.string().min(1).max(200),
  /** The singular name of the entity the rule is about. */
  entity: identifier,
};

/** One test over a record: against a value, another field of the same record, or today's date. */
export const conditionSchema = z.object({
  field: identifier,
  op: z.enum(["lt", "lte", "gt", "gte", "eq", "ne", "isEmpty", "isNotEmpty"]),
  value: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
  otherField: identifier.optional(),
  /** Compare with today's date (YYYY-MM-DD). */
  today: z.boolean().optional(),
});

export const RULE_TYPES = ["noOverlap", "derivedList", "aggregate", "onePer", "redirectAndCount", "approval"] as const;

export const ruleSchema = z.discriminatedUnion("type", [
  z.object({
    /** Two records with the same `scope` (the resource: a court, a dentist) may not overlap in time. */
    type: z.literal("noOverlap"),
    ...base,
    start: identifier,
    /** Where the interval ends; without it every record lasts `minutes` (or is one slot). */
    end: identifier.optional(),
    minutes: z.number().int().min(1).max(1440).optional(),
    /** A date field, when `start` and `end` are times of that day. */
    on: identifier.optional(),
    /** Without a scope, no two records overlap at all (one chair, one room). */
    scope: identifier.optional(),
  }),
  z.object({
    /** A list of the records that meet every condition: overdue loans, low-stock products. */
    type: z.literal("derivedList"),
    ...base,
    where: z.array(conditionSchema).min(1).max(5),
  }),
  z.object({
    /** A computed figure: a sum, count or average, per group and per day or month; or balances. */
    type: z.literal("aggregate"),
    ...base,
    op: z.enum(["sum", "count", "avg", "balance"]),
    /** The number summed or averaged; for `balance`, the amount paid. */
    field: identifier.optional(),
    /** One figure per value of this field (a reference: per student, per vehicle); for `balance`, who paid. */
    groupBy: identifier.optional(),
    period: z.object({ field: identifier, by: z.enum(["day", "month"]) }).optional(),
  }),
  z.object({
    /** At most one record per combination of these fields: one vote per user per poll. */
    type: z.literal("onePer"),
    ...base,
    fields: z.array(identifier).min(1).max(4),
  }),
  z.object({
    /** `GET /r/{code}` redirects to the record's `url` and adds one to its `count`. */
    type: z.literal("redirectAndCount"),
    ...base,
    code: identifier,
    url: identifier,
    count: identifier,
  }),
  z.object({
    /** New records start unapproved and are visible only once approved (`field` turns true). */
    type: z.literal("approval"),
    ...base,
    field: identifier,
  }),
]);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleType = Rule["type"];
export type Condition = z.infer<typeof conditionSchema>;
