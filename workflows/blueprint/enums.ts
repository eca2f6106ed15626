/**
 * Enumerations from listed values: "un estado: pendiente, cocinando, listo", "priority (low,
 * medium, high)", "pasa por pendiente, pagado, enviado y entregado". A status whose wording says
 * it moves forward ("pasa por", "goes", "->"), or that starts at a first step ("pending", "draft"),
 * gets transitions: each value may only move to the next.
 */
import { fieldWord } from "./field-words";
import { CONJUNCTIONS, DETERMINERS, PREPOSITIONS } from "./function-words";
import type { Language } from "./grammar";
import type { Token } from "./tokens";
import { isWord } from "./tokens";
import { toIdentifier } from "./text";

export interface EnumDraft {
  /** Position of the status word, or of the first value when the idea names none. */
  at: number;
  /** Field name and label: the status word as written ("estado", "priority"). */
  name: string;
  label: string;
  values: string[];
  flow: boolean;
  /** Every token the enumeration covers; the rest of the reading passes over them. */
  covers: number[];
}

const LEADS = new Set(
  `: ( que va van pasa pasan por los las el la es son puede pueden ser de entre desde se mueve mueven sigue siguen
  that goes go moves move through the is are can be of from between which either one follows`.split(/\s+/),
);
const FLOW_WORDS = new Set("pasa pasan va van mueve mueven sigue siguen goes go moves move through follows flow flujo".split(" "));
const FIRST_STEPS = new Set(
  `pendiente pendientes nuevo nueva borrador abierto abierta recibido recibida solicitado solicitada planificado
  pending new draft open received requested todo planned created submitted`.split(/\s+/),
);
const STATUS_HEADS = new Set(["estado", "estados", "status", "state", "fase", "stage", "etapa"]);

/** Is this word the head of a list of values: a status-like field word? */
function isEnumHead(token: Token): boolean {
  return fieldWord(token.folded)?.role === "status";
}

/** The values after a status word, each one to three words, up to the end of the list. */
function readValues(tokens: readonly Token[], start: number, language: Language): { values: Token[][]; end: number } {
  const values: Token[][] = [];
  let current: Token[] = [];
  let last = false;
  let at = start;
  const flush = (): boolean => {
    if (current.length === 0) return true;
    if (current.length > 3) return false;
    values.push(current);
    current = [];
    return true;
  };
  for (; at < tokens.length; at++) {
    const token = tokens[at] as Token;
    if (token.punct === ")" || token.punct === "end" || token.punct === ":" || token.punct === "(") break;
    if (token.punct === ",") {
      if (!flush() || last) break;
      continue;
    }
    if (CONJUNCTIONS[language].has(token.folded)) {
      if (!flush()) break;
      last = true;
      continue;
    }
    // A preposition ends the list unless it starts a value ("en curso", "in progress").
    if (PREPOSITIONS[language].has(token.folded) && current.length === 0 && values.length > 0 && !isValueStart(tokens, at)) break;
    if (current.length === 0 && DETERMINERS[language].has(token.folded) && values.length > 0) break;
    current.push(token);
  }
  flush();
  return { values, end: at };
}

/** "en curso", "in progress", "en el horno": a preposition that opens a short value before a separator. */
function isValueStart(tokens: readonly Token[], at: number): boolean {
  for (let next = at + 1; next < Math.min(tokens.length, at + 4); next++) {
    const token = tokens[next] as Token;
    if (token.punct !== undefined || ["y", "o", "and", "or"].includes(token.folded)) return true;
  }
  return false;
}

function draft(head: Token | undefined, values: Token[][], flowWords: boolean, covers: number[], language: Language): EnumDraft {
  const texts = values.map((value) => value.map((token) => token.original.toLocaleLowerCase()).join(" "));
  const status = head === undefined || STATUS_HEADS.has(head.folded);
  const first = values[0]?.map((token) => token.folded).join(" ") ?? "";
  const name = head
    ? toIdentifier(head.folded.replace(/s$/, head.folded === "status" ? "s" : ""), "estado")
    : language === "es"
      ? "estado"
      : "status";
  const label = head ? head.original.replace(/s$/i, head.folded === "status" ? "s" : "") : language === "es" ? "Estado" : "Status";
  return {
    at: head?.at ?? values[0]?.[0]?.at ?? 0,
    name,
    label: label.charAt(0).toLocaleUpperCase() + label.slice(1).toLocaleLowerCase(),
    values: [...new Set(texts)],
    flow: status && (flowWords || FIRST_STEPS.has(first)),
    covers,
  };
}

export function findEnums(tokens: readonly Token[], language: Language): EnumDraft[] {
  const found: EnumDraft[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] as Token;
    if (!isWord(token)) continue;
    const headed = isEnumHead(token);
    // "pasa por pendiente, pagado y enviado": a flow named by its verb, without a status word.
    const verbOnly = !headed && FLOW_WORDS.has(token.folded) && ["por", "through"].includes(tokens[at + 1]?.folded ?? "");
    if (!headed && !verbOnly) continue;
    let start = at + 1;
    let flowWords = verbOnly;
    let head: Token | undefined = headed ? token : undefined;
    while (start < tokens.length && (LEADS.has(tokens[start]?.folded ?? "") || isEnumHead(tokens[start] as Token))) {
      const lead = tokens[start] as Token;
      if (FLOW_WORDS.has(lead.folded)) flowWords = true;
      if (isEnumHead(lead)) head = lead;
      start += 1;
    }
    const { values, end } = readValues(tokens, start, language);
    if (values.length < 2 || values.length > 12) continue;
    // Values are short words, not attributes: "pending, cooking, paid" but not "date, time".
    const attribute = (value: Token[]): boolean => {
      const role = value.length === 1 ? fieldWord(value[0]?.folded ?? "")?.role : undefined;
      return role !== undefined && role !== "done" && role !== "approved" && role !== "status";
    };
    if (values.some(attribute)) continue;
    const covers = Array.from({ length: end - at }, (_, index) => at + index);
    found.push(draft(head, values, flowWords, covers, language));
    at = end;
  }
  return found;
}
