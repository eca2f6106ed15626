/**
 * The structured changes the offline model can make to a project, as operations on its plan.
 * The project is then generated again from the new plan (project.ts), so every file a change
 * touches (routes, validation, screens, tests, README) follows it, and nothing else moves.
 */
import type { Entity, Field, FieldType, Plan } from "../plan";
import { planSchema } from "../plan";
import { describe, endpoints } from "./derive-plan";
import type { Language } from "./grammar";
import { pluralLabel } from "./grammar";
import { toSlug } from "./text";

export type PlanOp =
  | { op: "addEntity"; entity: Entity }
  | { op: "removeEntity"; entity: string }
  | { op: "addField"; entity: string; field: Field }
  | { op: "removeField"; entity: string; field: string }
  | { op: "renameField"; entity: string; field: string; to: string; label: string }
  | { op: "setFieldType"; entity: string; field: string; type: FieldType }
  | { op: "setRequired"; entity: string; field: string; required: boolean }
  | { op: "renameApp"; name: string }
  | { op: "readmeLanguage"; language: Language };

/** The offline model has as many tabs as fit one screen; the schema allows 12. */
export const MAX_BLUEPRINT_ENTITIES = 8;
const MAX_FIELDS = 30;

/** An operation that cannot apply to this plan; `message` is worded for the user, in their language. */
export class PlanEditError extends Error {
  override readonly name = "PlanEditError";
}

type Say = (es: string, en: string) => string;

function entityOf(plan: Plan, name: string, say: Say): Entity {
  const entity = plan.entities.find((item) => item.name === name);
  if (!entity) throw new PlanEditError(say(`no hay ninguna entidad «${name}»`, `there is no entity "${name}"`));
  return entity;
}

function fieldOf(entity: Entity, name: string, say: Say): Field {
  const field = entity.fields.find((item) => item.name === name);
  if (!field) throw new PlanEditError(say(`«${entity.name}» no tiene el campo «${name}»`, `"${entity.name}" has no field "${name}"`));
  return field;
}

function apply(plan: Plan, op: PlanOp, say: Say): Plan {
  const mapEntity = (name: string, change: (entity: Entity) => Entity): Plan => {
    entityOf(plan, name, say);
    return { ...plan, entities: plan.entities.map((entity) => (entity.name === name ? change(entity) : entity)) };
  };
  const mapField = (entityName: string, fieldName: string, change: (field: Field) => Field): Plan =>
    mapEntity(entityName, (entity) => {
      fieldOf(entity, fieldName, say);
      return { ...entity, fields: entity.fields.map((field) => (field.name === fieldName ? change(field) : field)) };
    });
  switch (op.op) {
    case "addEntity": {
      const taken = plan.entities.find((entity) => entity.name === op.entity.name || entity.plural === op.entity.plural);
      if (taken) throw new PlanEditError(say(`ya existe la entidad «${taken.name}»`, `the entity "${taken.name}" already exists`));
      if (plan.entities.length >= MAX_BLUEPRINT_ENTITIES) {
        throw new PlanEditError(
          say(
            `el modelo sin conexión admite ${MAX_BLUEPRINT_ENTITIES} entidades como mucho`,
            `the offline model keeps at most ${MAX_BLUEPRINT_ENTITIES} entities`,
          ),
        );
      }
      return { ...plan, entities: [...plan.entities, op.entity] };
    }
    case "removeEntity":
      entityOf(plan, op.entity, say);
      if (plan.entities.length === 1)
        throw new PlanEditError(say("una app necesita al menos una entidad", "an app needs at least one entity"));
      return { ...plan, entities: plan.entities.filter((entity) => entity.name !== op.entity) };
    case "addField":
      return mapEntity(op.entity, (entity) => {
        if (entity.fields.some((field) => field.name === op.field.name)) {
          throw new PlanEditError(
            say(`«${entity.name}» ya tiene el campo «${op.field.name}»`, `"${entity.name}" already has a field "${op.field.name}"`),
          );
        }
        if (entity.fields.length >= MAX_FIELDS)
          throw new PlanEditError(
            say(`«${entity.name}» ya tiene ${MAX_FIELDS} campos`, `"${entity.name}" already has ${MAX_FIELDS} fields`),
          );
        return { ...entity, fields: [...entity.fields, op.field] };
      });
    case "removeField":
      return mapEntity(op.entity, (entity) => {
        fieldOf(entity, op.field, say);
        if (entity.fields.length === 1) {
          throw new PlanEditError(say(`«${entity.name}» necesita al menos un campo`, `"${entity.name}" needs at least one field`));
        }
        return { ...entity, fields: entity.fields.filter((field) => field.name !== op.field) };
      });
    case "renameField":
      return mapEntity(op.entity, (entity) => {
        fieldOf(entity, op.field, say);
        if (op.to !== op.field && entity.fields.some((field) => field.name === op.to)) {
          throw new PlanEditError(say(`«${entity.name}» ya tiene el campo «${op.to}»`, `"${entity.name}" already has a field "${op.to}"`));
        }
        return {
          ...entity,
          fields: entity.fields.map((field) => (field.name === op.field ? { ...field, name: op.to, label: op.label } : field)),
        };
      });
    case "setFieldType":
      return mapField(op.entity, op.field, (field) => ({ ...field, type: op.type }));
    case "setRequired":
      return mapField(op.entity, op.field, (field) => ({ ...field, required: op.required }));
    case "renameApp":
      return { ...plan, name: op.name, slug: toSlug(op.name, plan.slug) };
    case "readmeLanguage": {
      const { readmeLanguage: _previous, ...rest } = plan;
      return op.language === plan.language ? rest : { ...rest, readmeLanguage: op.language };
    }
  }
}

/** The blueprint's own summary quotes the idea: `«idea»: ...` or `"idea": ...`. */
const QUOTED_IDEA = /^(?:«([^»]*)»|"([^"]*)"): /;

/**
 * What follows from the entities: the CRUD routes and pages of each, and the summary that names
 * them. Routes and pages of the blueprint's own shape are derived again; any other a plan has
 * (written by another model) are kept unless they belong to an entity that is gone.
 */
function derived(before: Plan, after: Plan): Plan {
  const language = after.language;
  const gone = before.entities.filter((old) => !after.entities.some((entity) => entity.name === old.name));
  const ownedByGone = (path: string) =>
    gone.some((entity) => path === `/api/${entity.plural}` || path.startsWith(`/api/${entity.plural}/`));
  const standard = new Set(endpoints(before.entities, language).map((endpoint) => `${endpoint.method} ${endpoint.path}`));
  const extraApi = before.api.filter((endpoint) => !standard.has(`${endpoint.method} ${endpoint.path}`) && !ownedByGone(endpoint.path));
  const entityPages = new Set(before.entities.map((entity) => `/${entity.plural}`));
  const extraPages = before.pages.filter((page) => page.path !== "/" && !entityPages.has(page.path));
  const home = before.pages.find((page) => page.path === "/");
  const idea = QUOTED_IDEA.exec(before.summary);
  const es = language === "es";
  return {
    ...after,
    summary: idea ? describe(idea[1] ?? idea[2] ?? "", after.entities, language) : after.summary,
    api: [...endpoints(after.entities, language), ...extraApi],
    pages: [
      {
        path: "/",
        title: after.name.slice(0, 80),
        description: home?.description ?? (es ? "Inicio: la primera colección" : "Home: the first collection"),
      },
      ...after.entities.map((entity) => ({
        path: `/${entity.plural}`,
        title: pluralLabel(entity.label ?? entity.name, language),
        description: es ? "Listado, alta, edición y borrado" : "List, create, edit and delete",
      })),
      ...extraPages,
    ].slice(0, 30),
  };
}

/**
 * The plan after `ops`, in order, checked against the plan's schema like any architect's answer.
 * Throws `PlanEditError` (worded in `language`, the instruction's) when one cannot apply.
 */
export function applyPlanOps(plan: Plan, ops: readonly PlanOp[], language: Language): Plan {
  const say: Say = (es, en) => (language === "es" ? es : en);
  let next = plan;
  for (const op of ops) next = apply(next, op, say);
  const entitiesChanged = JSON.stringify(next.entities) !== JSON.stringify(plan.entities);
  const renamed = next.name !== plan.name;
  const result = entitiesChanged || renamed ? derived(plan, next) : next;
  const checked = planSchema.safeParse(result);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new PlanEditError(
      say(`el plan cambiado no es válido: ${issue?.message ?? ""}`, `the changed plan is not valid: ${issue?.message ?? ""}`),
    );
  }
  return checked.data;
}
