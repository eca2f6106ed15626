/**
 * The structured changes the offline model can make to a project, as operations on its plan.
 * The project is then generated again from the new plan (project.ts), so every file a change
 * touches (routes, validation, screens, tests, README) follows it, and nothing else moves.
 */
import type { Entity, Field, FieldType, Plan, Rule } from "../plan";
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
    case "removeEntity": {
      entityOf(plan, op.entity, say);
      if (plan.entities.length === 1)
        throw new PlanEditError(say("una app necesita al menos una entidad", "an app needs at least one entity"));
      // Its rules go with it, and so do the fields that pointed at it.
      const entities = plan.entities
        .filter((entity) => entity.name !== op.entity)
        .map((entity) => withoutFields(entity, (field) => field.type === "reference" && field.entity === op.entity));
      const emptied = entities.find((entity) => entity.fields.length === 0);
      if (emptied) {
        throw new PlanEditError(
          say(
            `«${emptied.name}» se quedaría sin campos sin «${op.entity}»`,
            `"${emptied.name}" would have no fields left without "${op.entity}"`,
          ),
        );
      }
      return { ...plan, entities, rules: plan.rules.filter((rule) => rule.entity !== op.entity) };
    }
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
        return withoutFields(entity, (field) => field.name === op.field);
      });
    case "renameField": {
      const renamed = mapEntity(op.entity, (entity) => {
        fieldOf(entity, op.field, say);
        if (op.to !== op.field && entity.fields.some((field) => field.name === op.to)) {
          throw new PlanEditError(say(`«${entity.name}» ya tiene el campo «${op.to}»`, `"${entity.name}" already has a field "${op.to}"`));
        }
        const name = (field: string) => (field === op.field ? op.to : field);
        return {
          ...entity,
          fields: entity.fields.map((field) => (field.name === op.field ? { ...field, name: op.to, label: op.label } : field)),
          ...(entity.unique ? { unique: entity.unique.map((set) => set.map(name)) } : {}),
        };
      });
      // The entity's rules name the field too.
      return { ...renamed, rules: renamed.rules.map((rule) => (rule.entity === op.entity ? renameInRule(rule, op.field, op.to) : rule)) };
    }
    case "setFieldType":
      // What only a reference, an enum or a number has goes when the field stops being one.
      return mapField(op.entity, op.field, ({ entity: _entity, values: _values, transitions: _transitions, min, max, ...field }) => ({
        ...field,
        type: op.type,
        ...(NUMERIC.has(op.type) && min !== undefined ? { min } : {}),
        ...(NUMERIC.has(op.type) && max !== undefined ? { max } : {}),
      }));
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

const NUMERIC: ReadonlySet<FieldType> = new Set(["integer", "number"]);

/** The entity without the fields `drop` picks, and without the unique sets that named them. */
function withoutFields(entity: Entity, drop: (field: Field) => boolean): Entity {
  const gone = new Set(entity.fields.filter(drop).map((field) => field.name));
  if (gone.size === 0) return entity;
  const { unique, ...rest } = entity;
  const kept = (unique ?? []).filter((set) => !set.some((name) => gone.has(name)));
  return { ...rest, fields: entity.fields.filter((field) => !gone.has(field.name)), ...(kept.length > 0 ? { unique: kept } : {}) };
}

/** The rule with every mention of one of its entity's fields renamed. */
function renameInRule(rule: Rule, from: string, to: string): Rule {
  const name = (field: string) => (field === from ? to : field);
  switch (rule.type) {
    case "noOverlap":
      return {
        ...rule,
        start: name(rule.start),
        ...(rule.end === undefined ? {} : { end: name(rule.end) }),
        ...(rule.on === undefined ? {} : { on: name(rule.on) }),
        ...(rule.scope === undefined ? {} : { scope: name(rule.scope) }),
      };
    case "derivedList":
      return {
        ...rule,
        where: rule.where.map((condition) => ({
          ...condition,
          field: name(condition.field),
          ...(condition.otherField === undefined ? {} : { otherField: name(condition.otherField) }),
        })),
      };
    case "aggregate":
      return {
        ...rule,
        ...(rule.field === undefined ? {} : { field: name(rule.field) }),
        ...(rule.groupBy === undefined ? {} : { groupBy: name(rule.groupBy) }),
        ...(rule.period === undefined ? {} : { period: { ...rule.period, field: name(rule.period.field) } }),
      };
    case "onePer":
      return { ...rule, fields: rule.fields.map(name) };
    case "redirectAndCount":
      return { ...rule, code: name(rule.code), url: name(rule.url), count: name(rule.count) };
    case "approval":
      return { ...rule, field: name(rule.field) };
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
  const standard = new Set(endpoints(before.entities, before.rules, language).map((endpoint) => `${endpoint.method} ${endpoint.path}`));
  const extraApi = before.api.filter((endpoint) => !standard.has(`${endpoint.method} ${endpoint.path}`) && !ownedByGone(endpoint.path));
  const entityPages = new Set(before.entities.map((entity) => `/${entity.plural}`));
  const extraPages = before.pages.filter((page) => page.path !== "/" && !entityPages.has(page.path));
  const home = before.pages.find((page) => page.path === "/");
  const idea = QUOTED_IDEA.exec(before.summary);
  const es = language === "es";
  return {
    ...after,
    summary: idea ? describe(idea[1] ?? idea[2] ?? "", after.entities, language) : after.summary,
    api: [...endpoints(after.entities, after.rules, language), ...extraApi],
    pages: [
      {
        path: "/",
        title: after.name.slice(0, 80),
        description: home?.description ?? (es ? "Inicio: la primera colección" : "Home: the first collection"),
      },
      ...after.entities.map((entity) => ({
        path: `/${entity.plural}`,
        title: entity.pluralLabel ?? pluralLabel(entity.label ?? entity.name, language),
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
  const entitiesChanged = JSON.stringify([next.entities, next.rules]) !== JSON.stringify([plan.entities, plan.rules]);
  const renamed = next.name !== plan.name;
  const result = entitiesChanged || renamed ? derived(plan, next) : next;
  const checked = planSchema.safeParse(result);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    // A rule that needs what the change takes away ("the field it counts", "the date it lists by").
    const rule = issue?.path[0] === "rules" && typeof issue.path[1] === "number" ? result.rules[issue.path[1]] : undefined;
    if (rule) {
      throw new PlanEditError(
        say(
          `la regla «${rule.label ?? rule.name}» lo necesita (${issue?.message ?? ""})`,
          `the rule "${rule.label ?? rule.name}" needs it (${issue?.message ?? ""})`,
        ),
      );
    }
    throw new PlanEditError(
      say(`el plan cambiado no es válido: ${issue?.message ?? ""}`, `the changed plan is not valid: ${issue?.message ?? ""}`),
    );
  }
  return checked.data;
}
