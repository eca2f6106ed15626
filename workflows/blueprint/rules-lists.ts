/** Rules that list or gate records: derived lists (overdue, expired, low stock), short links, approval. */
import type { Condition, Entity, Field, Rule } from "../plan";
import { DONE, DUE, EXPIRY, MIN_STOCK, STOCK, added, ensureField, fieldNamed, fieldsOfType } from "./rule-fields";
import { agree, capitalize, feminine, joinAnd, labelOf, line, pluralOf, singularOf } from "./rule-words";
import type { RuleContext } from "./rule-context";

/** The record a list or gate is about: named in the rule's own words first, else in its clause. */
function subjectOf(context: RuleContext, accept: (entity: Entity) => boolean = () => true): Entity | undefined {
  const inSpan = context.named.filter((item) => item.inSpan).map((item) => item.entity);
  return inSpan.find(accept) ?? context.named.map((item) => item.entity).find(accept) ?? context.entities.find(accept);
}

function describeCondition(condition: Condition, entity: Entity, language: Language): string {
  const field = entity.fields.find((item) => item.name === condition.field);
  const name = field ? labelOf(field) : condition.field;
  const other = condition.otherField
    ? labelOf(
        entity.fields.find((item) => item.name === condition.otherField) ?? { name: condition.otherField, type: "string", required: false },
      )
    : undefined;
  const es = language === "es";
  if (condition.today) return es ? `${name} ya pasada` : `${name} before today`;
  if (other) return es ? `${name} igual o por debajo de ${other}` : `${name} at or below ${other}`;
  if (condition.op === "eq" && condition.value === false) return es ? `sin marcar «${name}»` : `not marked "${name}"`;
  if (condition.op === "ne")
    return es ? `${name} distinto de «${String(condition.value)}»` : `${name} other than "${String(condition.value)}"`;
  return `${name} ${condition.op} ${String(condition.value)}`;
}

type Language = RuleContext["language"];

/** What marks a record as done: the last step of its status, else a done flag. */
function notDone(entity: Entity, paid: boolean): Condition | undefined {
  const status = entity.fields.find((field) => field.type === "enum" && (field.values?.length ?? 0) > 1);
  if (status?.values) {
    const final = paid
      ? (status.values.find((value) => /pagad|paid|cobrad/i.test(value)) ?? status.values[status.values.length - 1])
      : status.values[status.values.length - 1];
    if (final !== undefined) return { field: status.name, op: "ne", value: final };
  }
  const flag = fieldNamed(entity, paid ? /^(pagad|paid)/i : DONE, "boolean");
  return flag ? { field: flag.name, op: "eq", value: false } : undefined;
}

export function derivedListRule(context: RuleContext): Rule | undefined {
  const { language, entities } = context;
  const es = language === "es";
  const text = context.span.join(" ");
  const lowStock = /(poco stock|stock bajo|bajo stock|low on stock|low stock|running low|por debajo|below)/.test(text);
  const expired = /(caducad|expired)/.test(text);
  const unpaid = /(sin pagar|impagad|unpaid|pendientes de pago)/.test(text);
  const overdue = /(vencid|atrasad|retrasad|overdue|late\b|past (their|its|the) due)/.test(text);
  let entity = subjectOf(
    context,
    lowStock ? (candidate) => fieldsOfType(candidate, "integer").length > 0 || fieldsOfType(candidate, "number").length > 0 : undefined,
  );
  if (!entity) return undefined;
  const where: Condition[] = [];
  let adjective: string;
  if (lowStock) {
    let stock = fieldNamed(entity, STOCK, ["integer", "number"]);
    if (!stock)
      ({ entity, field: stock } = ensureField(entities, entity, added("integer", "stock|Stock", "stock|Stock", language, { min: 0 })));
    let minimum = entity.fields.find(
      (field) => field !== stock && MIN_STOCK.test(field.name) && (field.type === "integer" || field.type === "number"),
    );
    if (!minimum)
      ({ entity, field: minimum } = ensureField(
        entities,
        entity,
        added("integer", "stockMinimo|Stock mínimo", "minimumStock|Minimum stock", language, { min: 0 }),
      ));
    where.push({ field: stock.name, op: "lte", otherField: minimum.name });
    adjective = es ? "con poco stock" : "Low-stock";
  } else if (expired) {
    let expiry = fieldNamed(entity, EXPIRY, "date");
    if (!expiry)
      ({ entity, field: expiry } = ensureField(
        entities,
        entity,
        added("date", "fechaCaducidad|Fecha de caducidad", "expiryDate|Expiry date", language),
      ));
    where.push({ field: expiry.name, op: "lt", today: true });
    adjective = es ? agree("caducad", pluralOf(entity, language)) : "Expired";
  } else {
    if (overdue || !unpaid) {
      let due = fieldNamed(entity, DUE, "date") ?? (unpaid ? undefined : fieldsOfType(entity, "date").slice(-1)[0]);
      if (!due)
        ({ entity, field: due } = ensureField(entities, entity, added("date", "fechaLimite|Fecha límite", "dueDate|Due date", language)));
      where.push({ field: due.name, op: "lt", today: true });
      // A loan is overdue only while it is out: it needs a way to say it came back.
      if (/(devol|return)/i.test(due.name) && !notDone(entity, false)) {
        ({ entity } = ensureField(entities, entity, added("boolean", "devuelto|Devuelto", "returned|Returned", language)));
      }
    }
    let done = notDone(entity, unpaid);
    if (!done && unpaid) {
      ({ entity } = ensureField(entities, entity, added("boolean", "pagado|Pagado", "paid|Paid", language)));
      done = notDone(entity, true);
    }
    if (done) where.push(done);
    const written = context.span.find((word) => /^(vencid|atrasad|retrasad|impagad)/.test(word));
    const stem = written?.replace(/(o|a|os|as)$/, "") ?? (unpaid ? "impagad" : "vencid");
    adjective = es ? agree(stem, pluralOf(entity, language)) : unpaid && !overdue ? "Unpaid" : "Overdue";
  }
  const plural = pluralOf(entity, language);
  const label = capitalize(es ? `${plural} ${adjective}` : `${adjective} ${plural}`);
  const described = joinAnd(
    where.map((condition) => describeCondition(condition, entity as Entity, language)),
    language,
  );
  return {
    type: "derivedList",
    name: label,
    label,
    description: line(es ? `Lista ${plural} con ${described}.` : `Lists the ${plural} with ${described}.`),
    entity: entity.name,
    where,
  };
}

export function redirectRule(context: RuleContext): Rule | undefined {
  const { language, entities } = context;
  const es = language === "es";
  let entity = subjectOf(context, (candidate) => candidate.fields.some((field) => field.type === "url")) ?? subjectOf(context);
  if (!entity) return undefined;
  let url: Field | undefined = fieldsOfType(entity, "url")[0];
  if (!url) ({ entity, field: url } = ensureField(entities, entity, added("url", "url|URL", "url|URL", language, { required: true })));
  let code = fieldNamed(entity, /^(codigo|code|slug|alias)/i, "string");
  if (!code)
    ({ entity, field: code } = ensureField(entities, entity, added("string", "codigo|Código", "code|Code", language, { unique: true })));
  let count = fieldNamed(entity, /^(clics|clicks|visitas|visits|hits)$/i, "integer");
  if (!count)
    ({ entity, field: count } = ensureField(entities, entity, added("integer", "clics|Clics", "clicks|Clicks", language, { min: 0 })));
  return {
    type: "redirectAndCount",
    name: es ? "redireccion" : "redirect",
    label: es ? "Redirección con contador de clics" : "Redirect and count clicks",
    description: line(
      es
        ? `GET /r/{${code.name}} redirige a la ${labelOf(url)} y suma uno a «${labelOf(count)}»; sin ${labelOf(code)}, se genera uno.`
        : `GET /r/{${code.name}} redirects to the ${labelOf(url)} and adds one to "${labelOf(count)}"; without a ${labelOf(code)}, one is made.`,
    ),
    entity: entity.name,
    code: code.name,
    url: url.name,
    count: count.name,
  };
}

export function approvalRule(context: RuleContext): Rule | undefined {
  const { language, entities } = context;
  const es = language === "es";
  const commentLike = (candidate: Entity): boolean =>
    candidate.fields.some((field) => field.type === "text") && candidate.fields.some((field) => field.type === "reference");
  let entity = subjectOf(context, commentLike) ?? subjectOf(context);
  if (!entity) return undefined;
  let flag = fieldNamed(entity, /^(aprobad|approved)/i, "boolean");
  if (!flag)
    ({ entity, field: flag } = ensureField(entities, entity, added("boolean", "aprobado|Aprobado", "approved|Approved", language)));
  const plural = pluralOf(entity, language);
  const label = capitalize(es ? `Moderación de ${plural}` : `${plural} moderation`);
  return {
    type: "approval",
    name: label,
    label,
    description: line(
      es
        ? `Cada ${singularOf(entity)} ${feminine(singularOf(entity)) ? "nueva" : "nuevo"} queda pendiente y solo se muestra cuando alguien ${feminine(singularOf(entity)) ? "la" : "lo"} aprueba.`
        : `New ${plural} wait for approval and are shown only once approved.`,
    ),
    entity: entity.name,
    field: flag.name,
  };
}
