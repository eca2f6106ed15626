/**
 * Just enough Spanish and English morphology to turn the nouns of an idea into entity names:
 * "tareas" -> tarea/tareas, "canciones" -> cancion, "categories" -> category. Inputs are folded
 * (ASCII, lowercase) except in `pluralLabel`, which keeps the accents users see.
 */
import { fold } from "./text";

import type { Locale } from "../../shared/locale";

export type Language = Locale;

/** Candidate singulars, most likely first. The lexicon takes the first it knows. */
export function singularCandidates(word: string, language: Language): string[] {
  const candidates = language === "es" ? spanishSingulars(word) : englishSingulars(word);
  return [...new Set([...candidates, word])];
}

/** The single best guess, for words the lexicon does not know. */
export function singularize(word: string, language: Language): string {
  return singularCandidates(word, language)[0] ?? word;
}

function spanishSingulars(word: string): string[] {
  // "dosis", "análisis", "crisis" are the same in the plural.
  if (word.length < 4 || !word.endsWith("s") || word.endsWith("is")) return [word];
  if (word.endsWith("ces")) return [`${word.slice(0, -3)}z`, word.slice(0, -1)];
  if (word.endsWith("iones")) return [word.slice(0, -2)];
  // "flores", "ciudades", "reyes": -es after a vowel and one of these consonants is the plural
  // ending, not part of the noun ("ingles" has no singular "ingl").
  if (/[aeiou][lrndjy]es$/.test(word)) return [word.slice(0, -2), word.slice(0, -1)];
  if (/[aeiou]s$/.test(word)) return [word.slice(0, -1)];
  return [word];
}

function englishSingulars(word: string): string[] {
  if (word.length < 4 || !word.endsWith("s") || /(ss|us|is)$/.test(word)) return [word];
  if (/[^aeiou]ies$/.test(word)) return [`${word.slice(0, -3)}y`];
  if (/(sses|xes|zes|ches|shes)$/.test(word)) return [word.slice(0, -2), word.slice(0, -1)];
  return [word.slice(0, -1), word.slice(0, -2)];
}

export function pluralize(word: string, language: Language): string {
  if (language === "es") {
    if (/[aeiou]$/.test(word)) return `${word}s`;
    if (word.endsWith("z")) return `${word.slice(0, -1)}ces`;
    // Borrowed words ending in other consonants add -s: "posts", "tickets", "clubs".
    if (!/[lrndjysx]$/.test(word)) return `${word}s`;
    return `${word}es`;
  }
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

const STRESSED_VOWEL: Record<string, string> = { á: "a", é: "e", í: "i", ó: "o", ú: "u" };

/** "Canción" -> "Canciones", "Categoría" -> "Categorías", "Task" -> "Tasks": for headings and tabs. */
export function pluralLabel(label: string, language: Language): string {
  const parts = label.split(" ");
  // Spanish inflects the head noun, which comes first ("Orden de compra"); English the last.
  const index = language === "es" ? 0 : parts.length - 1;
  const head = parts[index] ?? label;
  parts[index] = language === "es" ? spanishPluralLabel(head) : pluralize(head, "en");
  return parts.join(" ");
}

function spanishPluralLabel(word: string): string {
  // Words ending in a stressed vowel + n/s lose the written accent in the plural: camión -> camiones.
  const accented = /([áéíóú])([ns])$/.exec(word);
  if (accented?.[1] !== undefined && accented[2] !== undefined) {
    const plain = STRESSED_VOWEL[accented[1]] ?? accented[1];
    return `${word.slice(0, -2)}${plain}${accented[2]}es`;
  }
  if (/[aeiouáéó]$/i.test(word)) return `${word}s`;
  if (/z$/i.test(word)) return `${word.slice(0, -1)}ces`;
  if (/[íú]$/i.test(word)) return `${word}es`;
  if (!/[lrndjysx]$/i.test(word)) return `${word}s`;
  return `${word}es`;
}

/** Function words: they say which language an idea is in and are never entities. */
export const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  es: new Set(
    `a al algo algun alguna algunos ante aplicacion aplicaciones app apps cada como con contra cual cuando de del desde
    donde el ella en entre es esa ese esta este esto hacer hazme la las le les lo los mas me mi mis muy necesito
    nos nuestra nuestro o otra otro para pero poco por porque puedan pueda puede que quiero se sea segun ser si
    sin sobre su sus tambien tan te tener tengo tiene todo todos tu tus un una unas uno unos web y ya yo crea
    crear construye construir desarrolla haz gestionar gestion gestor administrar organizar controlar control
    llevar registrar ver sistema plataforma pagina sitio simple sencilla sencillo pequena pequeno mejor nueva nuevo
    hola buenas gracias cosa cosas idea prueba ejemplo despues antes luego entonces mientras durante hasta tras
    cuanto cuanta cuantos cuantas quien quienes`
      .split(/\s+/)
      .filter(Boolean),
  ),
  en: new Set(
    `a about all an and any app apps application are as at be build by can create do for from get has have i in into
    is it its keep let lets make manage me my need of on or our please simple small so some that the their them this
    to tool track tracker manager management want we web website which while who will with without would you your
    site system platform page organize organise log new best basic list lists
    hello hi hey thanks thank thing things stuff idea something test example before after during until since then
    whom whose what when where why how`
      .split(/\s+/)
      .filter(Boolean),
  ),
};

/**
 * Spanish unless the idea reads as English: AUTOCREA's users write in Spanish first. Function
 * words decide; `vocabulary` (nouns the lexicon knows per language) breaks ties such as "a candle shop".
 */
export function detectLanguage(idea: string, vocabulary?: (word: string) => Language | undefined): Language {
  let es = /[ñáéíóú¿¡]/i.test(idea) ? 2 : 0;
  let en = 0;
  let esNouns = 0;
  let enNouns = 0;
  for (const word of fold(idea).match(/[a-z]+/g) ?? []) {
    if (STOPWORDS.es.has(word)) es += 1;
    if (STOPWORDS.en.has(word)) en += 1;
    const known = vocabulary?.(word);
    if (known === "es") esNouns += 1;
    if (known === "en") enNouns += 1;
  }
  if (en !== es) return en > es ? "en" : "es";
  return enNouns > esNouns ? "en" : "es";
}
