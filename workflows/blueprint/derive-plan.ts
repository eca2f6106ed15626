/**
 * The architect, offline: reads the idea (reading.ts), turns what it names into entities with
 * references, enumerations and constraints (entities.ts, constraints.ts), recognises the rules
 * its wording asks for (rules-detect.ts), and says what it leaves out (not-built.ts). The result
 * is checked against `planSchema` like any model's plan would be.
 */
import type { Entity, Plan, Rule } from "../plan";
import { planSchema } from "../plan";
import { applyConstraints, applyEnums } from "./constraints";
import type { Draft } from "./entities";
import { MAX_ENTITIES, toEntity } from "./entities";
import type { Language } from "./grammar";
import { detectLanguage, pluralLabel } from "./grammar";
import { BACKEND_FILES, DEVOPS_FILES, FRONTEND_FILES, plannedFiles } from "./layout";
import { CONCEPTS, domainsIn, lookup, vocabularyLanguage } from "./lexicon";
import { itemNoun, mainNoun } from "./nouns";
import { notBuilt } from "./not-built";
import type { Mention, Reading } from "./reading";
import { read } from "./reading";
import { detectRules } from "./rules-detect";
import { ruleEndpoints } from "./rules-text";
import { titleOf } from "./title";
import { fold, toIdentifier, toSlug, words } from "./text";
import type { Word } from "./text";
import { nounOf } from "./words";

type Sketch = Omit<Draft, "entity">;

function mentionOfWord(word: Word, language: Language, at: number): Mention | undefined {
  const noun = nounOf({ at, original: word.original, folded: word.folded }, { language, poll: false });
  return noun ? { ...noun, at } : undefined;
}

/**
 * The entity a follow-up edit adds, named by `noun` ("proveedores", "suppliers"): a concept the
 * lexicon knows brings its usual fields, anything else the generic ones; fields in `language`.
 */
export function entityForNoun(noun: Word, language: Language): Entity {
  const generic: Word = language === "es" ? { folded: "elemento", original: "elemento" } : { folded: "item", original: "item" };
  const usable = toIdentifier(noun.folded, "") !== "" ? noun : generic;
  const mention = mentionOfWord(usable, language, 0) ?? mentionOfWord(generic, language, 0);
  if (!mention) throw new Error(`no entity can be made of "${noun.original}"`);
  const sketch: Sketch = { key: mention.key, mention, kind: mention.kind, position: 0, attributes: [], links: [] };
  return toEntity(sketch, new Map([[sketch.key, sketch]]), language);
}

/** Records named for sure: every mention but the tentative ones no other mention confirms. */
function sketches(reading: Reading, idea: string): Sketch[] {
  const { language } = reading;
  const confirmed = new Set(reading.mentions.filter((item) => !item.tentative).map((item) => item.key));
  const byKey = new Map<string, Sketch>();
  for (const found of reading.mentions) {
    if (!confirmed.has(found.key)) continue;
    const known = byKey.get(found.key);
    // A noun names a record better than the verb that implied it ("bookings" over "book").
    if (!known || (known.mention.fromVerb && !found.fromVerb)) {
      byKey.set(found.key, {
        key: found.key,
        mention: found,
        kind: found.kind,
        position: known?.position ?? found.at,
        attributes: known?.attributes ?? [],
        links: known?.links ?? [],
      });
    }
  }
  const named = byKey.size;
  const add = (found: Mention | undefined, position: number): void => {
    // One record per concept: the shop's "velas" are its products, no second "producto".
    const concept = found?.concept?.id;
    const taken = concept !== undefined && [...byKey.values()].some((draft) => draft.mention.concept?.id === concept);
    if (found && !byKey.has(found.key) && !taken) {
      byKey.set(found.key, { key: found.key, mention: found, kind: found.kind, position, attributes: [], links: [] });
    }
  };
  const all = words(idea);
  for (const item of domainsIn(all.map((word) => word.folded))) {
    // A shop's goods take their name from the idea: "tienda de velas" sells candles.
    const goods = item.item === undefined ? undefined : CONCEPTS.find((known) => known.id === item.item);
    const sold = goods && itemNoun(idea, [...item.triggers.es, ...item.triggers.en], language);
    if (goods && sold && !lookup(sold.folded, language)) {
      const found = mentionOfWord(sold, language, all.indexOf(sold));
      const known = found && byKey.get(found.key);
      // Already named ("velas"): it is the shop's product, with a product's fields.
      if (known) known.mention = { ...known.mention, concept: goods, kind: goods.kind };
      else if (found && named <= 1) add({ ...found, key: goods.id, concept: goods, kind: goods.kind }, found.at);
    }
    // What a place implies, only when the idea names too little to build on.
    if (named <= 1) {
      for (const noun of item.implies[language]) {
        const hit = lookup(fold(noun), language);
        if (hit)
          add(
            {
              key: hit.concept.id,
              concept: hit.concept,
              kind: hit.concept.kind,
              singular: hit.noun,
              display: hit.display,
              plural: false,
              language: hit.language,
              at: Number.MAX_SAFE_INTEGER,
            },
            Number.MAX_SAFE_INTEGER,
          );
      }
    }
  }
  if (byKey.size === 0) {
    const generic: Word = language === "es" ? { folded: "elemento", original: "elemento" } : { folded: "item", original: "item" };
    // A word with no Latin letters ("预订") cannot become an identifier: the generic noun stands in.
    const main = mainNoun(idea, language);
    const noun = main && toIdentifier(main.folded, "") !== "" ? main : generic;
    add(mentionOfWord(noun, language, 0) ?? mentionOfWord(generic, language, 0), 0);
  }
  for (const attribute of reading.attributes) {
    const owner = byKey.get(attribute.owner);
    if (owner && !owner.attributes.some((phrase) => phrase.name === attribute.phrase.name)) owner.attributes.push(attribute.phrase);
  }
  for (const link of reading.links) {
    const from = byKey.get(link.from);
    if (from && byKey.has(link.to) && !from.links.includes(link.to)) from.links.push(link.to);
  }
  // Array.prototype.sort is stable: equal positions keep the order they were found in.
  return [...byKey.values()].sort((a, b) => a.position - b.position).slice(0, MAX_ENTITIES);
}

function joinList(items: readonly string[], language: Language): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "es" ? "y" : "and"} ${items[items.length - 1] ?? ""}`;
}

/** The plan's summary: the idea, quoted, and what the app keeps. */
export function describe(idea: string, entities: readonly Entity[], language: Language): string {
  const quoted = idea.replace(/\s+/g, " ").trim().slice(0, 300);
  const kept = joinList(
    entities.map((entity) => (entity.pluralLabel ?? pluralLabel(entity.label ?? entity.name, language)).toLocaleLowerCase()),
    language,
  );
  return language === "es"
    ? `«${quoted}»: aplicación web que gestiona ${kept}, con una API REST en Node.js sin dependencias y una interfaz web estática.`
    : `"${quoted}": a web app that manages ${kept}, with a zero-dependency Node.js REST API and a static web UI.`;
}

/**
 * `GET /health`, the six CRUD routes of every entity, each reference's list route and the rules'
 * routes, described in `language`.
 */
export function endpoints(entities: readonly Entity[], rules: readonly Rule[], language: Language): Plan["api"] {
  const es = language === "es";
  const api: Plan["api"] = [{ method: "GET", path: "/health", description: es ? "Estado del servicio" : "Service health" }];
  for (const entity of entities) {
    const base = `/api/${entity.plural}`;
    const label = (entity.label ?? entity.name).toLocaleLowerCase();
    const labels = (entity.pluralLabel ?? pluralLabel(label, language)).toLocaleLowerCase();
    api.push(
      { method: "GET", path: base, description: es ? `Lista ${labels}` : `List ${labels}` },
      { method: "POST", path: base, description: es ? `Crea ${label}` : `Create a ${label}` },
      { method: "GET", path: `${base}/:id`, description: es ? `Lee ${label}` : `Read a ${label}` },
      { method: "PUT", path: `${base}/:id`, description: es ? `Reemplaza ${label}` : `Replace a ${label}` },
      { method: "PATCH", path: `${base}/:id`, description: es ? `Modifica campos de ${label}` : `Update fields of a ${label}` },
      { method: "DELETE", path: `${base}/:id`, description: es ? `Borra ${label}` : `Delete a ${label}` },
    );
    for (const child of entities) {
      for (const field of child.fields) {
        if (field.type !== "reference" || field.entity !== entity.name) continue;
        const many = (child.pluralLabel ?? child.plural).toLocaleLowerCase();
        api.push({
          method: "GET",
          path: `${base}/:id/${child.plural}`,
          description: es ? `${capitalizeFirst(many)} de ${label}` : `The ${many} of a ${label}`,
        });
      }
    }
  }
  api.push(...ruleEndpoints(rules, entities, language));
  return api;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function derivePlan(idea: string, projectName?: string): Plan {
  const language = detectLanguage(idea, vocabularyLanguage);
  const reading = read(idea, language);
  const drafts = sketches(reading, idea);
  const byKey = new Map(drafts.map((draft) => [draft.key, draft]));
  let entities = drafts.map((draft) => toEntity(draft, byKey, language));
  entities = applyEnums(entities, drafts, reading);
  entities = applyConstraints(entities, drafts, reading);
  const detected = detectRules(reading, drafts, entities);
  entities = detected.entities;
  const rules = detected.rules;
  const requested = projectName?.replace(/\s+/g, " ").trim().slice(0, 80);
  const name = requested !== undefined && requested !== "" ? requested : titleOf(reading, entities, language);
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
    rules,
    notBuilt: notBuilt(reading, detected.handled, language),
    api: endpoints(entities, rules, language),
    pages: [
      { path: "/", title: name, description: es ? "Inicio: la primera colección" : "Home: the first collection" },
      ...entities.map((entity) => ({
        path: `/${entity.plural}`,
        title: entity.pluralLabel ?? pluralLabel(entity.label ?? entity.name, language),
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
