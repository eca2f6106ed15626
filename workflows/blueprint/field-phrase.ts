/**
 * Attribute phrases: "fecha de caducidad", "nombre del huésped", "duración en minutos",
 * "start time", "minimum stock". Spanish puts the attribute first and qualifies it after;
 * English qualifies it first. Each phrase becomes one field with the type its head word implies.
 */
import type { FieldType } from "../plan";
import type { FieldRole } from "./field-words";
import { EMPTY_MODIFIERS, UNITS, fieldWord } from "./field-words";
import { CONJUNCTIONS, DETERMINERS, PREPOSITIONS } from "./function-words";
import type { Language } from "./grammar";
import { STOPWORDS } from "./grammar";
import type { Token } from "./tokens";
import { isWord } from "./tokens";
import { capitalize, toIdentifier } from "./text";

/** Field words that also qualify another: "stock mínimo", "precio total". */
const QUALIFYING_FIELDS: ReadonlySet<string> = new Set(["minimo", "maximo", "minima", "maxima", "total", "objetivo"]);

export interface FieldPhrase {
  name: string;
  label: string;
  type: FieldType;
  role: FieldRole;
  min?: number;
  unique?: boolean;
  /** The folded head word ("estado", "status"): enumerations attach to it. */
  head: string;
  /** Token positions the phrase covers, first and one past the last. */
  from: number;
  to: number;
}

function plainWord(token: Token | undefined, language: Language): token is Token {
  return (
    isWord(token) &&
    !PREPOSITIONS[language].has(token.folded) &&
    !CONJUNCTIONS[language].has(token.folded) &&
    !DETERMINERS[language].has(token.folded) &&
    !STOPWORDS[language].has(token.folded)
  );
}

function build(
  head: Token,
  qualifiers: Token[],
  labelTokens: Token[],
  language: Language,
  from: number,
  to: number,
): FieldPhrase | undefined {
  const word = fieldWord(head.folded);
  if (!word) return undefined;
  const kept = qualifiers.filter((token) => !EMPTY_MODIFIERS.has(token.folded));
  const parts = language === "es" ? [head, ...kept] : [...kept, head];
  const name = toIdentifier(parts.map((token) => token.folded).join(" "), head.folded);
  const label = capitalize(
    labelTokens
      .filter((token) => !EMPTY_MODIFIERS.has(token.folded))
      .map((token) => token.original.toLocaleLowerCase())
      .join(" "),
  ).slice(0, 60);
  // "Fecha de X" is a date whatever X is; an English phrase is what its last word is.
  return {
    name,
    label,
    type: word.type,
    role: word.role,
    ...(word.min === undefined ? {} : { min: word.min }),
    ...(word.unique ? { unique: true } : {}),
    head: head.folded,
    from,
    to,
  };
}

/** The attribute phrase starting at `at`, if one does. */
export function fieldPhraseAt(tokens: readonly Token[], at: number, language: Language): FieldPhrase | undefined {
  return language === "es" ? spanishPhrase(tokens, at) : englishPhrase(tokens, at);
}

function spanishPhrase(tokens: readonly Token[], at: number): FieldPhrase | undefined {
  const head = tokens[at];
  if (!isWord(head) || !fieldWord(head.folded)) return undefined;
  const qualifiers: Token[] = [];
  const label: Token[] = [head];
  let next = at + 1;
  // One adjective right after: "stock mínimo", "importe objetivo", "fecha límite".
  const adjective = tokens[next];
  const qualifies = (word: string): boolean => !fieldWord(word) || QUALIFYING_FIELDS.has(word);
  if (plainWord(adjective, "es") && /^[a-z]/.test(adjective.folded) && !/s$/.test(adjective.folded) && qualifies(adjective.folded)) {
    qualifiers.push(adjective);
    label.push(adjective);
    next += 1;
  }
  // A complement: "de caducidad", "del huésped", "de la próxima dosis"; "al vídeo" for links.
  const linker = tokens[next];
  const linksTo =
    linker?.folded === "de" ||
    linker?.folded === "del" ||
    ((linker?.folded === "al" || linker?.folded === "a") && fieldWord(head.folded)?.type === "url");
  if (isWord(linker) && linksTo) {
    let cursor = next + 1;
    const articles: Token[] = [];
    while (isWord(tokens[cursor]) && DETERMINERS.es.has(tokens[cursor]?.folded ?? "")) articles.push(tokens[cursor++] as Token);
    const complement: Token[] = [];
    while (complement.length < 2 && plainWord(tokens[cursor], "es") && /^[a-z]/.test(tokens[cursor]?.folded ?? "")) {
      complement.push(tokens[cursor++] as Token);
    }
    if (complement.length > 0) {
      qualifiers.push(...complement);
      label.push(linker, ...articles, ...complement);
      next = cursor;
    }
  }
  // A unit: "duración en minutos".
  if (tokens[next]?.folded === "en" && UNITS.has(tokens[next + 1]?.folded ?? "")) {
    const unit = tokens[next + 1] as Token;
    label.push(tokens[next] as Token, unit);
    next += 2;
  }
  return build(head, qualifiers, label, "es", at, next);
}

function englishPhrase(tokens: readonly Token[], at: number): FieldPhrase | undefined {
  // Up to two qualifiers before the head: "start time", "next dose date", "minimum stock".
  for (let length = 3; length >= 1; length--) {
    const run = tokens.slice(at, at + length);
    if (run.length < length || !run.every((token) => plainWord(token, "en"))) continue;
    const head = run[length - 1] as Token;
    if (!fieldWord(head.folded)) continue;
    const qualifiers = run.slice(0, -1);
    // A plural qualifier is a record, not a qualifier: "books price" is not a phrase.
    if (qualifiers.some((token) => /[^s]s$/.test(token.folded) && !fieldWord(token.folded))) continue;
    let next = at + length;
    const label = [...run];
    if (tokens[next]?.folded === "in" && UNITS.has(tokens[next + 1]?.folded ?? "")) {
      label.push(tokens[next] as Token, tokens[next + 1] as Token);
      next += 2;
    }
    return build(head, qualifiers, label, "en", at, next);
  }
  return undefined;
}
