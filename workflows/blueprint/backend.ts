/**
 * The backend role, offline: a Node 22 API with zero npm dependencies. The entities come from the
 * plan as data (src/entities.js); the server, store and validation are generic code over that data,
 * so every entity gets the same, tested behaviour.
 */
import type { Plan } from "../plan";
import { renderServer } from "./backend-server";
import { renderApiTest } from "./backend-test";
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
    email: "debe ser un email válido",
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
    email: "must be a valid email address",
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
    scripts: { start: "node src/server.js", test: "node --test" },
  };
  return `${toJsonSource(manifest)}\n`;
}

function entitiesModule(plan: Plan): string {
  const entities = plan.entities.map((entity) => ({
    name: entity.name,
    plural: entity.plural,
    label: labelsOf(entity, plan.language).one,
    fields: entity.fields.map((field) => ({
      name: field.name,
      type: field.type,
      required: field.required,
      label: field.label ?? field.name,
    })),
  }));
  return [
    "// The entities of docs/architecture.json as the server, the validation and the tests read them.",
    "// Change a field here and the API, its validation and its tests follow.",
    `export const entities = ${toJsonSource(entities)};`,
    "",
  ].join("\n");
}

function validationModule(plan: Plan): string {
  return String.raw`// Checks request bodies against the fields in entities.js. Errors are keyed by field name so
// clients can show each message next to its input.

const MAX_STRING = 200;
const MAX_TEXT = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Fields the server sets; clients may send them back (a whole record on PUT) and they are ignored. */
const READ_ONLY = new Set(["id", "createdAt", "updatedAt"]);
/** What an optional field holds when it is not given. */
const DEFAULTS = { boolean: false };

export const MESSAGES = ${toJsonSource(VALIDATION_MESSAGES[plan.language])};

function isCalendarDate(text) {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CHECKS = {
  string: (value) => typeof value === "string" && value.length <= MAX_STRING,
  text: (value) => typeof value === "string" && value.length <= MAX_TEXT,
  integer: (value) => Number.isSafeInteger(value),
  number: (value) => typeof value === "number" && Number.isFinite(value),
  boolean: (value) => typeof value === "boolean",
  date: (value) => typeof value === "string" && isCalendarDate(value),
  email: (value) => typeof value === "string" && value.length <= 254 && EMAIL.test(value),
};

/**
 * Returns { value } holding exactly the entity's fields, or { errors } keyed by field name.
 * With partial (PATCH) only the fields present are checked and returned.
 */
export function validate(entity, input, { partial = false } = {}) {
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
    const present = Object.hasOwn(input, field.name);
    if (partial && !present) continue;
    let raw = present ? input[field.name] : undefined;
    if (typeof raw === "string" && field.type !== "text") raw = raw.trim();
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
    if (blank) {
      if (field.required) errors.push([field.name, MESSAGES.required]);
      else value[field.name] = DEFAULTS[field.type] ?? null;
    } else if (CHECKS[field.type]?.(raw)) {
      value[field.name] = raw;
    } else {
      errors.push([field.name, MESSAGES[field.type] ?? MESSAGES.unknown]);
    }
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
    { path: BACKEND_FILES.validation.path, content: validationModule(plan) },
    { path: BACKEND_FILES.store.path, content: STORE_MODULE },
    { path: BACKEND_FILES.server.path, content: renderServer(plan) },
    { path: BACKEND_FILES.test.path, content: renderApiTest(plan) },
  ];
}
