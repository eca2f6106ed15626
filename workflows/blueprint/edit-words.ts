/**
 * The words of an edit instruction, in Spanish and English: field types, "required" and
 * "optional", and how a phrase such as "el teléfono de los clientes" or "the customers' phone"
 * names an entity and a field of the plan.
 */
import type { Entity, Field, FieldType, Plan } from "../plan";
import { CONCEPTS } from "./lexicon";
import type { Language } from "./grammar";
import { pluralLabel, singularCandidates } from "./grammar";
import { capitalize, fold, toIdentifier } from "./text";

/** Folded (lowercase, no accents) with the same length as the input, so match indices map back to it. */
export function foldKeepLength(text: string): string {
  let out = "";
  for (const char of text) {
    const folded = fold(char);
    out += folded.length === char.length ? folded : char.toLowerCase().length === char.length ? char.toLowerCase() : char;
  }
  return out;
}

/** A phrase of the instruction: folded for matching, as typed for names and labels. */
export interface Phrase {
  folded: string;
  original: string;
}

export function phrase(original: string): Phrase {
  const trimmed = original.trim();
  return { folded: foldKeepLength(trimmed), original: trimmed };
}

/** Cuts a phrase at `[start, end)` of its folded text, keeping both views aligned. */
export function slice(p: Phrase, start: number, end = p.folded.length): Phrase {
  return phrase(p.original.slice(start, end));
}

const TYPE_WORDS: ReadonlyArray<[RegExp, FieldType]> = [
  [/^(?:texto corto|cadena(?: de texto)?|string|short text|texto de una linea|single line text)$/, "string"],
  [/^(?:texto(?: largo)?|text|long text|parrafo|paragraph|multiline text)$/, "text"],
  [/^(?:(?:numero )?entero|integer|int|whole number)$/, "integer"],
  [/^(?:numero|numerico|numerica|decimal|number|numeric|float|importe|amount)$/, "number"],
  [/^(?:booleano|booleana|boolean|bool|si\/no|si o no|casilla|checkbox|yes\/no|yes or no|verdadero o falso|true\/false)$/, "boolean"],
  [/^(?:fecha|date)$/, "date"],
  [/^(?:email|e-mail|correo(?: electronico)?|email address|mail)$/, "email"],
];

/** Words that may name a type, for patterns: longest first so "texto largo" wins over "texto". */
export const TYPE_PATTERN =
  "texto corto|texto largo|texto|cadena de texto|cadena|string|short text|long text|text|numero entero|entero|integer|int|whole number|numero|numerico|numerica|decimal|number|numeric|float|booleano|booleana|boolean|bool|si o no|si/no|yes or no|yes/no|casilla|checkbox|fecha|date|email|e-mail|correo electronico|correo|email address";

/** The field type a folded phrase names ("número", "a whole number"), if it names one. */
export function typeOf(folded: string): FieldType | undefined {
  const bare = folded
    .trim()
    .replace(/^(?:de |of )?(?:tipo |type )?/, "")
    .replace(/^(?:un |una |a |an )/, "")
    .replace(/\s+(?:field|campo)$/, "")
    .trim();
  return TYPE_WORDS.find(([pattern]) => pattern.test(bare))?.[1];
}

export const REQUIRED_PATTERN =
  "no obligatorio|no obligatoria|no requerido|no requerida|not required|obligatorio|obligatoria|requerido|requerida|required|mandatory|opcional|optional";

export function requiredOf(folded: string): boolean | undefined {
  const word = folded.trim();
  if (/^(?:no |not )|^(?:opcional|optional)$/.test(word)) return false;
  if (/^(?:obligatori[oa]|requerid[oa]|required|mandatory)$/.test(word)) return true;
  return undefined;
}

/** The type a field called this usually has: the lexicon's fields first, then the name's hints. */
const KNOWN_FIELDS = new Map<string, FieldType>();
for (const concept of CONCEPTS) {
  for (const field of concept.fields) {
    for (const key of [field.name.es, field.name.en, field.label.es, field.label.en]) {
      const folded = fold(key);
      if (!KNOWN_FIELDS.has(folded)) KNOWN_FIELDS.set(folded, field.type);
    }
  }
}

const TYPE_HINTS: ReadonlyArray<[RegExp, FieldType]> = [
  [/\b(?:email|correo|mail)\b/, "email"],
  [/\b(?:fecha|date|dia|day|cumpleanos|birthday|nacimiento|birth|vencimiento|deadline|due)\b/, "date"],
  [
    /\b(?:cantidad|quantity|stock|unidades|units|edad|age|plazas|seats|count|puntos|points|numero de|number of|minutos|minutes|horas|hours|dias|days)\b/,
    "integer",
  ],
  [
    /\b(?:precio|price|importe|amount|total|coste|cost|salario|salary|peso|weight|nota|grade|rating|valoracion|puntuacion|score|descuento|discount)\b/,
    "number",
  ],
  [
    /\b(?:activo|activa|active|pagado|pagada|paid|completado|completada|completed|done|hecho|hecha|disponible|available|publicado|published|leido|read)\b/,
    "boolean",
  ],
  [/\b(?:descripcion|description|notas|notes|comentarios?|comments?|observaciones|detalles|details|biografia|bio)\b/, "text"],
];

export function guessType(folded: string): FieldType {
  const known = KNOWN_FIELDS.get(folded) ?? KNOWN_FIELDS.get(toIdentifier(folded, "").toLowerCase());
  if (known) return known;
  return TYPE_HINTS.find(([pattern]) => pattern.test(folded))?.[1] ?? "string";
}

const FILLER = new Set(
  "el la los las un una unos unas lo the a an some new nuevo nueva nuevos nuevas otro otra another llamado llamada called named".split(" "),
);

/** Words without leading articles and fillers ("un nuevo campo" -> "campo"). */
export function withoutFillers(p: Phrase): Phrase {
  let text = p;
  for (;;) {
    const match = /^(\S+)\s+/.exec(text.folded);
    if (!match?.[1] || !FILLER.has(match[1])) return text;
    text = slice(text, match[0].length);
  }
}

/** `nombreCompleto` as typed stays; "fecha de nacimiento" -> `fechaNacimiento`; the label keeps the words. */
export function fieldName(p: Phrase): { name: string; label: string } | undefined {
  const original = p.original.replace(/^["'«`]|["'»`]$/g, "").trim();
  if (original === "") return undefined;
  if (/^[a-z][a-zA-Z0-9]{0,39}$/.test(original)) {
    const spaced = original.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return { name: original, label: capitalize(spaced).slice(0, 60) };
  }
  const linked = fold(original).replace(/\b(?:de|del|of)\b/g, " ");
  const name = toIdentifier(linked, "");
  if (name === "") return undefined;
  return { name, label: capitalize(original).slice(0, 60) };
}

export function newField(p: Phrase, type: FieldType | undefined, required: boolean | undefined): Field | undefined {
  const named = fieldName(p);
  if (!named) return undefined;
  return { name: named.name, label: named.label, type: type ?? guessType(fold(named.label)), required: required ?? false };
}

const ENTITY_WORDS =
  /^(?:(?:la|las|el|los|the)\s+)?(?:entidad(?:es)?|tablas?|coleccion(?:es)?|modelos?|recursos?|secciones?|seccion|entity|entities|tables?|collections?|models?|resources?|sections?)\s+(?:(?:de|llamada|llamado|called|named|for|of)\s+)?/;
const ENTITY_SUFFIX = /\s+(?:entity|entities|table|collection|model|resource|section)$/;

/** Names an entity of the plan may go by, folded: name, plural, label and its plural. */
function entityKeys(entity: Entity, language: Language): string[] {
  const label = entity.label ?? entity.name;
  return [entity.name, entity.plural, label, pluralLabel(label, language)].map((key) => fold(key));
}

/** The plan's entity a phrase names ("los clientes", "the customers entity", "Cliente"), if exactly one. */
export function findEntity(plan: Plan, p: Phrase): Entity | undefined {
  const bare = withoutFillers(phrase(p.original.replace(/^["'«`]|["'»`]$/g, "")))
    .folded.replace(ENTITY_WORDS, "")
    .replace(ENTITY_SUFFIX, "")
    .replace(/'s?$/, "")
    .trim();
  if (bare === "") return undefined;
  const exact = plan.entities.filter((entity) => entityKeys(entity, plan.language).includes(bare));
  if (exact.length === 1) return exact[0];
  const candidates = new Set([...singularCandidates(bare, "es"), ...singularCandidates(bare, "en")]);
  const loose = plan.entities.filter((entity) => entityKeys(entity, plan.language).some((key) => candidates.has(key)));
  return loose.length === 1 ? loose[0] : undefined;
}

const FIELD_WORDS =
  /^(?:(?:el|los|the)\s+)?(?:campos?|atributos?|columnas?|propiedad(?:es)?|fields?|attributes?|columns?|propert(?:y|ies))\s+/;
const FIELD_SUFFIX = /\s+(?:fields?|campos?)$/;

/** The folded phrase without articles and the words "campo"/"field". */
export function bareField(p: Phrase): Phrase {
  let text = withoutFillers(phrase(p.original.replace(/^["'«`]|["'»`]$/g, "")));
  const words = FIELD_WORDS.exec(text.folded);
  if (words) text = withoutFillers(slice(text, words[0].length));
  const suffix = FIELD_SUFFIX.exec(text.folded);
  if (suffix) text = slice(text, 0, suffix.index);
  return text;
}

function fieldKeys(field: Field): string[] {
  return [field.name, field.label ?? field.name, field.name.replace(/([a-z0-9])([A-Z])/g, "$1 $2")].map((key) => fold(key));
}

export function findField(entity: Entity, p: Phrase): Field | undefined {
  const bare = bareField(p).folded.trim();
  if (bare === "") return undefined;
  return (
    entity.fields.find((field) => fieldKeys(field).includes(bare)) ??
    entity.fields.find((field) => fold(field.name) === toIdentifier(bare, "").toLowerCase())
  );
}

export type FieldTarget = { entity: Entity; field: Field } | { problem: "ambiguous" | "unknown"; name: string; where: string[] };

const OF_ENTITY =
  /\s+(?:de la|de los|de las|del|de|en el|en la|en los|en las|en|para|of the|of|in the|in|on the|on|for the|for|from the|from)\s+/g;

/**
 * The entity and field a phrase names: "el teléfono de los clientes", "phone in customers",
 * "the customers' phone", "customer phone", or a field name only one entity has.
 */
export function findFieldTarget(plan: Plan, p: Phrase): FieldTarget {
  for (const match of p.folded.matchAll(OF_ENTITY)) {
    const entity = findEntity(plan, slice(p, match.index + match[0].length));
    const field = entity && findField(entity, slice(p, 0, match.index));
    if (entity && field) return { entity, field };
  }
  // English puts the owner first: "the customers' phone", "customer phone".
  for (const match of p.folded.matchAll(/'s?\s+|\s+/g)) {
    const entity = findEntity(plan, slice(p, 0, match.index));
    const field = entity && findField(entity, slice(p, match.index + match[0].length));
    if (entity && field) return { entity, field };
  }
  const holders = plan.entities.flatMap((entity) => {
    const field = findField(entity, p);
    return field ? [{ entity, field }] : [];
  });
  const [only] = holders;
  if (holders.length === 1 && only) return only;
  const name = bareField(p).original;
  return { problem: holders.length > 1 ? "ambiguous" : "unknown", name, where: holders.map((holder) => holder.entity.name) };
}
