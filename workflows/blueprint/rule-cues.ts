/**
 * The wording of rules: which words ask for which behaviour ("no se pueden solapar", "vote only
 * once", "préstamos vencidos", "total per day", "redirige", "aprobar"). The reading uses them to
 * keep rule clauses from adding attributes; the rule detector to build each rule.
 */
import type { RuleType } from "../plan";
import type { Token } from "./tokens";

type Cue = RuleType | "constraint" | "list";

/** Each pattern is matched against the folded words of a stretch of the idea, joined by spaces. */
const CUES: Record<Cue, RegExp> = {
  noOverlap: /\b(solap\w*|overlap\w*|double[ -]?book\w*|doble reserva|misma hora|mismo horario|same time|a la vez|al mismo tiempo)\b/,
  onePer:
    /\b(una sola vez|solo una vez|una vez|dos veces|once|twice|only one|solo un|solo una|mas de un|mas de una|more than one|one \w+ per|un \w+ por|una \w+ por)\b/,
  derivedList:
    /\b(vencid\w*|atrasad\w*|retrasad\w*|caducad\w*|expired|overdue|late|past (their|its|the) due|poco stock|stock bajo|bajo stock|low on stock|low stock|running low|por debajo|below|sin pagar|impagad\w*|unpaid|pendientes de pago)\b/,
  aggregate:
    /\b(total\w*|suma|media|promedio|average|cuanto debe|quien debe|who owes|owes|owe|balances?|saldos?|cuanto llevo|how much|per day|cada dia|por dia|diari\w*|daily|por mes|cada mes|mensual\w*|monthly|each month|per month)\b/,
  redirectAndCount: /\b(redirig\w*|redirect\w*|acortador\w*|shortener|short links?|enlaces? cortos?|clics?|clicks?)\b/,
  approval: /\b(aprob\w*|aprueb\w*|approv\w*|moder\w*)\b/,
  constraint: /\b(negativ\w*)\b/,
  list: /\b(listar|listado|lista|list|ver|see|show|mostrar|alerta|alert|aviso)\b/,
};

export function cuesIn(text: string): Cue[] {
  return (Object.keys(CUES) as Cue[]).filter((cue) => CUES[cue].test(text));
}

export function hasCue(text: string, cue: Cue): boolean {
  return CUES[cue].test(text);
}

const BOUNDARY = new Set(["y", "e", "o", "and", "or", "que", "that", "which", "who", "donde", "where", "but", "pero"]);

/**
 * Stretches of a clause that state a rule, from the last boundary before a cue word (a comma,
 * "y", "que") to the clause's end: "... en una fecha y hora, y [no puede haber dos citas a la misma hora]".
 */
export function ruleSpans(clause: readonly Token[]): { from: number; to: number; text: string }[] {
  const spans: { from: number; to: number; text: string }[] = [];
  let start = 0;
  for (let index = 0; index < clause.length; index++) {
    const token = clause[index] as Token;
    if (token.punct === "," || token.punct === ":" || token.punct === "(" || BOUNDARY.has(token.folded)) {
      start = index + 1;
      continue;
    }
    const window = clause
      .slice(start, Math.min(clause.length, index + 4))
      .map((item) => item.folded)
      .join(" ");
    const cues = cuesIn(window).filter((cue) => cue !== "list");
    if (cues.length > 0 && CUE_WORD.test(token.folded)) {
      const from = clause[start]?.at ?? token.at;
      const last = clause[clause.length - 1] as Token;
      spans.push({
        from,
        to: last.at + 1,
        text: clause
          .slice(start)
          .map((item) => item.folded)
          .join(" "),
      });
      return spans;
    }
  }
  return spans;
}

/** The words that open a rule's cue, so a span starts no later than its first cue word. */
const CUE_WORD =
  /^(solap\w*|overlap\w*|double|doble|misma|mismo|same|al|una|dos|once|twice|only|solo|mas|more|one|un|vencid\w*|atrasad\w*|retrasad\w*|caducad\w*|expired|overdue|late|past|poco|stock|bajo|low|running|por|below|sin|impagad\w*|unpaid|pendientes|total\w*|suma|media|promedio|average|cuanto|quien|who|owes|owe|balances?|saldos?|how|per|cada|diari\w*|daily|mensual\w*|monthly|each|redirig\w*|redirect\w*|acortador\w*|shortener|short|enlaces?|clics?|clicks?|aprob\w*|aprueb\w*|approv\w*|moder\w*|negativ\w*|no|not|never|nunca|cannot|can't|a)$/;
