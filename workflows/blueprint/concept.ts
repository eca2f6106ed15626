/**
 * The shape of the blueprint's domain knowledge: a concept is a kind of record people keep
 * (a booking, a product), named in both languages, with the fields such a record usually has.
 */
import type { FieldType } from "../plan";
import type { Language } from "./grammar";

export interface ConceptField {
  name: Record<Language, string>;
  label: Record<Language, string>;
  type: FieldType;
  required: boolean;
  /** For integer and number fields: money and quantities are never negative. */
  min?: number;
  max?: number;
  unique?: boolean;
  /**
   * Text standing in for a link the idea may name: `who` (the customer of a booking) gives way to a
   * reference to a person, `what` (its service) to a reference to a thing.
   */
  slot?: "who" | "what";
}

/**
 * What a record stands for decides how phrases link it: an event (a loan, a vote) points at the
 * people and things it involves ("citas con un dentista"); a thing owns what is listed with it
 * ("recetas con ingredientes"); a person is who books, pays or votes.
 */
export type ConceptKind = "person" | "thing" | "event";

export interface Concept {
  id: string;
  kind: ConceptKind;
  /** Singular nouns that name it, accents kept; the first is the default entity name. */
  aliases: Record<Language, readonly string[]>;
  /** Verb stems that create one ("reserv" for reservar, "vote"): an idea may say the verb, not the noun. */
  verbs?: Record<Language, readonly string[]>;
  fields: readonly ConceptField[];
}

/**
 * One field, written `"identifier|Label"` per language so a concept reads as one line per field:
 * `f("date", "fechaLimite|Fecha límite", "dueDate|Due date", false)`.
 */
export function f(type: FieldType, es: string, en: string, required = true): ConceptField {
  const [esName = es, esLabel = esName] = es.split("|");
  const [enName = en, enLabel = enName] = en.split("|");
  return { type, required, name: { es: esName, en: enName }, label: { es: esLabel, en: enLabel } };
}

/** Money and amounts: a number that is never negative. */
export function money(es: string, en: string, required = true): ConceptField {
  return { ...f("number", es, en, required), min: 0 };
}

/** Counts and stock: a whole number that is never negative. */
export function count(es: string, en: string, required = false): ConceptField {
  return { ...f("integer", es, en, required), min: 0 };
}

export function concept(
  id: string,
  kind: ConceptKind,
  es: readonly string[],
  en: readonly string[],
  fields: readonly ConceptField[],
  verbs?: Record<Language, readonly string[]>,
): Concept {
  return { id, kind, aliases: { es, en }, fields, ...(verbs ? { verbs } : {}) };
}

/** What a thing with no known noun gets: a name and a description fit almost anything. */
export const GENERIC_FIELDS: readonly ConceptField[] = [
  f("string", "nombre|Nombre", "name|Name"),
  f("text", "descripcion|Descripción", "description|Description", false),
];

/** A person the lexicon does not know ("tutores", "walkers"): a name and how to reach them. */
export const PERSON_FIELDS: readonly ConceptField[] = [
  f("string", "nombre|Nombre", "name|Name"),
  f("email", "email|Email", "email|Email", false),
  f("string", "telefono|Teléfono", "phone|Phone", false),
];

/** Something that happened or is planned ("partidos", "fichajes"): when it is. */
export const EVENT_FIELDS: readonly ConceptField[] = [
  f("date", "fecha|Fecha", "date|Date"),
  f("text", "notas|Notas", "notes|Notes", false),
];
