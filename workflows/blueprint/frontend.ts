/**
 * The frontend role, offline: a static page with no build step and no framework, served by the
 * backend from public/. The page is a shell; app.js fills it from the plan's entities.
 */
import type { Plan } from "../plan";
import { renderApp } from "./frontend-app";
import type { GeneratedFile } from "./layout";
import { FRONTEND_FILES } from "./layout";
import { escapeHtml } from "./text";

const APP_TEXT = {
  es: {
    create: "Nuevo",
    edit: "Editar",
    save: "Guardar",
    saveChanges: "Guardar cambios",
    delete: "Borrar",
    created: "Guardado.",
    updated: "Cambios guardados.",
    deleted: "Borrado.",
    confirmDelete: "¿Borrar este registro? No se puede deshacer.",
    yes: "Sí",
    no: "No",
    actions: "Acciones",
    failed: "No se pudo completar la operación.",
    offline: "No se pudo conectar con el servidor.",
    details: "Ver",
    related: "Relacionados",
    rules: "Reglas",
    approve: "Aprobar",
    approved: "Aprobado",
    pending: "Pendiente",
    shortLink: "Enlace corto",
    choose: "Elige…",
    nothing: "Nada que mostrar.",
    group: "Grupo",
    period: "Periodo",
    value: "Valor",
    count: "Registros",
    person: "Quién",
    paid: "Pagado",
    share: "Le toca",
    balance: "Saldo",
    owes: "debe",
    to: "a",
    total: "Total",
  },
  en: {
    create: "New",
    edit: "Edit",
    save: "Save",
    saveChanges: "Save changes",
    delete: "Delete",
    created: "Saved.",
    updated: "Changes saved.",
    deleted: "Deleted.",
    confirmDelete: "Delete this record? This cannot be undone.",
    yes: "Yes",
    no: "No",
    actions: "Actions",
    failed: "The operation could not be completed.",
    offline: "Could not reach the server.",
    details: "View",
    related: "Related",
    rules: "Rules",
    approve: "Approve",
    approved: "Approved",
    pending: "Pending",
    shortLink: "Short link",
    choose: "Choose…",
    nothing: "Nothing to show.",
    group: "Group",
    period: "Period",
    value: "Value",
    count: "Records",
    person: "Who",
    paid: "Paid",
    share: "Share",
    balance: "Balance",
    owes: "owes",
    to: "to",
    total: "Total",
  },
} as const;

const TEXT = {
  es: {
    sections: "Secciones",
    rules: "Reglas",
    cancel: "Cancelar",
    empty: "Todavía no hay nada aquí: crea el primero con el formulario.",
    noScript: "Esta aplicación necesita JavaScript.",
  },
  en: {
    sections: "Sections",
    rules: "Rules",
    cancel: "Cancel",
    empty: "Nothing here yet: create the first one with the form.",
    noScript: "This app needs JavaScript.",
  },
} as const;

function indexHtml(plan: Plan): string {
  const text = TEXT[plan.language];
  const name = escapeHtml(plan.name);
  return `<!doctype html>
<html lang="${plan.language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="description" content="${escapeHtml(plan.summary)}">
    <title>${name}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/styles.css">
    <script type="module" src="/app.js"></script>
  </head>
  <body>
    <header class="top">
      <h1>${name}</h1>
      <nav id="tabs" aria-label="${text.sections}"></nav>
    </header>
    <noscript><p class="notice">${text.noScript}</p></noscript>
    <main>
      <section class="panel" id="form-panel" aria-labelledby="form-title">
        <h2 id="form-title"></h2>
        <form id="form">
          <div id="fields"></div>
          <div class="actions">
            <button type="submit" id="save"></button>
            <button type="button" id="cancel" class="secondary" hidden>${text.cancel}</button>
          </div>
        </form>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="rules" hidden>
          <h3>${text.rules}</h3>
          <ul id="rule-list"></ul>
        </div>
      </section>
      <section class="panel" aria-labelledby="list-title">
        <h2 id="list-title"></h2>
        <p id="empty" class="muted" hidden>${text.empty}</p>
        <div class="table-wrap">
          <table id="table">
            <thead></thead>
            <tbody></tbody>
          </table>
        </div>
        <div id="extra"></div>
        <div id="related" hidden>
          <h3 id="related-title"></h3>
          <div id="related-lists"></div>
        </div>
      </section>
    </main>
  </body>
</html>
`;
}

const STYLES = `/* One light and one dark palette; everything else is spacing and type. */
:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --text: #1d2433;
  --muted: #5f6b7a;
  --border: #d9dee5;
  --accent: #2f6fed;
  --accent-text: #ffffff;
  --danger: #c62828;
  --radius: 10px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.5;
}

@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151b;
    --surface: #1b2029;
    --text: #e6e9ef;
    --muted: #9aa4b2;
    --border: #2d3440;
    --accent: #6c9bff;
    --accent-text: #0b1020;
    --danger: #ff6b6b;
  }
}

* { box-sizing: border-box; }

body { margin: 0; background: var(--bg); color: var(--text); }

.top { padding: 1.5rem clamp(1rem, 4vw, 3rem) 0; }
.top h1 { margin: 0 0 1rem; font-size: 1.6rem; }

nav { display: flex; flex-wrap: wrap; gap: 0.25rem; border-bottom: 1px solid var(--border); }
nav a {
  padding: 0.5rem 0.9rem;
  color: var(--muted);
  text-decoration: none;
  border-bottom: 2px solid transparent;
}
nav a:hover { color: var(--text); }
nav a[aria-current="page"] { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }

main {
  display: grid;
  grid-template-columns: minmax(260px, 1fr) 2fr;
  gap: 1.5rem;
  padding: 1.5rem clamp(1rem, 4vw, 3rem) 3rem;
  align-items: start;
}
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
main:has(#form-panel[hidden]) { grid-template-columns: 1fr; }

.panel {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  padding: 1.25rem;
}
.panel h2 { margin: 0 0 1rem; font-size: 1.15rem; }

.field { display: grid; gap: 0.3rem; margin-bottom: 0.9rem; }
.field.check { grid-template-columns: auto 1fr; align-items: center; column-gap: 0.5rem; }
.field.check .error { grid-column: 1 / -1; }
label { font-weight: 500; font-size: 0.95rem; }

input, textarea, select {
  width: 100%;
  padding: 0.5rem 0.6rem;
  font: inherit;
  color: inherit;
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
}
input[type="checkbox"] { width: 1.1rem; height: 1.1rem; }
input:focus, textarea:focus, select:focus, button:focus-visible, nav a:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
[aria-invalid="true"] { border-color: var(--danger); }

.error { margin: 0; min-height: 0; color: var(--danger); font-size: 0.85rem; }
.error:empty { display: none; }

.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
button {
  padding: 0.45rem 0.9rem;
  font: inherit;
  border: 1px solid var(--accent);
  border-radius: 6px;
  background: var(--accent);
  color: var(--accent-text);
  cursor: pointer;
}
button.secondary { background: transparent; color: var(--accent); }
button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }

#status { min-height: 1.5em; margin: 0.75rem 0 0; color: var(--muted); }
#status.failed { color: var(--danger); }
.muted { color: var(--muted); }
.notice { margin: 1rem clamp(1rem, 4vw, 3rem); }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 0.55rem 0.5rem; text-align: left; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
td { overflow-wrap: anywhere; }
.row-actions { white-space: nowrap; display: flex; gap: 0.35rem; }
nav a.view { font-style: italic; }
#rules { margin-top: 1.25rem; border-top: 1px solid var(--border); padding-top: 0.75rem; }
#rules h3, #related h3 { font-size: 1rem; margin: 0 0 0.5rem; }
#rules li { margin-bottom: 0.4rem; color: var(--muted); }
#rules li strong { color: var(--text); }
#related { margin-top: 1.25rem; border-top: 1px solid var(--border); padding-top: 0.75rem; }
#related h4 { margin: 0.75rem 0 0.25rem; font-size: 0.95rem; }
#extra ul { padding-left: 1.2rem; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 999px; font-size: 0.8rem; border: 1px solid var(--border); }
.badge.ok { color: var(--accent); border-color: var(--accent); }
`;

export function frontendFiles(plan: Plan): GeneratedFile[] {
  return [
    { path: FRONTEND_FILES.html.path, content: indexHtml(plan) },
    { path: FRONTEND_FILES.app.path, content: renderApp(plan, APP_TEXT[plan.language]) },
    { path: FRONTEND_FILES.styles.path, content: STYLES },
  ];
}
