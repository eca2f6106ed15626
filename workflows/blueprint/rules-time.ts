/** Rules about time and counting: no overlap, one per, and aggregates (totals, averages, balances). */
import type { Entity, Field, Rule } from "../plan";
import { added, amountField, ensureField, fieldsOfType } from "./rule-fields";
import { capitalize, joinAnd, labelOf, line, oneOf, pluralOf, singularOf } from "./rule-words";
import type { RuleContext } from "./rule-context";

/** Without an end time, a booking holds its start for this long. */
export const SLOT_MINUTES = 30;

function references(entity: Entity, target: Entity): Field | undefined {
  return entity.fields.find((field) => field.type === "reference" && field.entity === target.name);
}

/** The record a rule is about: the one the clause names that points at others it names, else the first. */
function subjectOf(context: RuleContext, accept: (entity: Entity) => boolean): Entity | undefined {
  const named = context.named.map((item) => item.entity).filter(accept);
  const inSpan = context.named
    .filter((item) => item.inSpan)
    .map((item) => item.entity)
    .filter(accept);
  const links = (entity: Entity): boolean =>
    context.named.some((other) => other.entity !== entity && references(entity, other.entity) !== undefined);
  const linking = inSpan.find(links) ?? named.find(links);
  if (linking) return linking;
  // "The same court can't be double booked": the court is named; the bookings pointing at it are the subject.
  for (const item of context.named) {
    const pointing = context.entities.find((entity) => accept(entity) && references(entity, item.entity));
    if (pointing) return pointing;
  }
  return named[0] ?? context.entities.find(accept);
}

/** The reference that scopes a rule: to a record said with "mismo"/"same", or named in the rule's own words. */
function scopeOf(context: RuleContext, entity: Entity): Field | undefined {
  const candidates = [...context.named.filter((item) => item.same), ...context.named.filter((item) => item.inPart)];
  for (const item of candidates) {
    const field = item.entity !== entity ? references(entity, item.entity) : undefined;
    if (field) return field;
  }
  return undefined;
}

export function noOverlapRule(context: RuleContext): Rule | undefined {
  const { language, entities } = context;
  const es = language === "es";
  let entity = subjectOf(context, (candidate) => candidate.fields.some((field) => field.type === "date" || field.type === "time"));
  if (!entity) return undefined;
  const scope = scopeOf(context, entity);
  const times = fieldsOfType(entity, "time");
  const dates = fieldsOfType(entity, "date");
  let start: Field;
  let end: Field | undefined;
  let on: Field | undefined;
  let minutes: number | undefined;
  if (times.length >= 2 && times[0] && times[1]) {
    [start, end, on] = [times[0], times[1], dates[0]];
  } else if (times[0]) {
    [start, on, minutes] = [times[0], dates[0], SLOT_MINUTES];
  } else if (dates.length >= 2 && dates[0] && dates[1]) {
    [start, end] = [dates[0], dates[1]];
  } else {
    // A day alone cannot overlap by hours: the booking gets a time and holds a slot from it.
    ({ entity, field: start } = ensureField(entities, entity, added("time", "hora|Hora", "time|Time", language, { required: true })));
    on = dates[0];
    minutes = SLOT_MINUTES;
  }
  if (on === undefined && start.type === "time")
    ({ entity, field: on } = ensureField(entities, entity, added("date", "fecha|Fecha", "date|Date", language, { required: true })));
  const plural = pluralOf(entity, language);
  const span = end
    ? es
      ? `de ${labelOf(start)} a ${labelOf(end)}`
      : `from ${labelOf(start)} to ${labelOf(end)}`
    : minutes
      ? es
        ? `cada una ocupa ${minutes} min desde ${labelOf(start)}`
        : `each holds ${minutes} min from its ${labelOf(start)}`
      : labelOf(start);
  const shared = scope ? (es ? ` si comparten ${labelOf(scope)}` : ` for the same ${labelOf(scope)}`) : "";
  return {
    type: "noOverlap",
    name: es ? `sinSolapes ${plural}` : `no overlapping ${plural}`,
    label: es ? `Sin solapes de ${plural}` : `No overlapping ${plural}`,
    description: line(es ? `Dos ${plural} no pueden solaparse${shared} (${span}).` : `Two ${plural} may not overlap${shared} (${span}).`),
    entity: entity.name,
    start: start.name,
    ...(end ? { end: end.name } : {}),
    ...(minutes ? { minutes } : {}),
    ...(on ? { on: on.name } : {}),
    ...(scope ? { scope: scope.name } : {}),
  };
}

const DAY_WORDS = /^(dia|dias|day|days|fecha|date|diario|daily)$/;

export function onePerRule(context: RuleContext): Rule | undefined {
  const { language } = context;
  const es = language === "es";
  const entity = subjectOf(context, (candidate) => candidate.fields.some((field) => field.type === "reference"));
  if (!entity) return undefined;
  const said = context.named.map((item) => references(entity, item.entity)).filter((field): field is Field => field !== undefined);
  const fields = said.length > 0 ? said : entity.fields.filter((field) => field.type === "reference");
  const day = context.span.some((word) => DAY_WORDS.test(word)) ? fieldsOfType(entity, "date")[0] : undefined;
  const all = [...new Set([...fields, ...(day ? [day] : [])])].slice(0, 4);
  if (all.length === 0) return undefined;
  const one = singularOf(entity);
  const per = joinAnd(all.map(labelOf), language);
  return {
    type: "onePer",
    name: es ? `${oneOf(one)} por ${per}` : `one ${one} per ${per}`,
    label: capitalize(es ? `${oneOf(one)} por ${per}` : `One ${one} per ${per}`),
    description: line(es ? `Como mucho ${oneOf(one)} por cada ${per}.` : `At most one ${one} for each ${per}.`),
    entity: entity.name,
    fields: all.map((field) => field.name),
  };
}

const AVERAGE = /^(media|promedio|average|mean)$/;
const COUNT = /^(cuantos|cuantas|count|number)$/;
const BALANCE = /(debe|deben|owes|owe|balance|balances|saldo|saldos)/;
const MONTH = /^(mes|meses|mensual\w*|month|months|monthly)$/;
const DAY = /^(dia|dias|diari\w*|day|days|daily)$/;

export function aggregateRule(context: RuleContext): Rule | undefined {
  const { language, entities } = context;
  const es = language === "es";
  const text = context.span.join(" ");
  const numeric = (candidate: Entity): boolean => candidate.fields.some((field) => field.type === "number" || field.type === "integer");
  const inSpan = context.named.filter((item) => item.inSpan).map((item) => item.entity);
  const byWord = context.named
    .map((item) => item.entity)
    .find(
      (candidate) =>
        numeric(candidate) &&
        amountField(candidate, context.span) !== undefined &&
        context.span.some((word) => candidate.fields.some((field) => field.name.toLowerCase() === word)),
    );
  let entity =
    byWord ??
    inSpan.find((candidate) => numeric(candidate) && candidate.fields.some((field) => field.type === "reference")) ??
    subjectOf(context, numeric);
  if (!entity) return undefined;
  const field = amountField(entity, context.span);
  if (BALANCE.test(text)) {
    const payer = entity.fields.find((item) => item.type === "reference");
    if (!field || !payer) return undefined;
    return {
      type: "aggregate",
      name: es ? "saldos" : "balances",
      label: es ? "Saldos: quién debe a quién" : "Balances: who owes whom",
      description: line(
        es
          ? `Cuánto ha pagado cada ${labelOf(payer)}, cuánto le toca (el ${labelOf(field)} total a partes iguales) y quién debe a quién.`
          : `What each ${labelOf(payer)} paid, their equal share of the total ${labelOf(field)}, and who owes whom.`,
      ),
      entity: entity.name,
      op: "balance",
      field: field.name,
      groupBy: payer.name,
    };
  }
  const op = context.span.some((word) => AVERAGE.test(word)) ? "avg" : context.span.some((word) => COUNT.test(word)) ? "count" : "sum";
  if (op !== "count" && !field) return undefined;
  const group = inSpan.map((target) => references(entity as Entity, target)).find((item) => item !== undefined);
  const by = context.span.some((word) => MONTH.test(word)) ? "month" : context.span.some((word) => DAY.test(word)) ? "day" : undefined;
  let period: { field: string; by: "day" | "month" } | undefined;
  if (by) {
    let date = fieldsOfType(entity, "date")[0];
    if (!date)
      ({ entity, field: date } = ensureField(entities, entity, added("date", "fecha|Fecha", "date|Date", language, { required: true })));
    period = { field: date.name, by };
  }
  // "value" says little: an average of grades is the grade's average.
  const what =
    op === "count" || !field
      ? pluralOf(entity, language)
      : /^(value|valor|score|puntuacion)$/i.test(field.name)
        ? singularOf(entity)
        : labelOf(field);
  const per = [group ? labelOf(group) : undefined, by ? (es ? (by === "day" ? "día" : "mes") : by) : undefined]
    .filter(Boolean)
    .join(es ? " y " : " and ");
  const perText = per ? (es ? ` por ${per}` : ` per ${per}`) : "";
  const label = capitalize(
    es
      ? { sum: `${what} total`, avg: `media de ${what}`, count: `número de ${what}` }[op] + perText
      : { sum: `total ${what}`, avg: `average ${what}`, count: `number of ${what}` }[op] + perText,
  );
  const many = pluralOf(entity, language);
  const verb = es
    ? { sum: `Suma ${what}`, avg: `Calcula la media de ${what}`, count: "Cuenta" }[op]
    : { sum: `Adds up the ${what}`, avg: `Averages the ${what}`, count: "Counts the" }[op];
  return {
    type: "aggregate",
    name: label,
    label,
    description: line(es ? `${verb} de ${many}${perText}, al momento de pedirlo.` : `${verb} of the ${many}${perText}, when asked.`),
    entity: entity.name,
    op,
    ...(op === "count" || !field ? {} : { field: field.name }),
    ...(group ? { groupBy: group.name } : {}),
    ...(period ? { period } : {}),
  };
}
