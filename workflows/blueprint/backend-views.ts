/**
 * src/views.js of a blueprint project: what the plan's rules compute from the stored records, on
 * request. A derived list is the records meeting every condition; an aggregate sums, averages or
 * counts per group and per day or month, or settles who owes whom; an approval rule's public list
 * holds only approved records.
 */
import type { Plan } from "../plan";
import { featuresOf, when } from "./features";

/** A plan with no view-making rule still gets the module the server imports, empty. */
const NO_VIEWS = String.raw`// The views of the plan's rules (derived lists, totals, approval): this plan has none, so there is
// nothing to compute. GET /api/views answers an empty list.

export function listViews() {
  return [];
}

export function view() {
  return undefined;
}
`;

export function renderViews(plan: Plan): string {
  const has = featuresOf(plan);
  if (!has.views) return NO_VIEWS;
  const labels = has.totals || has.balance;
  return String.raw`// The rules' views, computed from what is stored whenever they are asked for: nothing is cached, so
// a view is never out of date. GET /api/views/{name} serves them (server.js).
import { byName } from "./entities.js";
import { rules } from "./rules.js";

const present = (value) => value !== undefined && value !== null && value !== "";
${when(labels, "const round = (value) => Math.round(value * 100) / 100;\n")}
/** Today as YYYY-MM-DD, in UTC like the dates the API stores. */
export function today() {
  return new Date().toISOString().slice(0, 10);
}
${when(
  labels,
  String.raw`
/** How a record reads in a list or a choice: its first text field, else what it points at. */
export function labelOf(store, entity, record, depth = 0) {
  if (!record) return "";
  const text = entity.fields.find((field) => ["string", "email", "enum"].includes(field.type) && present(record[field.name]));
  if (text) return String(record[text.name]);
  const parts = [];
  if (depth < 2) {
    for (const field of entity.fields) {
      if (field.type === "reference" && present(record[field.name])) {
        parts.push(labelOf(store, byName.get(field.entity), store.get(field.plural, record[field.name]), depth + 1));
      }
    }
  }
  const when = entity.fields.find((field) => (field.type === "date" || field.type === "datetime") && present(record[field.name]));
  if (when) parts.push(String(record[when.name]));
  return parts.filter(Boolean).join(" · ") || record.id;
}
`,
)}${when(
  has.derivedList,
  String.raw`
function meets(record, condition, now) {
  const value = record[condition.field];
  if (condition.op === "isEmpty") return !present(value);
  if (condition.op === "isNotEmpty") return present(value);
  const other = condition.today ? now : condition.otherField !== undefined ? record[condition.otherField] : condition.value;
  if (!present(value) || other === undefined || other === null) return false;
  switch (condition.op) {
    case "lt":
      return value < other;
    case "lte":
      return value <= other;
    case "gt":
      return value > other;
    case "gte":
      return value >= other;
    case "eq":
      return value === other;
    case "ne":
      return value !== other;
    default:
      return false;
  }
}
`,
)}${when(
  has.totals,
  String.raw`
function aggregate(store, rule, entity, records) {
  const groups = new Map();
  for (const record of records) {
    const group = rule.groupBy ? (record[rule.groupBy] ?? null) : null;
    const period = rule.period && present(record[rule.period.field]) ? String(record[rule.period.field]).slice(0, rule.period.by === "day" ? 10 : 7) : null;
    if (rule.period && period === null) continue;
    const key = JSON.stringify([group, period]);
    const row = groups.get(key) ?? { group, period, total: 0, count: 0 };
    const amount = rule.field ? record[rule.field] : 0;
    if (rule.op !== "count" && typeof amount !== "number") continue;
    row.total += rule.op === "count" ? 0 : amount;
    row.count += 1;
    groups.set(key, row);
  }
  const groupField = rule.groupBy ? entity.fields.find((field) => field.name === rule.groupBy) : undefined;
  const target = groupField?.type === "reference" ? byName.get(groupField.entity) : undefined;
  const rows = [...groups.values()].map((row) => ({
    group: row.group,
    label: row.group === null ? null : target ? labelOf(store, target, store.get(target.plural, row.group)) : String(row.group),
    period: row.period,
    value: round(rule.op === "count" ? row.count : rule.op === "avg" ? row.total / row.count : row.total),
    count: row.count,
  }));
  rows.sort((a, b) => String(a.period ?? "").localeCompare(String(b.period ?? "")) || String(a.label ?? "").localeCompare(String(b.label ?? "")));
  return { rows };
}
`,
)}${when(
  has.balance,
  String.raw`
/** Who paid what, each one's equal share, and the fewest payments that settle everyone up. */
function balance(store, rule, entity, records) {
  const payer = entity.fields.find((field) => field.name === rule.groupBy);
  const people = byName.get(payer.entity);
  const everyone = store.list(people.plural);
  const total = records.reduce((sum, record) => sum + (typeof record[rule.field] === "number" ? record[rule.field] : 0), 0);
  const share = everyone.length === 0 ? 0 : total / everyone.length;
  const rows = everyone.map((person) => {
    const paid = records.filter((record) => record[rule.groupBy] === person.id).reduce((sum, record) => sum + record[rule.field], 0);
    return { id: person.id, label: labelOf(store, people, person), paid: round(paid), share: round(share), balance: round(paid - share) };
  });
  const creditors = rows.filter((row) => row.balance > 0).map((row) => ({ ...row, left: row.balance }));
  const debtors = rows.filter((row) => row.balance < 0).map((row) => ({ ...row, left: -row.balance }));
  const settlements = [];
  for (const debtor of debtors) {
    for (const creditor of creditors) {
      const amount = round(Math.min(debtor.left, creditor.left));
      if (amount <= 0) continue;
      settlements.push({ from: debtor.id, fromLabel: debtor.label, to: creditor.id, toLabel: creditor.label, amount });
      debtor.left = round(debtor.left - amount);
      creditor.left = round(creditor.left - amount);
    }
  }
  return { total: round(total), share: round(share), people: rows, settlements };
}
`,
)}
/** Every rule that has something to show, for the UI's list of views. */
export function listViews() {
  return rules
    .filter((rule) => ["derivedList", "aggregate", "approval"].includes(rule.type))
    .map((rule) => ({ name: rule.name, type: rule.type, label: rule.label, description: rule.description, entity: rule.entity, plural: rule.plural }));
}

/** A rule's view by name, or undefined when no rule of that name has one. */
export function view(store, name, now = today()) {
  const rule = rules.find((item) => item.name === name);
  if (!rule || !["derivedList", "aggregate", "approval"].includes(rule.type)) return undefined;
  const entity = byName.get(rule.entity);
  const records = store.list(entity.plural);
  const head = { name: rule.name, type: rule.type, label: rule.label, description: rule.description, entity: rule.entity, plural: rule.plural };
${when(has.derivedList, '  if (rule.type === "derivedList") return { ...head, records: records.filter((record) => rule.where.every((condition) => meets(record, condition, now))) };\n')}${when(has.approval, '  if (rule.type === "approval") return { ...head, records: records.filter((record) => record[rule.field] === true) };\n')}${when(has.balance, '  if (rule.op === "balance") return { ...head, ...balance(store, rule, entity, records) };\n')}${when(has.totals, "  return { ...head, ...aggregate(store, rule, entity, records) };\n")}  return undefined;
}
`;
}
