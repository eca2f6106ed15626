/**
 * Fields rules work on: finding the due date, the stock, the amount or the payer of a record, and
 * adding the one a rule needs when the idea did not name it (a loan gets "devuelto" so it can be
 * overdue; a daily total needs a date).
 */
import type { Entity, Field } from "../plan";
import type { Language } from "./grammar";

export function fieldNamed(entity: Entity, pattern: RegExp, type?: Field["type"] | readonly Field["type"][]): Field | undefined {
  const types = type === undefined ? undefined : Array.isArray(type) ? type : [type];
  return entity.fields.find((field) => pattern.test(field.name) && (types === undefined || types.includes(field.type)));
}

export function fieldsOfType(entity: Entity, type: Field["type"]): Field[] {
  return entity.fields.filter((field) => field.type === type);
}

/** A field added for a rule; `entity` is replaced in `entities` so later rules see it. */
export function ensureField(entities: Entity[], entity: Entity, field: Field): { entity: Entity; field: Field } {
  const existing = entity.fields.find((item) => item.name === field.name);
  if (existing) return { entity, field: existing };
  const next: Entity = { ...entity, fields: [...entity.fields, field].slice(0, 30) };
  const index = entities.findIndex((item) => item.name === entity.name);
  if (index >= 0) entities[index] = next;
  return { entity: next, field };
}

/** Two names per language for a field a rule adds: `f("fechaLimite|Fecha límite", "dueDate|Due date")`. */
export function added(type: Field["type"], es: string, en: string, language: Language, extra: Partial<Field> = {}): Field {
  const [name = "", label = name] = (language === "es" ? es : en).split("|");
  return { name, type, required: false, label, ...extra };
}

export const DUE = /(devol|due|limite|deadline|vencim|proxim|next|return|entrega|pickup|recogida)/i;
export const EXPIRY = /(caduc|expir|vencim)/i;
export const DONE = /^(devuelto|returned|completad|done|hecho|pagad|paid|resuelt|resolved|entregad|delivered)/i;
export const STOCK = /^(stock|existencias|cantidad|quantity|units|unidades)$/i;
export const MIN_STOCK = /(minim|min)/i;

/** The amount a total or balance adds up: the amount said in the clause, else the record's first money field. */
export function amountField(entity: Entity, said: readonly string[]): Field | undefined {
  const numeric = entity.fields.filter((field) => (field.type === "number" || field.type === "integer") && field.name !== "id");
  const named = numeric.find((field) => said.some((word) => field.name.toLowerCase().startsWith(word)));
  return named ?? numeric.find((field) => field.type === "number" && field.min === 0) ?? numeric[0];
}
