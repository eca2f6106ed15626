/**
 * public/app.js of a blueprint project: one view per entity with a form (create, edit) and a table
 * (list, delete), all through the API. User data only ever reaches the page through textContent.
 */
import type { Plan } from "../plan";
import { labelsOf } from "./layout";
import { toJsonSource } from "./text";

/** `text` holds the UI strings in the plan's language (see frontend.ts). */
export function renderApp(plan: Plan, text: Readonly<Record<string, string>>): string {
  const entities = plan.entities.map((entity) => {
    const labels = labelsOf(entity, plan.language);
    return {
      plural: entity.plural,
      label: labels.one,
      labelPlural: labels.many,
      fields: entity.fields.map((field) => ({
        name: field.name,
        type: field.type,
        required: field.required,
        label: field.label ?? field.name,
      })),
    };
  });
  return String.raw`// The whole UI: a view per entity with a form to create or edit and a table to list and delete.
// Everything users typed is written with textContent, so it is shown as text and never run.

const APP_NAME = ${toJsonSource(plan.name)};
const LOCALE = ${toJsonSource(plan.language)};
const TEXT = ${toJsonSource(text)};
const ENTITIES = ${toJsonSource(entities)};
/** The table shows the first few fields; the form shows them all. */
const TABLE_COLUMNS = 4;

const $ = (selector) => document.querySelector(selector);
const view = {
  tabs: $("#tabs"), formTitle: $("#form-title"), form: $("#form"), fields: $("#fields"), save: $("#save"),
  cancel: $("#cancel"), status: $("#status"), listTitle: $("#list-title"), empty: $("#empty"),
  head: $("#table thead"), body: $("#table tbody"),
};
let current = ENTITIES[0];
let editing = null;
let loads = 0;

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

function entityFor(pathname) {
  const plural = pathname.replace(/^\/+|\/+$/g, "");
  return ENTITIES.find((entity) => entity.plural === plural) ?? ENTITIES[0];
}

function renderTabs() {
  view.tabs.replaceChildren(
    ...ENTITIES.map((entity) => {
      const link = element("a", { href: "/" + entity.plural, text: entity.labelPlural });
      if (entity === current) link.setAttribute("aria-current", "page");
      link.addEventListener("click", (event) => {
        event.preventDefault();
        history.pushState(null, "", "/" + entity.plural);
        select(entity);
      });
      return link;
    }),
  );
}

function inputFor(field) {
  const id = "field-" + field.name;
  if (field.type === "text") return element("textarea", { id, name: field.name, rows: 3, maxLength: 5000, required: field.required });
  const types = { boolean: "checkbox", integer: "number", number: "number", date: "date", email: "email" };
  const input = element("input", { id, name: field.name, type: types[field.type] ?? "text" });
  if (field.type === "boolean") return input;
  input.required = field.required;
  if (field.type === "integer") input.step = "1";
  if (field.type === "number") input.step = "any";
  if (field.type === "string") input.maxLength = 200;
  if (field.type === "email") input.maxLength = 254;
  return input;
}

function renderForm() {
  view.fields.replaceChildren(
    ...current.fields.map((field) => {
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
  view.formTitle.textContent = TEXT.create + ": " + current.label;
  view.save.textContent = TEXT.save;
  view.cancel.hidden = true;
}

function clearErrors() {
  for (const node of view.fields.querySelectorAll(".error")) node.textContent = "";
  for (const node of view.fields.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function readForm() {
  const value = {};
  for (const field of current.fields) {
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
  for (const field of current.fields) {
    const input = view.form.elements.namedItem(field.name);
    if (field.type === "boolean") input.checked = record[field.name] === true;
    else input.value = record[field.name] ?? "";
  }
  view.formTitle.textContent = TEXT.edit + ": " + current.label;
  view.save.textContent = TEXT.saveChanges;
  view.cancel.hidden = false;
  view.form.querySelector("input, textarea")?.focus();
}

function show(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "boolean") return value ? TEXT.yes : TEXT.no;
  if (field.type === "number" || field.type === "integer") return Number(value).toLocaleString(LOCALE);
  const text = String(value);
  return text.length > 80 ? text.slice(0, 79) + "…" : text;
}

function renderTable(records) {
  const columns = current.fields.slice(0, TABLE_COLUMNS);
  view.head.replaceChildren(
    element("tr", {}, [...columns.map((field) => element("th", { scope: "col", text: field.label })), element("th", { scope: "col", text: TEXT.actions })]),
  );
  view.body.replaceChildren(
    ...records.map((record) => {
      const edit = element("button", { type: "button", className: "secondary", text: TEXT.edit });
      edit.addEventListener("click", () => startEditing(record));
      const remove = element("button", { type: "button", className: "danger", text: TEXT.delete });
      remove.addEventListener("click", () => removeRecord(record));
      const cells = columns.map((field) => element("td", { text: show(field, record[field.name]) }));
      return element("tr", {}, [...cells, element("td", { className: "row-actions" }, [edit, remove])]);
    }),
  );
  view.empty.hidden = records.length > 0;
}

function setStatus(message, isError = false) {
  view.status.textContent = message;
  view.status.classList.toggle("failed", isError);
}

async function refresh() {
  const load = ++loads;
  const entity = current;
  try {
    const records = await api("GET", "/api/" + entity.plural);
    // A slower answer for a view the user already left must not overwrite the new one.
    if (load === loads) renderTable(records);
  } catch (error) {
    if (load === loads) setStatus(error.message, true);
  }
}

async function removeRecord(record) {
  if (!confirm(TEXT.confirmDelete)) return;
  try {
    await api("DELETE", "/api/" + current.plural + "/" + record.id);
    if (editing === record.id) resetForm();
    setStatus(TEXT.deleted);
  } catch (error) {
    setStatus(error.message, true);
  }
  await refresh();
}

function select(entity) {
  current = entity;
  document.title = entity.labelPlural + " · " + APP_NAME;
  view.listTitle.textContent = entity.labelPlural;
  setStatus("");
  renderTabs();
  renderForm();
  view.body.replaceChildren();
  view.empty.hidden = true;
  refresh();
}

view.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors();
  const path = "/api/" + current.plural;
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
    setStatus(error.message, true);
  }
  await refresh();
});

view.cancel.addEventListener("click", resetForm);
window.addEventListener("popstate", () => select(entityFor(location.pathname)));
select(entityFor(location.pathname));
`;
}
