/**
 * Finding nouns the lexicon does not know, so an idea about anything still gets its own entities:
 * the items of a "con ..." / "with ..." list ("con ingredientes y pasos"), or, failing everything
 * else, the idea's main noun ("una app para coleccionar sellos" -> sello).
 */
import type { Language } from "./grammar";
import { STOPWORDS } from "./grammar";
import { DOMAINS, FEATURE_WORDS } from "./lexicon";
import type { Word } from "./text";
import { words } from "./text";

const LIST_START: Record<Language, RegExp> = {
  es: /\b(?:con|incluye|incluyendo|incluya)\b/i,
  en: /\b(?:with|including|includes)\b/i,
};

/** Where a list of things ends and the sentence goes on about something else. */
const LIST_END: Record<Language, RegExp> = {
  es: /[.;:!?\n()]|\b(?:para|que|donde|cuando|porque|sin|en|desde)\b/i,
  en: /[.;:!?\n()]|\b(?:for|that|where|when|so|to|in|without|from)\b/i,
};

const ITEM_SEPARATOR: Record<Language, RegExp> = {
  es: /,|\b(?:y|e|o|u)\b/i,
  en: /,|\b(?:and|or|plus)\b/i,
};

/** A modifier after the head noun: "fotos de productos" is about photos. */
const OF: Record<Language, RegExp> = { es: /\b(?:de|del)\b/i, en: /\bof\b/i };

const DOMAIN_WORDS: ReadonlySet<string> = new Set(DOMAINS.flatMap((item) => [...item.triggers.es, ...item.triggers.en]));

/** Could this word be a noun worth an entity? Rules out function words, features, verbs and numbers. */
function isContentWord(word: Word, language: Language): boolean {
  const w = word.folded;
  if (w.length < 3 || /^\d/.test(w)) return false;
  if (STOPWORDS[language].has(w) || FEATURE_WORDS.has(w) || DOMAIN_WORDS.has(w)) return false;
  // Infinitives and gerunds say what users do, not what they keep ("coleccionar", "tracking").
  if (language === "es" && w.length > 5 && /(ar|er|ir)$/.test(w)) return false;
  if (language === "en" && w.length > 5 && /ing$/.test(w)) return false;
  return true;
}

/** Spanish puts the head noun first ("discos antiguos"); English last ("vinyl records"). */
function headOf(segment: string, language: Language): Word | undefined {
  const beforeOf = segment.split(OF[language])[0] ?? segment;
  const candidates = words(beforeOf).filter((word) => isContentWord(word, language));
  return language === "es" ? candidates[0] : candidates[candidates.length - 1];
}

/** The head nouns of every "con ..." / "with ..." list in the idea. */
export function listedNouns(idea: string, language: Language): Word[] {
  const found: Word[] = [];
  let rest = idea;
  for (let start = LIST_START[language].exec(rest); start; start = LIST_START[language].exec(rest)) {
    rest = rest.slice(start.index + start[0].length);
    const end = LIST_END[language].exec(rest);
    const list = end ? rest.slice(0, end.index) : rest;
    for (const segment of list.split(ITEM_SEPARATOR[language])) {
      const head = headOf(segment, language);
      if (head) found.push(head);
    }
  }
  return found;
}

/** The noun the idea is about, when nothing else named one. */
export function mainNoun(idea: string, language: Language): Word | undefined {
  const sentence = idea.split(/[.;!?\n]/).find((part) => part.trim() !== "") ?? idea;
  const all = words(sentence);
  if (language === "es") return all.find((word) => isContentWord(word, language));
  // The last word of the first run of content words: "an app for my vinyl records" -> records.
  // A word right after "to" is a verb ("to catalogue my stamps").
  let head: Word | undefined;
  all.forEach((word, index) => {
    if (head !== undefined && head !== all[index - 1]) return;
    if (isContentWord(word, language) && all[index - 1]?.folded !== "to") head = word;
  });
  return head;
}

const ITEM_LINK: Record<Language, ReadonlySet<string>> = {
  es: new Set(["de", "del", "online", "virtual", "para"]),
  en: new Set(["for", "of", "selling", "online"]),
};

/**
 * What a shop sells, from the words around its trigger: "tienda de velas" and "candle shop" and
 * "a store for handmade candles" all sell candles.
 */
export function itemNoun(idea: string, triggers: readonly string[], language: Language): Word | undefined {
  const all = words(idea);
  const at = all.findIndex((word) => triggers.includes(word.folded));
  if (at < 0) return undefined;
  let next = at + 1;
  while (next < all.length && ITEM_LINK[language].has(all[next]?.folded ?? "")) next += 1;
  const after: Word[] = [];
  for (const word of all.slice(next)) {
    if (!isContentWord(word, language)) break;
    after.push(word);
  }
  if (language === "es") return next > at + 1 ? after[0] : undefined;
  if (next > at + 1) return after[after.length - 1];
  const before = all[at - 1];
  return before && isContentWord(before, language) ? before : undefined;
}
