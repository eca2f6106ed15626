/**
 * What one word of an idea is, for the architect's reading: a record (a known concept or a noun
 * it does not know), an attribute, a verb that creates a record, or a word to pass over.
 */
import type { Concept, ConceptKind } from "./concept";
import { fieldWord } from "./field-words";
import { APP_KINDS, COUNT_WORDS, QUANTIFIERS, TIME_WORDS, describesOrActs } from "./function-words";
import type { Language } from "./grammar";
import { STOPWORDS, singularize } from "./grammar";
import { CONCEPTS, DOMAINS, FEATURE_WORDS, lookup } from "./lexicon";
import type { Token } from "./tokens";

export interface Noun {
  /** The record's identity: the concept's id, or the singular of a noun the lexicon does not know. */
  key: string;
  concept?: Concept;
  kind: ConceptKind;
  /** Folded singular ("prestamo") and as users read it ("préstamo"). */
  singular: string;
  display: string;
  plural: boolean;
  /** The plural as written ("ventas", "rsvps"), when it was written as one. */
  pluralForm?: string;
  /** A word that also names a place ("dentista", "vet"): a record only where another mention confirms it. */
  place?: boolean;
  /** Written in the idea's other language ("posts" in a Spanish idea): its plural follows that language. */
  language: Language;
}

const DOMAIN_WORDS: ReadonlySet<string> = new Set(DOMAINS.flatMap((item) => [...item.triggers.es, ...item.triggers.en]));

/** Feature words that are records in some ideas: the options of a poll. */
const POLL_PARTS: ReadonlySet<string> = new Set(["opcion", "opciones", "option", "options"]);

/** Never a record, whatever its position. */
export function neverRecord(folded: string, language: Language): boolean {
  return (
    folded.length < 2 ||
    /^\d/.test(folded) ||
    STOPWORDS[language].has(folded) ||
    TIME_WORDS.has(folded) ||
    QUANTIFIERS.has(folded) ||
    APP_KINDS.has(folded) ||
    COUNT_WORDS.has(folded) ||
    fieldWord(folded) !== undefined
  );
}

/** Person nouns the lexicon does not know, by their ending: "paseadores", "florista", "walkers". */
function unknownKind(singular: string, language: Language): ConceptKind {
  if (language === "es") {
    if (/(dor|dora|ista|ero|era|ante|ente|ario|aria|ico|ica)$/.test(singular) && !/eria$/.test(singular)) return "person";
    if (/(cion|miento|aje)$/.test(singular)) return "event";
    return "thing";
  }
  if (/(er|or|ist|ant|ent|ian)$/.test(singular)) return "person";
  if (/(ment|tion|sion)$/.test(singular)) return "event";
  return "thing";
}

function isPlural(folded: string, singular: string, language: Language): boolean {
  if (folded === singular) return false;
  return language === "es" ? folded.endsWith("s") : /s$/.test(folded) && !/(ss|us|is)$/.test(folded);
}

export interface WordContext {
  language: Language;
  /** The idea mentions a poll: its "options" are records. */
  poll: boolean;
}

/** The record a word names, if it can name one; position decides later whether it does. */
export function nounOf(token: Token, context: WordContext, { listed = false } = {}): Noun | undefined {
  const { language } = context;
  const folded = token.folded;
  if (token.punct !== undefined) return undefined;
  const feature = FEATURE_WORDS.has(folded) && !(context.poll && POLL_PARTS.has(folded));
  // In a list of records ("tareas, notas, eventos") a plural attribute word that a concept names is a record.
  const listedRecord =
    listed && fieldWord(folded) !== undefined && lookup(folded, language)?.noun !== folded && lookup(folded, language) !== undefined;
  if (feature || (neverRecord(folded, language) && !listedRecord)) return undefined;
  const hit = lookup(folded, language);
  if (hit) {
    // A domain word ("vet", "dentista") may be the place; "vets" and "dentistas" are people.
    const plural = folded !== hit.noun;
    return {
      key: hit.concept.id,
      concept: hit.concept,
      kind: hit.concept.kind,
      singular: hit.noun,
      display: hit.display,
      plural,
      ...(DOMAIN_WORDS.has(folded) && !plural ? { place: true } : {}),
      ...(plural && folded.startsWith(hit.noun.slice(0, -1)) ? { pluralForm: folded } : {}),
      language: hit.language,
    };
  }
  if (DOMAIN_WORDS.has(folded) || folded.length < 3 || describesOrActs(folded, language)) return undefined;
  const singular = singularize(folded, language);
  const original = token.original.toLocaleLowerCase();
  const display = original.length >= singular.length ? original.slice(0, singular.length) : singular;
  const plural = isPlural(folded, singular, language);
  return {
    key: `~${singular}`,
    kind: unknownKind(singular, language),
    singular,
    display,
    plural,
    ...(plural ? { pluralForm: folded } : {}),
    language,
  };
}

/** The concept a verb creates ("reservar", "vote", "inscribirse"), if the word is such a verb. */
export function eventOfVerb(token: Token, language: Language): Concept | undefined {
  const folded = token.folded;
  if (token.punct !== undefined || folded.length < 3) return undefined;
  const endings = language === "es" ? /^(ar|er|ir|arse|erse|irse|a|as|an|e|es|en|o|amos|emos|imos|aron|ieron|ara|iera)$/ : /^(e|es|ed|s|)$/;
  for (const concept of CONCEPTS) {
    for (const stem of concept.verbs?.[language] ?? []) {
      if (folded.startsWith(stem) && endings.test(folded.slice(stem.length))) return concept;
    }
  }
  return undefined;
}

/** The concept whose verb a participle or other form comes from ("vendido", "gastado", "ahorrado"). */
export function conceptOfVerbForm(folded: string, language: Language): Concept | undefined {
  for (const concept of CONCEPTS) {
    for (const stem of concept.verbs?.[language] ?? []) {
      if (stem.length >= 4 && folded.startsWith(stem)) return concept;
    }
  }
  return undefined;
}
