/**
 * The architect's reading of an idea: which records it names, how they link ("préstamos de libros
 * a socios": a loan points at a book and a member), and which attributes each one has ("con fecha
 * de devolución"). It walks each clause word by word, keeping the record the clause is about.
 */
import type { Concept } from "./concept";
import type { EnumDraft } from "./enums";
import { findEnums } from "./enums";
import type { FieldPhrase } from "./field-phrase";
import { fieldPhraseAt } from "./field-phrase";
import {
  CONJUNCTIONS,
  DETERMINERS,
  FOR,
  MODALS,
  PREPOSITIONS,
  QUANTIFIERS,
  RELATIVES,
  TIME_WORDS,
  WITH,
  describesOrActs,
} from "./function-words";
import type { Language } from "./grammar";
import { STOPWORDS } from "./grammar";
import { ruleSpans } from "./rule-cues";
import type { Token } from "./tokens";
import { clauses, isWord, tokenize } from "./tokens";
import type { Noun, WordContext } from "./words";
import { eventOfVerb, nounOf } from "./words";

export interface Mention extends Noun {
  at: number;
  /** Created by a verb ("members book a court"), not named as a noun. */
  fromVerb?: boolean;
  /** Named only in passing (a singular after a preposition): a record only if named elsewhere too. */
  tentative?: boolean;
}

export interface Link {
  from: string;
  to: string;
  at: number;
}

export interface Attribute {
  owner: string;
  phrase: FieldPhrase;
  /** Said in a clause that states a rule: only known attribute words count there. */
  inRule: boolean;
}

export interface Reading {
  language: Language;
  tokens: Token[];
  clauses: Token[][];
  mentions: Mention[];
  links: Link[];
  attributes: Attribute[];
  enums: { owner: string | undefined; draft: EnumDraft }[];
  /** Where the idea's title ends: words before it name the app, not its records. */
  titleEnd: number;
  /** Stretches that state rules (rule-cues.ts): they add no attributes and no unknown records. */
  spans: { from: number; to: number; text: string }[];
}

/**
 * The title of an idea: the words before its first colon when there are few ("Acortador de
 * enlaces: ..."). Singular nouns there name the app ("Gradebook", "Consulta de psicología"), and
 * what follows "para"/"for" names who it is for.
 */
function titleEnd(tokens: readonly Token[]): number {
  const colon = tokens.findIndex((token) => token.punct === ":" || token.punct === "end");
  if (colon < 0 || tokens[colon]?.punct !== ":") return 0;
  return tokens.slice(0, colon).filter(isWord).length <= 8 ? colon : 0;
}

interface Walk {
  head?: Mention;
  /** The last record named in a "con"/"with" list: "pedidos de clientes" links from it. */
  nearest?: Mention;
  prep?: string;
  /** A break (comma, conjunction) was passed: the next record starts a new chain. */
  reset: boolean;
  /** Between the head and here, a word that is not a record: what follows qualifies that word. */
  qualified: boolean;
  /** After "con"/"with" or an attribute: commas separate attributes, not records. */
  listing: boolean;
  /** A verb seen after the head, with the concept it creates if it creates one. */
  verb?: { token: Token; creates?: Concept };
  /** "customer" in "customer reviews": the next record points at it. */
  modifier?: Mention;
  /** The preposition that opened the list being read ("con ingredientes, pasos y fotos"). */
  listPrep?: string;
}

export function read(idea: string, language: Language): Reading {
  const tokens = tokenize(idea);
  const plain = idea
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const context: WordContext = { language, poll: /\b(poll|polls|encuesta|encuestas|votacion|votaciones|survey)\b/.test(plain) };
  const enumDrafts = findEnums(tokens, language);
  const covered = new Map<number, EnumDraft>();
  for (const draft of enumDrafts) for (const at of draft.covers) covered.set(at, draft);
  const reading: Reading = {
    language,
    tokens,
    clauses: clauses(tokens),
    mentions: [],
    links: [],
    attributes: [],
    enums: [],
    titleEnd: titleEnd(tokens),
    spans: [],
  };
  const placed = new Set<EnumDraft>();

  for (const clause of reading.clauses) {
    const spans = ruleSpans(clause);
    reading.spans.push(...spans);
    const walk: Walk = { reset: true, qualified: false, listing: false };
    for (let index = 0; index < clause.length; index++) {
      const token = clause[index] as Token;
      const inTitle = token.at < reading.titleEnd;
      const inRule = spans.some((span) => token.at >= span.from && token.at < span.to);
      const draft = covered.get(token.at);
      if (draft) {
        if (!placed.has(draft)) {
          placed.add(draft);
          reading.enums.push({ owner: walk.head?.key, draft });
        }
        walk.listing = walk.head !== undefined;
        continue;
      }
      if (token.punct !== undefined) {
        if (token.punct === ":") Object.assign(walk, { head: undefined, nearest: undefined, listing: false });
        Object.assign(walk, { reset: !walk.listing || token.punct === ":", prep: undefined, verb: undefined, qualified: false });
        continue;
      }
      const word = token.folded;
      if (CONJUNCTIONS[language].has(word)) {
        Object.assign(walk, { reset: !walk.listing, prep: undefined, qualified: false });
        if (!walk.verb?.creates) walk.verb = undefined;
        continue;
      }
      if (PREPOSITIONS[language].has(word)) {
        // ", con fecha": a preposition after a break goes on about the same record.
        Object.assign(walk, { prep: word, reset: false });
        if (inTitle && FOR.has(word)) index = skipTo(clause, index, reading.titleEnd);
        continue;
      }
      if (DETERMINERS[language].has(word)) continue;
      const verbEvent = eventOfVerb(token, language);
      const noun = nounOf(token, context, { listed: walk.reset && walk.head !== undefined && !walk.listing && !inRule });
      if (verbEvent && isVerbHere(clause, index, walk, noun, language)) {
        walk.verb = { token, creates: verbEvent };
        continue;
      }
      const phrase = fieldPhraseAt(reading.tokens, token.at, language);
      if (phrase && participle(phrase, clause[index + 1], language)) {
        // "gastos pagados por", "expenses paid by": a participle linking to what follows.
        if (walk.head && !walk.verb?.creates) walk.verb = { token };
        continue;
      }
      if (phrase && (!noun || walk.listing || !noun.plural)) {
        // A field phrase after a break with no preposition is a new record's word only if nounOf said so above.
        if (walk.head && !walk.qualified && !inRule) reading.attributes.push({ owner: walk.head.key, phrase, inRule });
        walk.listing = walk.head !== undefined;
        walk.prep = undefined;
        index += Math.max(0, clause.findIndex((item) => item.at === phrase.to - 1) - index);
        continue;
      }
      if (MODALS[language].has(word) || STOPWORDS[language].has(word) || QUANTIFIERS.has(word) || TIME_WORDS.has(word)) continue;
      if (language === "en" && RELATIVES.has(clause[index - 1]?.folded ?? "")) {
        // "an app that sends", "who owes": a verb.
        if (walk.head && !walk.verb?.creates) walk.verb = { token };
        continue;
      }
      const named =
        noun && (noun.plural || noun.concept !== undefined || (walk.prep !== undefined && walk.head !== undefined) || walk.listing);
      if (noun && named) {
        const found: Mention = { ...noun, at: token.at, ...(noun.place || (inRule && !noun.concept) ? { tentative: true } : {}) };
        const following = clause[index + 1];
        if (language === "en" && !inTitle && !noun.plural && following && nounOf(following, context)?.plural) {
          // "customer reviews": a singular noun before a plural one qualifies it; the review will point at it.
          walk.modifier = record(reading, { ...found, tentative: found.tentative || !found.concept });
          continue;
        }
        const modifier = walk.modifier;
        walk.modifier = undefined;
        const recorded = mention(reading, walk, found, inTitle, language);
        if (modifier && recorded) addLink(reading, recorded, modifier);
        continue;
      }
      // Neither a record nor a function word: a verb, or an adjective after a preposition.
      if (walk.head && walk.prep === undefined && !walk.listing) {
        if (!walk.verb?.creates) walk.verb = { token };
      } else if (walk.head && walk.prep !== undefined) walk.qualified = true;
      else if (!walk.head && !inTitle) walk.qualified = true;
      if (walk.listing && walk.head && !inRule && /^[a-z]{3,}$/.test(word) && !describesOrActs(word, language) && !noun?.plural) {
        reading.attributes.push({ owner: walk.head.key, phrase: plainAttribute(token), inRule });
      }
    }
  }
  return reading;
}

/** "pagados por", "paid by", "devuelto a": a done-word followed by who did it is a participle, not a field. */
function participle(phrase: FieldPhrase, next: Token | undefined, language: Language): boolean {
  if (phrase.role !== "done" && phrase.role !== "approved") return false;
  return next !== undefined && PREPOSITIONS[language].has(next.folded) && phrase.to === next.at;
}

/** "book" in "members book a court", "vote" in "can vote", "reservar" in "no puede reservar". */
function isVerbHere(clause: readonly Token[], index: number, walk: Walk, noun: Noun | undefined, language: Language): boolean {
  const before = clause[index - 1]?.folded ?? "";
  if (noun?.plural) return false;
  if (MODALS[language].has(before) || before === "to" || RELATIVES.has(before)) return true;
  // Right after the record that does it, with no preposition: "members book", "los socios reservan".
  return walk.head !== undefined && walk.prep === undefined && !walk.reset && !walk.listing && clause[index - 1]?.at === walk.head.at;
}

function skipTo(clause: readonly Token[], index: number, end: number): number {
  let at = index;
  while (at + 1 < clause.length && (clause[at + 1]?.at ?? end) < end) at += 1;
  return at;
}

/** An attribute the field vocabulary does not know ("talla", "resultado"): text. */
function plainAttribute(token: Token): FieldPhrase {
  const label = token.original.charAt(0).toLocaleUpperCase() + token.original.slice(1).toLocaleLowerCase();
  return {
    name: token.folded.replace(/[^a-z0-9]/g, ""),
    label,
    type: "string",
    role: "plain",
    head: token.folded,
    from: token.at,
    to: token.at + 1,
  };
}

function addLink(reading: Reading, from: Mention, to: Mention): void {
  if (from.key === to.key) return;
  if (!reading.links.some((link) => link.from === from.key && link.to === to.key))
    reading.links.push({ from: from.key, to: to.key, at: to.at });
}

/**
 * A record named at this point of the clause: a new chain, the object of a verb, or the far end
 * of a preposition from the clause's record.
 */
function mention(reading: Reading, walk: Walk, found: Mention, inTitle: boolean, language: Language): Mention | undefined {
  const titleHead = inTitle && !found.plural && walk.head === undefined;
  if (titleHead) {
    // "Consulta de psicología", "Court booking": the app's name. What it qualifies is not linked to it.
    walk.qualified = true;
    walk.reset = false;
    return undefined;
  }
  // ", pasos y fotos" after "con ingredientes": the list goes on with the same preposition.
  const prep = walk.prep ?? (walk.listing && !walk.reset && found.plural ? walk.listPrep : undefined);
  walk.prep = undefined;
  const verb = walk.verb;
  walk.verb = undefined;
  const subject = walk.head;
  if (verb?.creates && subject) {
    // "members book a court", "each user can vote ... per poll": the verb creates the record.
    const event = record(reading, eventMention(verb.creates, verb.token, language));
    addLink(reading, event, subject);
    const object = record(reading, { ...found, tentative: found.tentative || (!found.plural && !found.concept) });
    if (object.key !== event.key) addLink(reading, event, object);
    start(walk, event);
    return object;
  }
  if (verb && subject && prep === undefined && !walk.reset) {
    // "customers open tickets", "los clientes piden cita": what the subject makes is theirs.
    const object = record(reading, found);
    addLink(reading, object, subject);
    start(walk, object);
    return object;
  }
  if (prep !== undefined && walk.head && !walk.reset) {
    if (walk.qualified) {
      // "costs of a trip", "curso de guitarra": the noun qualifies a word, it is no record here.
      return found.plural && found.concept ? record(reading, { ...found, tentative: true }) : undefined;
    }
    // "recetas con ingredientes, pasos": the list's owner; "pedidos de clientes": the nearest record.
    const from = WITH.has(prep) ? walk.head : (walk.nearest ?? walk.head);
    const target = record(reading, { ...found, tentative: found.tentative || (!found.plural && !found.concept) });
    if (WITH.has(prep) && ownsWith(from, found)) {
      addLink(reading, target, from);
      walk.nearest = target;
    } else addLink(reading, from, target);
    if (WITH.has(prep)) Object.assign(walk, { listing: true, listPrep: prep });
    return target;
  }
  if (walk.qualified && prep !== undefined) {
    // "Agenda de una clínica con pacientes": nothing to link from, but a plural is a record.
    if (!found.plural) return undefined;
    const head = record(reading, found);
    start(walk, head);
    return head;
  }
  const previous = walk.head;
  if (language === "es" && previous && !found.concept && previous.at === found.at - 1 && prep === undefined) {
    // "velas artesanales", "discos antiguos": a Spanish adjective agrees in number, it is no record.
    return undefined;
  }
  if (!found.plural && !found.concept) return undefined;
  const head = record(reading, found);
  start(walk, head);
  return head;
}

/** Concepts that group other records: a task belongs to a project, a product to a category. */
const GROUPERS: ReadonlySet<string> = new Set(["project", "category", "tag", "course", "event", "poll", "topic", "goal"]);

/** Does a record listed with "con"/"with" belong to the one before it ("recetas con pasos")? */
function ownsWith(owner: Mention, listed: Mention): boolean {
  if (owner.kind === "event") return false;
  // "tareas con proyectos y etiquetas": what groups records is pointed at, it does not belong to them.
  if (listed.concept && GROUPERS.has(listed.concept.id)) return false;
  if (listed.kind === "person") return owner.kind === "person";
  return listed.plural || listed.kind !== "thing" || owner.kind === "person" || !listed.tentative;
}

function start(walk: Walk, head: Mention): void {
  Object.assign(walk, {
    head,
    nearest: undefined,
    reset: false,
    qualified: false,
    listing: false,
    prep: undefined,
    verb: undefined,
    listPrep: undefined,
  });
}

function record(reading: Reading, found: Mention): Mention {
  reading.mentions.push(found);
  return found;
}

function eventMention(concept: Concept, token: Token, language: Language): Mention {
  const alias = concept.aliases[language][0] ?? concept.aliases.es[0] ?? concept.id;
  const folded = alias
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return {
    key: concept.id,
    concept,
    kind: concept.kind,
    singular: folded,
    display: alias,
    plural: false,
    language,
    at: token.at,
    fromVerb: true,
  };
}
