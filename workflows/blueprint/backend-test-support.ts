/**
 * test/support.js of a blueprint project: a real server on a free port, and valid records of any
 * entity, parents first. Values differ from record to record where it matters (unique fields,
 * bookings that must not overlap), so tests never trip over each other's data.
 */
import type { Plan } from "../plan";
import { toJsonSource } from "./text";

const WORDS = {
  es: { first: "Ejemplo", second: "Otro ejemplo", text: "Un texto\ncon dos líneas", notNumber: "muchos", notBoolean: "sí" },
  en: { first: "Sample", second: "Another sample", text: "Some text\non two lines", notNumber: "many", notBoolean: "yes" },
} as const;

export function renderTestSupport(plan: Plan): string {
  return String.raw`// Helpers for the tests: start and stop the real server, call it, and build valid records.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byName } from "../src/entities.js";
import { rules } from "../src/rules.js";
import { createApp } from "../src/server.js";

export const WORDS = ${toJsonSource(WORDS[plan.language])};

/** An entity of src/entities.js by its singular name. */
export function entityNamed(name) {
  return byName.get(name);
}

/** Starts the app on a free port with its own data folder; stop() closes it and removes the folder. */
export async function startServer({ dataDir } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "api-test-")));
  const server = await createApp({ dataDir: dir });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = "http://127.0.0.1:" + server.address().port;
  async function call(method, path, body, contentType = "application/json") {
    const init = { method, headers: {}, redirect: "manual" };
    if (body !== undefined) {
      init.headers["content-type"] = contentType;
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await fetch(base + path, init);
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("application/json") && text !== "" ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, body: json };
  }
  async function stop({ keep = false } = {}) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    if (!keep && !dataDir) await rm(dir, { recursive: true, force: true });
  }
  return { server, base, call, stop, dataDir: dir };
}

let counter = 0;
/** A new number per record, so values that must differ do. */
export function next() {
  counter += 1;
  return counter;
}

const BASE_DAY = Date.UTC(2031, 0, 1);
export function dayAfter(days) {
  return new Date(BASE_DAY + days * 86400000).toISOString().slice(0, 10);
}
function clock(minutes) {
  const hours = Math.floor(minutes / 60) % 24;
  return String(hours).padStart(2, "0") + ":" + String(minutes % 60).padStart(2, "0");
}
/** 08:00, 09:10, 10:20 ... 18:30: a start time per record, an hour before the next one starts. */
export function startTime(n) {
  return clock(8 * 60 + (n % 10) * 70);
}

/** The noOverlap rule whose end is this field, if any: its value must come after the start. */
function endOf(entity, field) {
  return rules.find((rule) => rule.type === "noOverlap" && rule.entity === entity.name && rule.end === field.name);
}
function isStart(entity, field) {
  return rules.some((rule) => rule.type === "noOverlap" && rule.entity === entity.name && rule.start === field.name);
}

function within(field, value) {
  const low = field.min ?? -Infinity;
  const high = field.max ?? Infinity;
  return Math.min(high, Math.max(low, value));
}

/** A valid value of one field for record number n; "changed" gives a second valid value for updates. */
export function valueFor(entity, field, n, kind = "valid") {
  const changed = kind === "changed";
  switch (field.type) {
    case "string":
      return (changed ? WORDS.second : WORDS.first) + " " + n;
    case "text":
      return changed ? WORDS.second : WORDS.text;
    case "integer":
      return field.unique ? n : within(field, changed ? 7 : 3);
    case "number":
      return within(field, changed ? 5 : 19.5);
    case "boolean":
      return !changed;
    case "date": {
      const day = 3 * n + (changed ? 1500 : 0);
      return dayAfter(endOf(entity, field) ? day + 1 : day);
    }
    case "time": {
      const start = 8 * 60 + (n % 10) * 70 + (changed ? 5 : 0);
      return clock(endOf(entity, field) ? start + 60 : start);
    }
    case "datetime":
      return dayAfter(3 * n + (changed ? 1500 : 0)) + "T" + (isStart(entity, field) || !endOf(entity, field) ? startTime(n) : clock(8 * 60 + (n % 10) * 70 + 60));
    case "email":
      return (changed ? "luis" : "ana") + n + "@example.com";
    case "url":
      return "https://example.com/" + (changed ? "other/" : "") + n;
    case "enum": {
      if (!changed) return field.values[0];
      const allowed = field.transitions ? (field.transitions.find((step) => step.from === field.values[0])?.to ?? []) : field.values.slice(1);
      return allowed[0] ?? field.values[0];
    }
    default:
      throw new Error("no sample for " + field.type);
  }
}

/** A valid request body for entity: the records it points at are created first. */
export async function validBody(call, entity, kind = "valid", n = next(), depth = 0) {
  const body = {};
  for (const field of entity.fields) {
    if (field.readOnly) continue;
    if (field.type === "reference") body[field.name] = (await createRecord(call, byName.get(field.entity), {}, depth + 1)).id;
    else body[field.name] = valueFor(entity, field, n, kind);
  }
  return body;
}

export async function createRecord(call, entity, overrides = {}, depth = 0) {
  assert.ok(depth < 6, "references loop between entities");
  const res = await call("POST", "/api/" + entity.plural, { ...(await validBody(call, entity, "valid", next(), depth)), ...overrides });
  assert.equal(res.status, 201, entity.plural + ": " + JSON.stringify(res.body));
  return res.body;
}

/** A value of the wrong kind for each field type, or out of its range. */
export function invalidFor(field) {
  if (field.min !== undefined) return field.min - 1;
  if (field.max !== undefined) return field.max + 1;
  return {
    string: 42,
    text: { nested: true },
    integer: 1.5,
    number: WORDS.notNumber,
    boolean: WORDS.notBoolean,
    date: "2026-02-30",
    time: "25:61",
    datetime: "yesterday",
    email: "not-an-email",
    url: "javascript:alert(1)",
    reference: "does-not-exist",
    enum: "not-a-value",
  }[field.type];
}
`;
}
