/**
 * public/app.js of a blueprint project: one view per entity with a form (create, edit) and a table
 * (list, delete, related records), a choice for every reference and enum, the plan's rules under
 * the form, and one view per rule that computes something (a derived list, a total, approval).
 * User data only ever reaches the page through textContent.
 */
import type { Plan } from "../plan";
import { featuresOf, when } from "./features";
import { toJsonSource } from "./text";

/** `text` holds the UI strings in the plan's language (see frontend.ts). */
export function renderApp(plan: Plan, text: Readonly<Record<string, string>>): string {
  const has = featuresOf(plan);
  return String.raw`// The whole UI: a view per entity with a form to create or edit and a table to list, open and
// delete; a view per rule that computes something. Everything users typed is written with
// textContent, so it is shown as text and never run.

const APP_NAME = ${toJsonSource(plan.name)};
const LOCALE = ${toJsonSource(plan.language)};
const TEXT = ${toJsonSource(text)};
/** The entities and rules as the server has them (src/entities.js, src/rules.js): one source for both. */
const { entities: ENTITIES, rules: RULES } = await api("GET", "/api/meta");
/** Rules with something to show get a view of their own: a list, a figure, what is approved. */
const VIEWS = RULES.filter((rule) => ["derivedList", "aggregate", "approval"].includes(rule.type));
/** The table shows the first few fields; the form shows them all. */
const TABLE_COLUMNS = 5;

const $ = (selector) => document.querySelector(selector);
const view = {
  tabs: $("#tabs"), formPanel: $("#form-panel"), formTitle: $("#form-title"), form: $("#form"), fields: $("#fields"),
  save: $("#save"), cancel: $("#cancel"), status: $("#status"), listTitle: $("#list-title"), empty: $("#empty"),
  head: $("#table thead"), body: $("#table tbody"), rules: $("#rules"), ruleList: $("#rule-list"), extra: $("#extra"),
  related: $("#related"), relatedTitle: $("#related-title"), relatedLists: $("#related-lists"),
};
/** The entity or rule view shown: { entity } or { rule }. */
let current = { entity: ENTITIES[0] };
let editing = null;
let loads = 0;
/** Records of every entity, by plural: references show labels and offer choices from here. */
const cache = new Map();

function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    if (key === "text") node.textContent = value;
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

async function api(method, path, body) {
  const init = { method, headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw Object.assign(new Error(TEXT.offline), { fields: {} });
  }
  const data = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw Object.assign(new Error(data?.error ?? TEXT.failed), { fields: data?.fields ?? {} });
  return data;
}

const byName = new Map(ENTITIES.map((entity) => [entity.name, entity]));

async function load(plural) {
  const records = await api("GET", "/api/" + plural);
  cache.set(plural, records);
  return records;
}

/** How a record reads: its first text field, else what it points at (as the server's views do). */
function labelOf(entity, record, depth = 0) {
  if (!record) return "—";
  const text = entity.fields.find((field) => ["string", "email", "enum"].includes(field.type) && record[field.name]);
  if (text) return String(record[text.name]);
  const parts = [];
  for (const field of entity.fields) {
    if (field.type === "reference" && depth < 2) parts.push(referenceLabel(field, record[field.name], depth + 1));
  }
  const when = entity.fields.find((field) => field.type === "date" && record[field.name]);
  if (when) parts.push(record[when.name]);
  return parts.filter((part) => part && part !== "—").join(" · ") || record.id;
}

function referenceLabel(field, id, depth = 0) {
  const record = (cache.get(field.plural) ?? []).find((item) => item.id === id);
  return record ? labelOf(byName.get(field.entity), record, depth) : id ? "…" : "—";
}

function childrenOf(entity) {
  return ENTITIES.flatMap((child) => child.fields.filter((field) => field.type === "reference" && field.entity === entity.name).map((field) => ({ child, field })));
}

function renderTabs() {
  const tab = (label, path, selected, extra = "") => {
    const link = element("a", { href: path, text: label, className: extra });
    if (selected) link.setAttribute("aria-current", "page");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      history.pushState(null, "", path);
      route();
    });
    return link;
  };
  view.tabs.replaceChildren(
    ...ENTITIES.map((entity) => tab(entity.labelPlural, "/" + entity.plural, current.entity === entity)),
    ...VIEWS.map((rule) => tab(rule.label, "/views/" + rule.name, current.rule === rule, "view")),
  );
}

function options(field, value) {
  if (field.type === "enum") {
    let values = field.values;
    // While editing, a status with steps offers only where it is and where it may go next.
    if (field.transitions && editing && value) values = [value, ...(field.transitions.find((step) => step.from === value)?.to ?? [])];
    return values.map((item) => element("option", { value: item, text: item }));
  }
  const records = cache.get(field.plural) ?? [];
  return [
    element("option", { value: "", text: TEXT.choose }),
    ...records.map((record) => element("option", { value: record.id, text: labelOf(byName.get(field.entity), record) })),
  ];
}

function inputFor(field) {
  const id = "field-" + field.name;
  if (field.type === "text") return element("textarea", { id, name: field.name, rows: 3, maxLength: 5000, required: field.required });
  if (field.type === "reference" || field.type === "enum") {
    const select = element("select", { id, name: field.name, required: field.required && field.type === "reference" }, options(field));
    return select;
  }
  const types = { boolean: "checkbox", integer: "number", number: "number", date: "date", time: "time", datetime: "datetime-local", email: "email", url: "url" };
  const input = element("input", { id, name: field.name, type: types[field.type] ?? "text" });
  if (field.type === "boolean") return input;
  input.required = field.required;
  if (field.type === "integer") input.step = "1";
  if (field.type === "number") input.step = "any";
  if (field.min !== undefined) input.min = String(field.min);
  if (field.max !== undefined) input.max = String(field.max);
  if (field.type === "string") input.maxLength = 200;
  if (field.type === "email") input.maxLength = 254;
  return input;
}

const editable = (entity) => entity.fields.filter((field) => !field.readOnly);

function renderForm() {
  const entity = current.entity;
  view.fields.replaceChildren(
    ...editable(entity).map((field) => {
      const input = inputFor(field);
      const error = element("p", { className: "error", id: input.id + "-error" });
      input.setAttribute("aria-describedby", error.id);
      const label = element("label", { htmlFor: input.id, text: field.label + (field.required ? " *" : "") });
      const parts = field.type === "boolean" ? [input, label, error] : [label, input, error];
      return element("div", { className: field.type === "boolean" ? "field check" : "field" }, parts);
    }),
  );
  resetForm();
}

function resetForm() {
  editing = null;
  view.form.reset();
  clearErrors();
  for (const field of current.entity?.fields ?? []) {
    const select = view.form.elements.namedItem(field.name);
    if (field.type === "enum" && select) select.replaceChildren(...options(field));
  }
  view.formTitle.textContent = TEXT.create + ": " + current.entity.label;
  view.save.textContent = TEXT.save;
  view.cancel.hidden = true;
}

function clearErrors() {
  for (const node of view.fields.querySelectorAll(".error")) node.textContent = "";
  for (const node of view.fields.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function readForm() {
  const value = {};
  for (const field of editable(current.entity)) {
    const input = view.form.elements.namedItem(field.name);
    if (field.type === "boolean") value[field.name] = input.checked;
    else if (input.value.trim() === "") value[field.name] = null;
    else if (field.type === "integer" || field.type === "number") value[field.name] = Number(input.value);
    else value[field.name] = input.value;
  }
  return value;
}

function startEditing(record) {
  resetForm();
  editing = record.id;
  for (const field of editable(current.entity)) {
    const input = view.form.elements.namedItem(field.name);
    if (field.type === "enum") input.replaceChildren(...options(field, record[field.name]));
    if (field.type === "boolean") input.checked = record[field.name] === true;
    else input.value = record[field.name] ?? "";
  }
  view.formTitle.textContent = TEXT.edit + ": " + current.entity.label;
  view.save.textContent = TEXT.saveChanges;
  view.cancel.hidden = false;
  view.form.querySelector("input, textarea, select")?.focus();
}

function show(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "boolean") return value ? TEXT.yes : TEXT.no;
  if (field.type === "reference") return referenceLabel(field, value);
  if (field.type === "number" || field.type === "integer") return Number(value).toLocaleString(LOCALE);
  const text = String(value);
  return text.length > 80 ? text.slice(0, 79) + "…" : text;
}

function cell(field, record) {
  if (field.type === "url" && record[field.name]) {
    return element("td", {}, [element("a", { href: record[field.name], text: show(field, record[field.name]), rel: "noopener noreferrer" })]);
  }
  return element("td", { text: show(field, record[field.name]) });
}

function rulesOf(entity) {
  return RULES.filter((rule) => rule.entity === entity.name);
}

function renderTable(entity, records, actions = true) {
  const columns = entity.fields.slice(0, TABLE_COLUMNS);
${when(has.redirect, '  const redirect = rulesOf(entity).find((rule) => rule.type === "redirectAndCount");\n')}${when(has.approval, '  const approval = rulesOf(entity).find((rule) => rule.type === "approval");\n')}  view.head.replaceChildren(
    element("tr", {}, [
      ...columns.map((field) => element("th", { scope: "col", text: field.label })),
${when(has.redirect, '      ...(redirect ? [element("th", { scope: "col", text: TEXT.shortLink })] : []),\n')}${when(has.approval, '      ...(approval ? [element("th", { scope: "col", text: approval.label })] : []),\n')}      ...(actions ? [element("th", { scope: "col", text: TEXT.actions })] : []),
    ]),
  );
  view.body.replaceChildren(
    ...records.map((record) => {
      const cells = columns.map((field) => cell(field, record));
${when(
  has.redirect,
  String.raw`      if (redirect) {
        const path = "/r/" + encodeURIComponent(record[redirect.code] ?? "");
        cells.push(element("td", {}, [element("a", { href: path, text: path + " (" + (record[redirect.count] ?? 0) + ")" })]));
      }
`,
)}${when(
  has.approval,
  String.raw`      if (approval) {
        const done = record[approval.field] === true;
        cells.push(element("td", {}, [element("span", { className: done ? "badge ok" : "badge", text: done ? TEXT.approved : TEXT.pending })]));
      }
`,
)}      if (!actions) return element("tr", {}, cells);
      const buttons = [];
${when(
  has.approval,
  String.raw`      if (approval && record[approval.field] !== true) {
        const approve = element("button", { type: "button", text: TEXT.approve });
        approve.addEventListener("click", () => act(() => api("POST", "/api/" + entity.plural + "/" + record.id + "/approve"), TEXT.updated));
        buttons.push(approve);
      }
`,
)}${when(
  has.references,
  String.raw`      if (childrenOf(entity).length > 0) {
        const open = element("button", { type: "button", className: "secondary", text: TEXT.details });
        open.addEventListener("click", () => showRelated(entity, record));
        buttons.push(open);
      }
`,
)}      const edit = element("button", { type: "button", className: "secondary", text: TEXT.edit });
      edit.addEventListener("click", () => startEditing(record));
      const remove = element("button", { type: "button", className: "danger", text: TEXT.delete });
      remove.addEventListener("click", () => removeRecord(record));
      return element("tr", {}, [...cells, element("td", { className: "row-actions" }, [...buttons, edit, remove])]);
    }),
  );
  view.empty.hidden = records.length > 0;
}

${when(
  has.references,
  String.raw`/** The records that point at this one, per entity: a book's loans, a post's approved comments. */
async function showRelated(entity, record) {
  view.related.hidden = false;
  view.relatedTitle.textContent = TEXT.related + ": " + labelOf(entity, record);
  const lists = [];
  for (const { child } of childrenOf(entity)) {
    // The related records read through what they point at: load those first.
    await Promise.all(child.fields.filter((field) => field.type === "reference" && !cache.has(field.plural)).map((field) => load(field.plural)));
    const items = await api("GET", "/api/" + entity.plural + "/" + record.id + "/" + child.plural).catch(() => []);
    lists.push(
      element("h4", { text: child.labelPlural + " (" + items.length + ")" }),
      items.length === 0 ? element("p", { className: "muted", text: TEXT.nothing }) : element("ul", {}, items.map((item) => element("li", { text: labelOf(child, item) }))),
    );
  }
  view.relatedLists.replaceChildren(...lists);
}

`,
)}function renderRules(entity) {
  const own = rulesOf(entity);
  view.rules.hidden = own.length === 0;
  view.ruleList.replaceChildren(...own.map((rule) => element("li", {}, [element("strong", { text: rule.label + ": " }), document.createTextNode(rule.description)])));
}

function setStatus(message, isError = false) {
  view.status.textContent = message;
  view.status.classList.toggle("failed", isError);
}

/** Loads what a view needs: its records and those its references point at. */
async function refresh() {
  const ticket = ++loads;
  const shown = current;
  try {
    const entity = shown.entity ?? byName.get(shown.rule.entity);
    const needed = new Set([entity.plural, ...entity.fields.filter((field) => field.type === "reference").map((field) => field.plural)]);
    await Promise.all([...needed].map((plural) => load(plural)));
    // A slower answer for a view the user already left must not overwrite the new one.
    if (ticket !== loads) return;
    if (shown.entity) {
      renderTable(shown.entity, cache.get(shown.entity.plural) ?? []);
      for (const field of shown.entity.fields) {
        const select = view.form.elements.namedItem(field.name);
        if (field.type === "reference" && select && !editing) select.replaceChildren(...options(field));
      }
    }${has.views ? ' else renderView(shown.rule, await api("GET", "/api/views/" + encodeURIComponent(shown.rule.name)));' : ""}
  } catch (error) {
    if (ticket === loads) setStatus(error.message, true);
  }
}

${when(
  has.views,
  String.raw`/** A rule's view: its records, its figures, or who owes whom. */
function renderView(rule, data) {
  const entity = byName.get(rule.entity);
  const about = element("p", { className: "muted", text: rule.description });
  view.extra.replaceChildren(about);
  if (data.records) return renderTable(entity, data.records, false);
  if (data.people) {
    view.head.replaceChildren(element("tr", {}, [TEXT.person, TEXT.paid, TEXT.share, TEXT.balance].map((text) => element("th", { scope: "col", text }))));
    view.body.replaceChildren(
      ...data.people.map((person) => element("tr", {}, [person.label, person.paid, person.share, person.balance].map((value, index) => element("td", { text: index === 0 ? value : Number(value).toLocaleString(LOCALE) })))),
    );
    view.empty.hidden = data.people.length > 0;
    view.extra.replaceChildren(
      about,
      element("p", { text: TEXT.total + ": " + Number(data.total).toLocaleString(LOCALE) }),
      element("ul", {}, data.settlements.map((item) => element("li", { text: item.fromLabel + " " + TEXT.owes + " " + Number(item.amount).toLocaleString(LOCALE) + " " + TEXT.to + " " + item.toLabel }))),
    );
    return;
  }
  const heads = [...(rule.groupBy ? [TEXT.group] : []), ...(rule.period ? [TEXT.period] : []), TEXT.value, TEXT.count];
  view.head.replaceChildren(element("tr", {}, heads.map((text) => element("th", { scope: "col", text }))));
  view.body.replaceChildren(
    ...data.rows.map((row) =>
      element("tr", {}, [...(rule.groupBy ? [row.label ?? "—"] : []), ...(rule.period ? [row.period] : []), Number(row.value).toLocaleString(LOCALE), row.count].map((text) => element("td", { text: String(text) }))),
    ),
  );
  view.empty.hidden = data.rows.length > 0;
}

`,
)}async function act(run, message) {
  try {
    await run();
    setStatus(message);
  } catch (error) {
    setStatus(error.message, true);
  }
  await refresh();
}

async function removeRecord(record) {
  if (!confirm(TEXT.confirmDelete)) return;
  await act(async () => {
    await api("DELETE", "/api/" + current.entity.plural + "/" + record.id);
    if (editing === record.id) resetForm();
  }, TEXT.deleted);
}

function route() {
  const path = location.pathname.replace(/\/+$/, "");
  const rule = path.startsWith("/views/") ? VIEWS.find((item) => "/views/" + item.name === decodeURIComponent(path)) : undefined;
  const entity = ENTITIES.find((item) => "/" + item.plural === path) ?? ENTITIES[0];
  current = rule ? { rule } : { entity };
  const heading = rule ? rule.label : entity.labelPlural;
  document.title = heading + " · " + APP_NAME;
  view.listTitle.textContent = heading;
  view.formPanel.hidden = Boolean(rule);
  view.related.hidden = true;
  view.extra.replaceChildren();
  setStatus("");
  renderTabs();
  if (!rule) {
    renderForm();
    renderRules(entity);
  }
  view.body.replaceChildren();
  view.empty.hidden = true;
  refresh();
}

view.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors();
  const path = "/api/" + current.entity.plural;
  try {
    if (editing) await api("PUT", path + "/" + editing, readForm());
    else await api("POST", path, readForm());
    setStatus(editing ? TEXT.updated : TEXT.created);
    resetForm();
  } catch (error) {
    for (const [name, message] of Object.entries(error.fields)) {
      const input = view.form.elements.namedItem(name);
      if (!input) continue;
      input.setAttribute("aria-invalid", "true");
      $("#" + input.id + "-error").textContent = message;
    }
    // A rule that refused the write says why, in its own words.
    setStatus(error.message, true);
  }
  await refresh();
});

view.cancel.addEventListener("click", resetForm);
window.addEventListener("popstate", route);
route();
`;
}
