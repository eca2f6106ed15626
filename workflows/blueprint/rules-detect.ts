/**
 * Rules from the idea's wording. Each rule span (rule-cues.ts) names an archetype; the records
 * its clause mentions say which entity it is about and which references scope it ("un dentista no
 * puede tener dos citas que se solapen": no overlap of citas, per dentista). What a rule needs and
 * the idea did not name is added (a due date, a "returned" flag), never invented elsewhere.
 */
import type { Entity, Rule } from "../plan";
import type { Draft } from "./entities";
import type { Reading } from "./reading";
import { hasCue } from "./rule-cues";
import { approvalRule, derivedListRule, redirectRule } from "./rules-lists";
import { aggregateRule, noOverlapRule, onePerRule } from "./rules-time";
import type { Token } from "./tokens";
import { toIdentifier } from "./text";
import { conceptOfVerbForm } from "./words";
import type { RuleContext } from "./rule-context";

/** Words that make a "twice"/"dos veces" about time, not about who: "para las mismas noches". */
const TIME_CLASH = /\b(hora|horas|horario|noche|noches|night|nights|time|slot|turno)\b/;

function clauseOf(reading: Reading, at: number): Token[] {
  return reading.clauses.find((clause) => clause.some((token) => token.at === at)) ?? [];
}

function namedIn(
  reading: Reading,
  clause: readonly Token[],
  span: { from: number; to: number },
  drafts: readonly Omit<Draft, "entity">[],
  entities: readonly Entity[],
): RuleContext["named"] {
  const first = clause[0]?.at ?? 0;
  const last = clause[clause.length - 1]?.at ?? 0;
  // The part of the clause the rule is in: "un dentista no puede tener dos citas que se solapen".
  const part = Math.max(
    first,
    ...clause.filter((token) => (token.punct === "," || token.punct === ":") && token.at < span.from).map((token) => token.at),
  );
  const found: RuleContext["named"] = [];
  for (const item of reading.mentions) {
    if (item.at < first || item.at > last) continue;
    const index = drafts.findIndex((draft) => draft.key === item.key);
    const entity = entities[index];
    if (!entity) continue;
    const before = clause.filter((token) => token.at < item.at && token.at >= item.at - 3).map((token) => token.folded);
    const same = before.some((word) => /^(mismo|misma|mismos|mismas|same)$/.test(word));
    const inSpan = item.at >= span.from && item.at < span.to;
    const inPart = item.at >= part && item.at < span.to;
    const seen = found.find((other) => other.entity.name === entity.name);
    if (seen) Object.assign(seen, { same: seen.same || same, inSpan: seen.inSpan || inSpan, inPart: seen.inPart || inPart });
    else found.push({ entity, same, inSpan, inPart });
  }
  // A participle names its record too: "el total vendido" is about sales.
  for (const token of clause) {
    const concept = conceptOfVerbForm(token.folded, reading.language);
    const index = concept ? drafts.findIndex((draft) => draft.key === concept.id) : -1;
    const entity = entities[index];
    if (entity && !found.some((seen) => seen.entity.name === entity.name)) {
      found.push({
        entity,
        same: false,
        inSpan: token.at >= span.from && token.at < span.to,
        inPart: token.at >= part && token.at < span.to,
      });
    }
  }
  return found;
}

function uniqueName(rule: Rule, rules: readonly Rule[]): Rule {
  let name = toIdentifier(rule.name, "rule");
  for (let n = 2; rules.some((other) => other.name === name); n++) name = `${toIdentifier(rule.name, "rule").slice(0, 37)}${n}`;
  return { ...rule, name };
}

export function detectRules(
  reading: Reading,
  drafts: readonly Omit<Draft, "entity">[],
  entities: Entity[],
): { entities: Entity[]; rules: Rule[]; handled: Set<number> } {
  const list = [...entities];
  const rules: Rule[] = [];
  const handled = new Set<number>();
  reading.spans.forEach((span, index) => {
    const clause = clauseOf(reading, span.from);
    const context: RuleContext = {
      language: reading.language,
      entities: list,
      named: namedIn(reading, clause, span, drafts, list),
      clause: clause.map((token) => token.folded),
      span: span.text.split(" "),
    };
    const text = span.text;
    const clauseText = context.clause.join(" ");
    let rule: Rule | undefined;
    if (hasCue(text, "redirectAndCount") || hasCue(clauseText, "redirectAndCount")) rule = redirectRule(context);
    else if (hasCue(text, "approval")) rule = approvalRule(context);
    else if (hasCue(text, "noOverlap") || (hasCue(text, "onePer") && TIME_CLASH.test(text))) rule = noOverlapRule(context);
    else if (hasCue(text, "onePer")) rule = onePerRule(context);
    else if (hasCue(text, "derivedList")) rule = derivedListRule(context);
    else if (hasCue(text, "aggregate")) rule = aggregateRule(context);
    if (rule && !rules.some((other) => other.type === rule.type && other.entity === rule.entity)) {
      rules.push(uniqueName(rule, rules));
      handled.add(index);
    } else if (rule || hasCue(text, "constraint")) handled.add(index);
  });
  return { entities: list, rules, handled };
}
