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
}

export interface Concept {
  id: string;
  /** Singular nouns that name it, accents kept; the first is the default entity name. */
  aliases: Record<Language, readonly string[]>;
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

export function concept(id: string, es: readonly string[], en: readonly string[], fields: readonly ConceptField[]): Concept {
  return { id, aliases: { es, en }, fields };
}

/** What an idea with no known noun gets: a name, a description and a date fit almost anything. */
export const GENERIC_FIELDS: readonly ConceptField[] = [
  f("string", "nombre|Nombre", "name|Name"),
  f("text", "descripcion|Descripción", "description|Description", false),
  f("date", "fecha|Fecha", "date|Date", false),
];
