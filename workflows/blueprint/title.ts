/**
 * A short title the idea implies: "Una app de reservas para mi peluquería" is "Reservas
 * Peluquería", "Acortador de enlaces: ..." is "Acortador de enlaces", "A booking app for my
 * barbershop" is "Barbershop Booking". Whole phrases only: when the idea's opening is too long to
 * be a title, the first entity's plural is.
 */
import type { Entity } from "../plan";
import { DETERMINERS, FOR, PREPOSITIONS } from "./function-words";
import type { Language } from "./grammar";
import { STOPWORDS } from "./grammar";
import type { Reading } from "./reading";
import type { Token } from "./tokens";
import { isWord } from "./tokens";

/** Words an idea opens with that are not its name: "Quiero una app de ...", "I want to build a ...". */
const OPENERS = new Set(
  `quiero necesito me gustaria crea creame crear haz hazme construye construir desarrolla genera dame una un la el las los
  app apps aplicacion web sitio pagina plataforma sistema simple sencilla sencillo pequena mini de del para
  i want need would like to build make create a an the application website site small please for platform system tool
  organizar gestionar llevar controlar administrar registrar mi mis my our nuestra nuestro organize organise manage track keep`.split(
    /\s+/,
  ),
);
const APP_WORDS = new Set(["app", "apps", "aplicacion", "application", "web"]);
/** Where the opening stops being a name: "Tienda de camisetas | con pedidos", "A URL shortener | with click counting". */
const CUT = new Set(["con", "with", "que", "that", "which", "where", "donde", "cuando", "when", "to"]);
const MAX_WORDS = 6;
/** Words that end a title well even though they are function words elsewhere: "Task manager". */
const OPEN_ENDS = new Set(["manager", "tracker", "list", "log", "planner", "control", "gestor", "sistema", "system"]);

function capitalizeWords(words: readonly string[]): string {
  return words.map((word) => (word === word.toLocaleLowerCase() ? word.charAt(0).toLocaleUpperCase() + word.slice(1) : word)).join(" ");
}

function trimEnds(words: Token[], language: Language): Token[] {
  // "IT" in "for our IT team" is a name, not the pronoun.
  const acronym = (token: Token): boolean =>
    token.original.length > 1 && token.original === token.original.toUpperCase() && /\p{L}/u.test(token.original);
  const linking = (token: Token | undefined): boolean =>
    token !== undefined && !acronym(token) && (PREPOSITIONS[language].has(token.folded) || DETERMINERS[language].has(token.folded));
  const kept = [...words];
  while (kept.length > 0 && (linking(kept[0]) || (OPENERS.has(kept[0]?.folded ?? "") && !acronym(kept[0] as Token)))) kept.shift();
  const dangling = (token: Token | undefined): boolean =>
    token !== undefined && (linking(token) || (STOPWORDS[language].has(token.folded) && !OPEN_ENDS.has(token.folded)));
  while (kept.length > 0 && dangling(kept[kept.length - 1])) kept.pop();
  return kept;
}

export function titleOf(reading: Reading, entities: readonly Entity[], language: Language): string {
  const first = reading.clauses[0] ?? [];
  const end = reading.titleEnd > 0 ? reading.titleEnd : Number.MAX_SAFE_INTEGER;
  const opening: Token[] = [];
  for (const token of first) {
    if (token.at >= end || (token.punct !== undefined && reading.titleEnd === 0) || (CUT.has(token.folded) && opening.length > 0)) break;
    if (isWord(token)) opening.push(token);
  }
  const split = opening.findIndex((token, index) => index > 0 && FOR.has(token.folded));
  const head = trimEnds(
    (split < 0 ? opening : opening.slice(0, split)).filter((token) => !APP_WORDS.has(token.folded)),
    language,
  );
  const target = split < 0 ? [] : trimEnds(opening.slice(split + 1), language);
  const fallback = entities[0]?.pluralLabel ?? entities[0]?.label ?? (language === "es" ? "Mi app" : "My app");
  if (head.length === 0 && target.length === 0) return fallback;
  if (head.length > MAX_WORDS || target.length > 3) return head.length > 0 && head.length <= MAX_WORDS ? sentence(head) : fallback;
  if (head.length === 0) return sentence(target);
  if (target.length === 0 || head.length > 2) return sentence(head);
  const headWords = head.map((token) => token.original);
  const targetWords = target.map((token) => token.original);
  return (language === "es" ? capitalizeWords([...headWords, ...targetWords]) : capitalizeWords([...targetWords, ...headWords])).slice(
    0,
    80,
  );
}

/** "acortador de enlaces" -> "Acortador de enlaces": as written, first letter up. */
function sentence(tokens: readonly Token[]): string {
  const text = tokens.map((token) => token.original).join(" ");
  return (text.charAt(0).toLocaleUpperCase() + text.slice(1)).slice(0, 80);
}
