/**
 * From the reading to the plan's entities: one per record the idea names (in the order it names
 * them), each with the fields its concept usually has or the attributes the idea lists, and a
 * reference field for every link ("préstamos de libros a socios": libro and socio on préstamo).
 */
import type { Entity, Field } from "../plan";
import type { ConceptField, ConceptKind } from "./concept";
import { EVENT_FIELDS, GENERIC_FIELDS, PERSON_FIELDS } from "./concept";
import type { FieldPhrase } from "./field-phrase";
import type { Language } from "./grammar";
import { pluralLabel, pluralize } from "./grammar";
import type { Mention, Reading } from "./reading";
import { capitalize, toIdentifier } from "./text";

/** More tabs than this stops being one screen; the schema allows 12. */
export const MAX_ENTITIES = 8;

export interface Draft {
  key: string;
  mention: Mention;
  kind: ConceptKind;
  /** Where the idea first names it; implied records come last. */
  position: number;
  attributes: FieldPhrase[];
  /** Keys of the records this one points at, in the order the idea links them. */
  links: string[];
  entity: Entity;
}

function toField(field: ConceptField, language: Language): Field {
  return {
    name: field.name[language],
    type: field.type,
    required: field.required,
    label: field.label[language],
    ...(field.min === undefined ? {} : { min: field.min }),
    ...(field.max === undefined ? {} : { max: field.max }),
    ...(field.unique ? { unique: true } : {}),
  };
}

function phraseField(phrase: FieldPhrase): Field {
  return {
    name: phrase.name,
    type: phrase.type === "string" && phrase.role === "status" ? "string" : phrase.type,
    required: phrase.role !== "text" && phrase.role !== "done" && phrase.role !== "approved",
    label: phrase.label,
    ...(phrase.min === undefined ? {} : { min: phrase.min }),
    ...(phrase.unique ? { unique: true } : {}),
  };
}

/** Names that mean the same field: a listed "fecha" is the concept's "fecha", "date" its "date". */
function sameField(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function baseFields(mention: Mention, kind: ConceptKind): readonly ConceptField[] {
  if (mention.concept) return mention.concept.fields;
  return kind === "person" ? PERSON_FIELDS : kind === "event" ? EVENT_FIELDS : GENERIC_FIELDS;
}

/**
 * The fields of one record. Attributes the idea lists replace the concept's optional extras (a
 * psychology session is what the idea says it records, not a hairdresser's booking); the
 * concept's required fields stay, except text standing in for a record the idea links instead.
 */
function fieldsOf(
  draft: Omit<Draft, "entity">,
  linked: readonly { draft: Omit<Draft, "entity">; field: Field }[],
  language: Language,
): Field[] {
  const explicit = draft.attributes.length > 0;
  const linksPerson = linked.some(({ draft: target }) => target.kind === "person");
  const linksThing = linked.some(({ draft: target }) => target.kind !== "person");
  const listed = (type: string): boolean => draft.attributes.some((phrase) => phrase.type === type);
  const named = (field: ConceptField): boolean => draft.attributes.some((phrase) => sameField(phrase.name, field.name[language]));
  const base = baseFields(draft.mention, draft.kind).filter((field) => {
    if (field.slot === "who" && (linksPerson || explicit)) return false;
    if (field.slot === "what" && (linksThing || explicit)) return false;
    if (!explicit || named(field)) return true;
    // Listed dates, times and amounts replace the concept's own: "fecha de entrada" is the stay's date,
    // "cost" the service's price; dates without times make a record by the day (a hotel stay).
    // A concept's own named dates stay ("fecha de préstamo" next to a listed "fecha de devolución").
    const generic = /^(fecha|date|hora|time)$/.test(field.name[language]);
    if (["number", "integer"].includes(field.type) && listed(field.type)) return false;
    if (generic && (listed(field.type) || (field.type === "time" && listed("date")))) return false;
    return field.required;
  });
  const fields: Field[] = [];
  const add = (field: Field): void => {
    if (!fields.some((other) => sameField(other.name, field.name))) fields.push(field);
  };
  const converted = base.map((field) => toField(field, language));
  // The field that names a record (nombre, título) first: it is what references show.
  for (const field of converted) if (/^(nombre|name|titulo|title|pregunta|question|texto|text)$/.test(field.name)) add(field);
  for (const { field } of linked) add(field);
  for (const field of converted) add(field);
  for (const phrase of draft.attributes) add(phraseField(phrase));
  return fields.slice(0, 30);
}

/** Plural as the user wrote it when they did ("ventas"), the grammar's otherwise. */
function pluralName(mention: Mention): string {
  const written = mention.plural ? mention.pluralForm : undefined;
  return written ?? pluralize(mention.singular, mention.language);
}

export function toEntity(draft: Omit<Draft, "entity">, drafts: ReadonlyMap<string, Omit<Draft, "entity">>, language: Language): Entity {
  const name = toIdentifier(draft.mention.singular, "item");
  const label = capitalize(draft.mention.display).slice(0, 60);
  const linked = draft.links.flatMap((key) => {
    const target = drafts.get(key);
    if (!target) return [];
    const targetName = toIdentifier(target.mention.singular, "item");
    const field: Field = {
      name: targetName,
      type: "reference",
      entity: targetName,
      required: true,
      label: capitalize(target.mention.display).slice(0, 60),
    };
    return [{ draft: target, field }];
  });
  return {
    name,
    plural: toIdentifier(pluralName(draft.mention), `${name}s`),
    label,
    pluralLabel: pluralLabel(label, draft.mention.language).slice(0, 60),
    fields: fieldsOf(draft, linked, language),
  };
}

export type { Mention };
export type { Reading };
