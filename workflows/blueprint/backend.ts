/**
 * The backend role, offline: a Node 22 API with zero npm dependencies. The entities come from the
 * plan as data (src/entities.js); the server, store and validation are generic code over that data,
 * so every entity gets the same, tested behaviour.
 */
import type { Entity, Plan } from "../plan";
import { renderChecks } from "./backend-checks";
import { renderServer } from "./backend-server";
import { renderApiTest } from "./backend-test";
import { renderRulesTest } from "./backend-test-rules";
import { renderTestSupport } from "./backend-test-support";
import { renderViews } from "./backend-views";
import type { GeneratedFile } from "./layout";
import { BACKEND_FILES, labelsOf } from "./layout";
import { toJsonSource } from "./text";

const VALIDATION_MESSAGES = {
  es: {
    body: "el cuerpo debe ser un objeto JSON",
    required: "es obligatorio",
    unknown: "no es un campo de este recurso",
    string: "debe ser un texto de hasta 200 caracteres",
    text: "debe ser un texto de hasta 5000 caracteres",
    integer: "debe ser un número entero",
    number: "debe ser un número",
    boolean: "debe ser verdadero o falso",
    date: "debe ser una fecha válida AAAA-MM-DD",
    time: "debe ser una hora válida HH:MM",
    datetime: "debe ser una fecha y hora ISO 8601 válida",
    email: "debe ser un email válido",
    url: "debe ser una URL http o https válida",
    reference: "debe ser el id de un registro existente",
    enum: "debe ser uno de: ",
    min: "debe ser como mínimo ",
    max: "debe ser como máximo ",
  },
  en: {
    body: "the body must be a JSON object",
    required: "is required",
    unknown: "is not a field of this resource",
    string: "must be text of at most 200 characters",
    text: "must be text of at most 5000 characters",
    integer: "must be a whole number",
    number: "must be a number",
    boolean: "must be true or false",
    date: "must be a valid YYYY-MM-DD date",
    time: "must be a valid HH:MM time",
    datetime: "must be a valid ISO 8601 date and time",
    email: "must be a valid email address",
    url: "must be a valid http or https URL",
    reference: "must be the id of an existing record",
    enum: "must be one of: ",
    min: "must be at least ",
    max: "must be at most ",
  },
} as const;

function packageJson(plan: Plan): string {
  const manifest = {
    name: plan.slug,
    version: "0.1.0",
    private: true,
    description: plan.summary,
    type: "module",
    engines: { node: ">=22" },
    // Only *.test.js: test/support.js is a helper, not a test file.
    scripts: { start: "node src/server.js", test: "node --test test/*.test.js" },
  };
  return `${toJsonSource(manifest)}\n`;
}

/** Fields the server fills, never the client: an approval flag, a click count. */
function serverOwned(plan: Plan, entity: Entity): Set<string> {
  const owned = new Set<string>();
  for (const rule of plan.rules) {
    if (rule.entity !== entity.name) continue;
    if (rule.type === "approval") owned.add(rule.field);
    if (rule.type === "redirectAndCount") owned.add(rule.count);
  }
  return owned;
}

/** Codes the server makes up when the client sends none: a short link's code. */
function generated(plan: Plan, entity: Entity): Set<string> {
  return new Set(
    plan.rules
      .filter((rule) => rule.entity === entity.name && rule.type === "redirectAndCount")
      .map((rule) => (rule.type === "redirectAndCount" ? rule.code : "")),
  );
}

function entitiesModule(plan: Plan): string {
  const plurals = new Map(plan.entities.map((entity) => [entity.name, entity.plural]));
  const entities = plan.entities.map((entity) => {
    const owned = serverOwned(plan, entity);
    const auto = generated(plan, entity);
    return {
      name: entity.name,
      plural: entity.plural,
      label: labelsOf(entity, plan.language).one,
      labelPlural: labelsOf(entity, plan.language).many,
      fields: entity.fields.map((field) => ({
        name: field.name,
        type: field.type,
        required: field.required && !owned.has(field.name) && !auto.has(field.name),
        label: field.label ?? field.name,
        ...(field.type === "reference" && field.entity ? { entity: field.entity, plural: plurals.get(field.entity) ?? field.entity } : {}),
        ...(field.values ? { values: field.values } : {}),
        ...(field.transitions ? { transitions: field.transitions } : {}),
        ...(field.unique ? { unique: true } : {}),
        ...(field.min === undefined ? {} : { min: field.min }),
        ...(field.max === undefined ? {} : { max: field.max }),
        ...(owned.has(field.name) ? { readOnly: true } : {}),
        ...(auto.has(field.name) ? { auto: true } : {}),
      })),
      unique: entity.unique ?? [],
    };
  });
  return [
    "// The entities of docs/architecture.json as the server, the validation and the tests read them.",
    "// A reference holds the id of a record of `entity` (stored under `plural`); an enum one of `values`,",
    "// changing only as `transitions` allow; readOnly fields are set by the server, never by clients.",
    `export const entities = ${toJsonSource(entities)};`,
    "",
    "export const byName = new Map(entities.map((entity) => [entity.name, entity]));",
    "export const byPlural = new Map(entities.map((entity) => [entity.plural, entity]));",
    "",
    "/** Entities with a reference to `entity`, and the field that holds it: its related records. */",
    "export function childrenOf(entity) {",
    "  return entities.flatMap((child) =>",
    '    child.fields.filter((field) => field.type === "reference" && field.entity === entity.name).map((field) => ({ entity: child, field })),',
    "  );",
    "}",
    "",
  ].join("\n");
}

function rulesModule(plan: Plan): string {
  const rules = plan.rules.map((rule) => ({
    ...rule,
    label: rule.label ?? rule.name,
    plural: plan.entities.find((entity) => entity.name === rule.entity)?.plural ?? rule.entity,
  }));
  return [
    "// The rules of docs/architecture.json: behaviour beyond CRUD. src/checks.js enforces noOverlap and",
    "// onePer on every write, src/views.js computes derivedList and aggregate, and src/server.js serves",
    "// approval and redirectAndCount. test/rules.test.js proves each one.",
    `export const rules = ${toJsonSource(rules)};`,
    "",
    "export const rulesByName = new Map(rules.map((rule) => [rule.name, rule]));",
    "",
  ].join("\n");
}

function validationModule(plan: Plan): string {
  return String.raw`// Checks request bodies against the fields in entities.js, one field at a time: types, enum values,
// HH:MM times, ISO dates, http(s) URLs, minimum and maximum. Whatever needs the stored records
// (references, uniques, transitions, rules) is in checks.js. Errors are keyed by field name so
// clients can show each message next to its input.

const MAX_STRING = 200;
const MAX_TEXT = 5000;
const MAX_URL = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
/** Fields the server sets; clients may send them back (a whole record on PUT) and they are ignored. */
const READ_ONLY = new Set(["id", "createdAt", "updatedAt"]);

export const MESSAGES = ${toJsonSource(VALIDATION_MESSAGES[plan.language])};

export function isCalendarDate(text) {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isUrl(text) {
  if (text.length > MAX_URL) return false;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const CHECKS = {
  string: (value) => typeof value === "string" && value.length <= MAX_STRING,
  text: (value) => typeof value === "string" && value.length <= MAX_TEXT,
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === "number" && Number.isFinite(value),
  boolean: (value) => typeof value === "boolean",
  date: (value) => typeof value === "string" && isCalendarDate(value),
  time: (value) => typeof value === "string" && TIME.test(value),
  datetime: (value) => typeof value === "string" && DATETIME.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)),
  email: (value) => typeof value === "string" && value.length <= 254 && EMAIL.test(value),
  url: (value) => typeof value === "string" && isUrl(value),
  reference: (value) => typeof value === "string" && value.length > 0 && value.length <= 100,
  enum: (value, field) => typeof value === "string" && field.values.includes(value),
};

/** What an optional field holds when it is not given: false, the enum's first value, a zero count. */
function defaultOf(field) {
  if (field.type === "boolean") return false;
  if (field.type === "enum") return field.values[0];
  if (field.readOnly && (field.type === "integer" || field.type === "number")) return 0;
  return null;
}

function problemOf(field, value) {
  if (!CHECKS[field.type]?.(value, field)) {
    return field.type === "enum" ? MESSAGES.enum + field.values.join(", ") : (MESSAGES[field.type] ?? MESSAGES.unknown);
  }
  if (field.min !== undefined && value < field.min) return MESSAGES.min + field.min;
  if (field.max !== undefined && value > field.max) return MESSAGES.max + field.max;
  return undefined;
}

/**
 * Returns { value } holding exactly the entity's fields, or { errors } keyed by field name.
 * With partial (PATCH) only the fields present are checked and returned. Server-owned fields
 * (readOnly) are ignored on input, and given their default when creating.
 */
export function validate(entity, input, { partial = false, creating = false } = {}) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { errors: { _body: MESSAGES.body } };
  }
  // Entries, not a plain object: a "__proto__" key from JSON.parse must be reported, not assigned.
  const errors = [];
  const value = {};
  const names = new Set(entity.fields.map((field) => field.name));
  for (const key of Object.keys(input)) {
    if (!names.has(key) && !READ_ONLY.has(key)) errors.push([key, MESSAGES.unknown]);
  }
  for (const field of entity.fields) {
    if (field.readOnly) {
      if (creating) value[field.name] = defaultOf(field);
      continue;
    }
    const present = Object.hasOwn(input, field.name);
    if (partial && !present) continue;
    let raw = present ? input[field.name] : undefined;
    if (typeof raw === "string" && field.type !== "text") raw = raw.trim();
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw === "");
    if (blank) {
      if (field.required) errors.push([field.name, MESSAGES.required]);
      else value[field.name] = defaultOf(field);
      continue;
    }
    const problem = problemOf(field, raw);
    if (problem) errors.push([field.name, problem]);
    else value[field.name] = raw;
  }
  return errors.length > 0 ? { errors: Object.fromEntries(errors) } : { value };
}
`;
}

const STORE_MODULE = String.raw`// Records live in memory. With a data directory (DATA_DIR) every change is also saved to
// data.json there, through a temporary file and a rename, so a crash never leaves half a file.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function createStore({ dataDir, collections }) {
  const data = new Map(collections.map((name) => [name, new Map()]));
  const file = dataDir ? join(dataDir, "data.json") : undefined;
  if (file) await load(file, data);
  let saving = Promise.resolve();

  function save() {
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify(
      Object.fromEntries([...data].map(([name, records]) => [name, [...records.values()]])),
      null,
      2,
    );
    // One save at a time, in order, so an older snapshot never overwrites a newer one.
    saving = saving
      .catch(() => {})
      .then(async () => {
        await mkdir(dataDir, { recursive: true });
        const temporary = file + "." + process.pid + ".tmp";
        await writeFile(temporary, snapshot);
        await rename(temporary, file);
      });
    return saving;
  }

  function collection(name) {
    const records = data.get(name);
    if (!records) throw new Error("unknown collection: " + name);
    return records;
  }

  return {
    list(name) {
      return [...collection(name).values()];
    },
    get(name, id) {
      return collection(name).get(id);
    },
    async create(name, fields) {
      const now = new Date().toISOString();
      const record = { ...fields, id: randomUUID(), createdAt: now, updatedAt: now };
      collection(name).set(record.id, record);
      await save();
      return record;
    },
    async update(name, id, fields) {
      const current = collection(name).get(id);
      if (!current) return undefined;
      const record = { ...current, ...fields, id, createdAt: current.createdAt, updatedAt: new Date().toISOString() };
      collection(name).set(id, record);
      await save();
      return record;
    },
    async remove(name, id) {
      const existed = collection(name).delete(id);
      if (existed) await save();
      return existed;
    },
  };
}

async function load(file, data) {
  let saved;
  try {
    saved = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  for (const [name, records] of data) {
    const list = Array.isArray(saved?.[name]) ? saved[name] : [];
    for (const record of list) {
      if (record && typeof record.id === "string") records.set(record.id, record);
    }
  }
}
`;

export function backendFiles(plan: Plan): GeneratedFile[] {
  return [
    { path: BACKEND_FILES.packageJson.path, content: packageJson(plan) },
    { path: BACKEND_FILES.entities.path, content: entitiesModule(plan) },
    { path: BACKEND_FILES.rules.path, content: rulesModule(plan) },
    { path: BACKEND_FILES.validation.path, content: validationModule(plan) },
    { path: BACKEND_FILES.checks.path, content: renderChecks(plan) },
    { path: BACKEND_FILES.views.path, content: renderViews(plan) },
    { path: BACKEND_FILES.store.path, content: STORE_MODULE },
    { path: BACKEND_FILES.server.path, content: renderServer(plan) },
    { path: BACKEND_FILES.support.path, content: renderTestSupport(plan) },
    { path: BACKEND_FILES.test.path, content: renderApiTest() },
    { path: BACKEND_FILES.rulesTest.path, content: renderRulesTest(plan) },
  ];
}
