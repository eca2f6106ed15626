/**
 * src/checks.js of a blueprint project: what a write must satisfy against the records already
 * stored. References must exist (and a referenced record cannot be deleted), unique values stay
 * unique, an enum moves only along its transitions, and the plan's noOverlap and onePer rules
 * refuse the write with 409 and the rule's own description.
 */
import type { Plan } from "../plan";
import { featuresOf, when } from "./features";
import { toJsonSource } from "./text";

const MESSAGES = {
  es: {
    invalid: "Datos no válidos",
    taken: "ya lo usa otro registro",
    together: "esta combinación ya existe",
    transition: "no puede pasar de «{from}» a «{to}»",
    start: "un registro nuevo empieza en «{value}»",
    order: "debe ser posterior al inicio",
    inUse: "No se puede borrar: lo usan {count} registro(s) de {label}",
  },
  en: {
    invalid: "Invalid data",
    taken: "is already used by another record",
    together: "this combination already exists",
    transition: "cannot go from “{from}” to “{to}”",
    start: "a new record starts at “{value}”",
    order: "must be after the start",
    inUse: "Cannot delete: {count} record(s) of {label} use it",
  },
} as const;

export function renderChecks(plan: Plan): string {
  const has = featuresOf(plan);
  const ruled = has.noOverlap || has.onePer;
  return String.raw`// Checks that need the stored records. Each throws a Refusal the server answers as it is:
// 400 when a field is wrong (a reference to nothing), 409 when the write conflicts with what is
// stored (a duplicate, a skipped status, a rule of the plan).
${when(has.redirect, 'import { randomBytes } from "node:crypto";\n')}import { childrenOf } from "./entities.js";
${when(ruled, 'import { rules } from "./rules.js";\n')}import { MESSAGES as FIELD_MESSAGES } from "./validation.js";

const MESSAGES = ${toJsonSource(MESSAGES[plan.language])};

export class Refusal extends Error {
  constructor(status, message, { fields, rule } = {}) {
    super(message);
    this.status = status;
    this.fields = fields;
    this.rule = rule;
  }
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

const present = (value) => value !== undefined && value !== null && value !== "";
${when(
  has.noOverlap,
  String.raw`
/** A time, date or date-time as minutes, so intervals of any of them compare the same way. */
function minutesOf(value, type) {
  if (type === "time") {
    const [hours, minutes] = value.split(":").map(Number);
    return hours * 60 + minutes;
  }
  if (type === "date") return Date.parse(value + "T00:00:00Z") / 60000;
  return Date.parse(value) / 60000;
}

/** [from, to) of a record under a noOverlap rule; without an end it lasts rule.minutes, or one day. */
export function intervalOf(rule, entity, record) {
  const field = (name) => entity.fields.find((item) => item.name === name);
  if (!present(record[rule.start])) return undefined;
  const type = field(rule.start).type;
  const from = minutesOf(record[rule.start], type);
  let to;
  if (rule.end && present(record[rule.end])) to = minutesOf(record[rule.end], field(rule.end).type);
  else if (rule.minutes) to = from + rule.minutes;
  else to = from + (type === "date" ? 24 * 60 : 1);
  return { from, to };
}

function sameGroup(rule, a, b) {
  if (rule.on && a[rule.on] !== b[rule.on]) return false;
  if (rule.scope && a[rule.scope] !== b[rule.scope]) return false;
  return true;
}
`,
)}${when(
  has.redirect,
  String.raw`
function newCode(taken) {
  for (;;) {
    const code = randomBytes(6).toString("base64url").replace(/[-_]/g, "").slice(0, 6).toLowerCase();
    if (code.length === 6 && !taken.has(code)) return code;
  }
}
`,
)}
/**
 * Checks value (what the client sent, validated) as it would be stored over current (absent on
 * create). Returns the value to store, with any code the server makes up; throws a Refusal.
 */
export function checkWrite(store, entity, value, current) {
  const record = { ...current, ...value };
  const others = store.list(entity.plural).filter((other) => other.id !== current?.id);
  const missing = {};
  for (const field of entity.fields) {
    if (field.type === "reference" && present(value[field.name]) && !store.get(field.plural, value[field.name])) {
      missing[field.name] = FIELD_MESSAGES.reference;
    }
  }
  if (Object.keys(missing).length > 0) throw new Refusal(400, MESSAGES.invalid, { fields: missing });

  const result = { ...value };
${when(
  has.redirect,
  String.raw`  for (const field of entity.fields) {
    if (!field.auto || present(record[field.name])) continue;
    result[field.name] = present(current?.[field.name]) ? current[field.name] : newCode(new Set(others.map((other) => other[field.name])));
    record[field.name] = result[field.name];
  }
`,
)}${when(
  has.transitions,
  String.raw`
  for (const field of entity.fields) {
    if (field.type !== "enum" || !field.transitions) continue;
    if (!current && record[field.name] !== field.values[0]) {
      throw new Refusal(409, fill(MESSAGES.start, { value: field.values[0] }), { fields: { [field.name]: fill(MESSAGES.start, { value: field.values[0] }) } });
    }
    if (current && present(value[field.name]) && value[field.name] !== current[field.name]) {
      const allowed = field.transitions.find((step) => step.from === current[field.name])?.to ?? [];
      if (!allowed.includes(value[field.name])) {
        const message = fill(MESSAGES.transition, { from: current[field.name], to: value[field.name] });
        throw new Refusal(409, message, { fields: { [field.name]: message } });
      }
    }
  }
`,
)}${when(
  has.unique,
  String.raw`
  for (const field of entity.fields) {
    if (field.unique && present(record[field.name]) && others.some((other) => other[field.name] === record[field.name])) {
      throw new Refusal(409, MESSAGES.taken, { fields: { [field.name]: MESSAGES.taken } });
    }
  }
  for (const set of entity.unique) {
    if (set.every((name) => present(record[name])) && others.some((other) => set.every((name) => other[name] === record[name]))) {
      throw new Refusal(409, MESSAGES.together, { fields: Object.fromEntries(set.map((name) => [name, MESSAGES.together])) });
    }
  }
`,
)}${when(
  ruled,
  String.raw`
  for (const rule of rules) {
    if (rule.entity !== entity.name) continue;
    if (rule.type === "onePer") {
      const complete = rule.fields.every((name) => present(record[name]));
      if (complete && others.some((other) => rule.fields.every((name) => other[name] === record[name]))) {
        throw new Refusal(409, rule.description, { rule: rule.name });
      }
    }
    if (rule.type === "noOverlap") {
      const mine = intervalOf(rule, entity, record);
      if (!mine) continue;
      if (mine.to <= mine.from) throw new Refusal(400, MESSAGES.invalid, { fields: { [rule.end ?? rule.start]: MESSAGES.order } });
      const clash = others.some((other) => {
        if (!sameGroup(rule, record, other)) return false;
        const theirs = intervalOf(rule, entity, other);
        return theirs !== undefined && mine.from < theirs.to && theirs.from < mine.to;
      });
      if (clash) throw new Refusal(409, rule.description, { rule: rule.name });
    }
  }
`,
)}  return result;
}

/** A record others point at stays: deleting it would leave their references dangling. */
export function checkDelete(store, entity, id) {
  for (const { entity: child, field } of childrenOf(entity)) {
    const count = store.list(child.plural).filter((record) => record[field.name] === id).length;
    if (count > 0) throw new Refusal(409, fill(MESSAGES.inUse, { count, label: child.labelPlural }));
  }
}
`;
}
