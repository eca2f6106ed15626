/**
 * The architect, offline: reads the idea with the lexicon and writes the plan every later role
 * builds from. The result is checked against `planSchema` like any model's plan would be.
 */
import type { Entity, Field, Plan } from "../plan";
import { planSchema } from "../plan";
import type { ConceptField } from "./concept";
import { GENERIC_FIELDS } from "./concept";
import type { Language } from "./grammar";
import { STOPWORDS, detectLanguage, pluralLabel, pluralize, singularize } from "./grammar";
import { BACKEND_FILES, DEVOPS_FILES, FRONTEND_FILES, plannedFiles } from "./layout";
import type { Match } from "./lexicon";
import { CONCEPTS, domainsIn, lookup, vocabularyLanguage } from "./lexicon";
import { itemNoun, listedNouns, mainNoun } from "./nouns";
import type { Word } from "./text";
import { capitalize, fold, toIdentifier, toSlug, words } from "./text";

/** More tabs than this stops being one screen; the schema allows 12. */
const MAX_ENTITIES = 8;

interface Draft extends Entity {
  conceptId?: string;
}

/** Entities a domain implies come after every entity the idea names. */
const IMPLIED = Number.MAX_SAFE_INTEGER;

function toFields(fields: readonly ConceptField[], language: Language): Field[] {
  return fields.map((field) => ({
    name: field.name[language],
    type: field.type,
    required: field.required,
    label: field.label[language],
  }));
}

/** Plural as the user wrote it when they did ("ventas"), the grammar's otherwise. */
function pluralOf(singular: string, written: string | undefined, language: Language): string {
  return written !== undefined && written !== singular && written.startsWith(singular.slice(0, -1))
    ? written
    : pluralize(singular, language);
}

function fromMatch(hit: Match, written: Word | undefined, language: Language): Draft {
  const name = toIdentifier(hit.noun, "item");
  return {
    name,
    plural: toIdentifier(pluralOf(hit.noun, written?.folded, hit.language), `${name}s`),
    label: capitalize(hit.display),
    fields: toFields(hit.concept.fields, language),
    conceptId: hit.concept.id,
  };
}

function fromUnknown(word: Word, language: Language): Draft {
  // A word with no Latin letters ("预订") cannot become an identifier: use the generic noun.
  const usable = toIdentifier(word.folded, "") !== "";
  if (!usable) return fromUnknown(genericNoun(language), language);
  const singular = singularize(word.folded, language);
  const name = toIdentifier(singular, "item");
  // Keep the accents the user typed: "vehículos" -> "Vehículo", not "Vehiculo".
  const original = word.original.toLocaleLowerCase();
  const display = fold(original).startsWith(singular) ? original.slice(0, singular.length) : singular;
  return {
    name,
    plural: toIdentifier(pluralOf(singular, word.folded, language), `${name}s`),
    label: capitalize(display).slice(0, 60),
    fields: toFields(GENERIC_FIELDS, language),
  };
}

function genericNoun(language: Language): Word {
  return language === "es" ? { folded: "elemento", original: "elemento" } : { folded: "item", original: "item" };
}

/**
 * The entity a follow-up edit adds, named by `noun` ("proveedores", "suppliers"): a concept the
 * lexicon knows brings its usual fields, anything else the generic ones; fields in `language`.
 */
export function entityForNoun(noun: Word, language: Language): Entity {
  const hit = lookup(noun.folded, language);
  const { conceptId: _conceptId, ...entity } = hit ? fromMatch(hit, noun, language) : fromUnknown(noun, language);
  return entity;
}

/**
 * Entities in the order the idea names them (the first one is the app's home view), found in
 * order of confidence: known nouns, a shop's goods, what a domain implies, unknown listed nouns.
 */
function findEntities(idea: string, language: Language): Entity[] {
  const drafts: { draft: Draft; position: number }[] = [];
  const add = (draft: Draft, position: number): void => {
    const taken = drafts.some(
      ({ draft: other }) =>
        other.name === draft.name ||
        other.plural === draft.plural ||
        (draft.conceptId !== undefined && other.conceptId === draft.conceptId),
    );
    if (!taken && drafts.length < MAX_ENTITIES) drafts.push({ draft, position });
  };

  const all = words(idea);
  const positionOf = (word: Word): number => {
    const index = all.findIndex((other) => other.folded === word.folded);
    return index < 0 ? IMPLIED : index;
  };
  all.forEach((word, index) => {
    const hit = lookup(word.folded, language);
    if (hit) add(fromMatch(hit, word, language), index);
  });
  for (const item of domainsIn(all.map((word) => word.folded))) {
    const goods = item.item === undefined ? undefined : CONCEPTS.find((known) => known.id === item.item);
    const named = goods && itemNoun(idea, [...item.triggers.es, ...item.triggers.en], language);
    if (goods && named && !lookup(named.folded, language)) {
      add({ ...fromUnknown(named, language), fields: toFields(goods.fields, language), conceptId: goods.id }, positionOf(named));
    }
    for (const noun of item.implies[language]) {
      const hit = lookup(fold(noun), language);
      if (hit) add(fromMatch(hit, undefined, language), IMPLIED);
    }
  }
  for (const word of listedNouns(idea, language)) {
    if (!lookup(word.folded, language)) add(fromUnknown(word, language), positionOf(word));
  }
  if (drafts.length === 0) {
    const noun = mainNoun(idea, language);
    add(fromUnknown(noun ?? genericNoun(language), language), 0);
  }
  // Array.prototype.sort is stable: equal positions keep the order they were found in.
  return drafts.sort((a, b) => a.position - b.position).map(({ draft: { conceptId: _conceptId, ...entity } }) => entity);
}

const NAME_FILLER = new Set(
  `quiero necesito me gustaria crea creame crear haz hazme construye construir desarrolla genera dame una un la el
  app apps aplicacion web sitio pagina plataforma sistema simple sencilla sencillo pequena mini de para que
  i want need would like to build make create a an the application website site small please for that of
  platform system tool track manage organize organise keep log gestionar organizar llevar controlar administrar
  registrar mi mis my our nuestra nuestro`.split(/\s+/),
);

/** "Quiero una app de reservas para mi peluquería" -> "Reservas para mi peluquería". */
function nameFromIdea(idea: string, language: Language): string {
  const sentence = idea.split(/[.;!?\n]/).find((part) => part.trim() !== "") ?? "";
  const all = words(sentence);
  let start = 0;
  while (start < all.length && NAME_FILLER.has(all[start]?.folded ?? "")) start += 1;
  const picked = all.slice(start, start + 6);
  const dangling = (word: Word | undefined): boolean =>
    word !== undefined && (NAME_FILLER.has(word.folded) || STOPWORDS[language].has(word.folded));
  while (picked.length > 1 && dangling(picked[picked.length - 1])) picked.pop();
  const name = picked
    .map((word) => word.original)
    .join(" ")
    .slice(0, 80)
    .trim();
  return name === "" ? (language === "es" ? "Mi app" : "My app") : capitalize(name);
}

function joinList(items: readonly string[], language: Language): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "es" ? "y" : "and"} ${items[items.length - 1] ?? ""}`;
}

/** The plan's summary: the idea, quoted, and what the app keeps. */
export function describe(idea: string, entities: readonly Entity[], language: Language): string {
  const quoted = idea.replace(/\s+/g, " ").trim().slice(0, 300);
  const kept = joinList(
    entities.map((entity) => pluralLabel(entity.label ?? entity.name, language).toLocaleLowerCase()),
    language,
  );
  return language === "es"
    ? `«${quoted}»: aplicación web que gestiona ${kept}, con una API REST en Node.js sin dependencias y una interfaz web estática.`
    : `"${quoted}": a web app that manages ${kept}, with a zero-dependency Node.js REST API and a static web UI.`;
}

/** `GET /health` and the six CRUD routes of every entity, described in `language`. */
export function endpoints(entities: readonly Entity[], language: Language): Plan["api"] {
  const es = language === "es";
  const api: Plan["api"] = [{ method: "GET", path: "/health", description: es ? "Estado del servicio" : "Service health" }];
  for (const entity of entities) {
    const base = `/api/${entity.plural}`;
    const label = (entity.label ?? entity.name).toLocaleLowerCase();
    const labels = pluralLabel(label, language);
    api.push(
      { method: "GET", path: base, description: es ? `Lista ${labels}` : `List ${labels}` },
      { method: "POST", path: base, description: es ? `Crea ${label}` : `Create a ${label}` },
      { method: "GET", path: `${base}/:id`, description: es ? `Lee ${label}` : `Read a ${label}` },
      { method: "PUT", path: `${base}/:id`, description: es ? `Reemplaza ${label}` : `Replace a ${label}` },
      { method: "PATCH", path: `${base}/:id`, description: es ? `Modifica campos de ${label}` : `Update fields of a ${label}` },
      { method: "DELETE", path: `${base}/:id`, description: es ? `Borra ${label}` : `Delete a ${label}` },
    );
  }
  return api;
}

export function derivePlan(idea: string, projectName?: string): Plan {
  const language = detectLanguage(idea, vocabularyLanguage);
  const entities = findEntities(idea, language);
  const requested = projectName?.replace(/\s+/g, " ").trim().slice(0, 80);
  const name = requested !== undefined && requested !== "" ? requested : nameFromIdea(idea, language);
  const es = language === "es";
  return planSchema.parse({
    name,
    slug: toSlug(name, es ? "mi-app" : "my-app"),
    summary: describe(idea, entities, language),
    language,
    stack: {
      runtime: "Node.js 22",
      backend: es ? "node:http, sin dependencias" : "node:http, zero dependencies",
      frontend: es ? "HTML, CSS y JavaScript" : "HTML, CSS and JavaScript",
      database: es ? "En memoria + archivo JSON" : "In-memory + JSON file",
    },
    entities,
    api: endpoints(entities, language),
    pages: [
      { path: "/", title: name, description: es ? "Inicio: la primera colección" : "Home: the first collection" },
      ...entities.map((entity) => ({
        path: `/${entity.plural}`,
        title: pluralLabel(entity.label ?? entity.name, language),
        description: es ? "Listado, alta, edición y borrado" : "List, create, edit and delete",
      })),
    ],
    files: {
      backend: plannedFiles(BACKEND_FILES, language),
      frontend: plannedFiles(FRONTEND_FILES, language),
      devops: plannedFiles(DEVOPS_FILES, language),
    },
  });
}
