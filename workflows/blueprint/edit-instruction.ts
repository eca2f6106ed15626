/**
 * Reads an edit instruction, in Spanish or English, as operations on the plan: "añade un campo
 * teléfono a los clientes", "make the email of customers required", "rename the app to Agenda".
 * Anything it cannot read as one of the supported changes is refused with a message that says
 * what it can do; nothing is guessed.
 */
import type { Field, Plan } from "../plan";
import { entityForNoun } from "./derive-plan";
import { PlanEditError, applyPlanOps } from "./edit-ops";
import type { PlanOp } from "./edit-ops";
import type { FieldTarget, Phrase } from "./edit-words";
import {
  REQUIRED_PATTERN,
  TYPE_PATTERN,
  bareField,
  fieldName,
  findEntity,
  findField,
  findFieldTarget,
  newField,
  phrase,
  requiredOf,
  slice,
  typeOf,
  withoutFillers,
} from "./edit-words";
import type { Language } from "./grammar";
import { detectLanguage } from "./grammar";
import { FEATURE_WORDS, vocabularyLanguage } from "./lexicon";
import { words } from "./text";

export type ParsedInstruction = { ok: true; ops: PlanOp[] } | { ok: false; reason?: string };

/** What the offline model can change, worded for a refusal. */
export function offlineEditHelp(language: Language): string {
  return language === "es"
    ? "El modelo sin conexión (blueprint) solo hace estos cambios: añadir o quitar una entidad; añadir, quitar o renombrar un campo; " +
        "cambiar el tipo de un campo o si es obligatorio; renombrar la app; cambiar el idioma del README. " +
        "Por ejemplo: «añade un campo teléfono a los clientes», «haz opcional el email de los clientes», «renombra la app a Agenda». " +
        "Para cualquier otro cambio, usa un modelo de IA (joxcoder, openai o anthropic)."
    : "The offline model (blueprint) makes only these changes: add or remove an entity; add, remove or rename a field; " +
        "change a field's type or whether it is required; rename the app; switch the README's language. " +
        'For example: "add a phone field to customers", "make the customers\' email optional", "rename the app to Planner". ' +
        "For any other change, use an AI model (joxcoder, openai or anthropic).";
}

export function instructionLanguage(text: string): Language {
  return detectLanguage(text, vocabularyLanguage);
}

type Clause = (p: Phrase, plan: Plan, say: Say) => PlanOp[] | string | undefined;
type Say = (es: string, en: string) => string;

const unquote = (text: string) =>
  text
    .trim()
    .replace(/^["'«“`]+|["'»”`]+$/g, "")
    .trim();

function targetOrReason(target: FieldTarget, say: Say): { entity: string; field: Field } | string {
  if ("entity" in target) return { entity: target.entity.name, field: target.field };
  if (target.problem === "ambiguous") {
    return say(
      `el campo «${target.name}» está en ${target.where.join(", ")}: di de qué entidad`,
      `the field "${target.name}" is in ${target.where.join(", ")}: say which entity`,
    );
  }
  return say(`no encuentro el campo «${target.name}»`, `there is no field "${target.name}"`);
}

const readme: Clause = (p) => {
  if (!/\breadme\b/.test(p.folded)) return undefined;
  if (/\b(?:ingles|english)\b/.test(p.folded)) return [{ op: "readmeLanguage", language: "en" }];
  if (/\b(?:espanol|castellano|spanish)\b/.test(p.folded)) return [{ op: "readmeLanguage", language: "es" }];
  return undefined;
};

const APP = "(?:la app|la aplicacion|la web|el proyecto|the app|the application|the project|app|aplicacion|proyecto)";
const RENAME_APP = [
  new RegExp(`^(?:renombra|renombrar|rename|llama|call|name)\\s+(?:a\\s+)?${APP}\\s+(?:a|como|por|to|as)?\\s*(?<name>.+)$`, "d"),
  new RegExp(
    `^(?:cambia(?:le)?|cambiar|change)\\s+(?:el\\s+|the\\s+)?(?:nombre|name)\\s+(?:de|a|of)\\s+${APP}\\s+(?:a|por|to)\\s+(?<name>.+)$`,
    "d",
  ),
  new RegExp(`^(?:que\\s+)?${APP}\\s+(?:se llame|se llamara|should be called|is called|be called)\\s+(?<name>.+)$`, "d"),
];

const renameApp: Clause = (p) => {
  for (const pattern of RENAME_APP) {
    const at = pattern.exec(p.folded)?.indices?.groups?.name;
    if (!at) continue;
    const name = unquote(p.original.slice(at[0], at[1])).replace(/\s+/g, " ").slice(0, 80);
    if (name !== "") return [{ op: "renameApp", name }];
  }
  return undefined;
};

const REQ = `(?<req>${REQUIRED_PATTERN})`;
/** "make email optional in customers": whose may come after the adjective. */
const OWNER = "(?<owner>\\s+(?:in|on|for|of|en|de|del|para)\\s+.+)?";
const REQUIRED = [
  new RegExp(`^(?:haz|hacer|haga|pon|poner|marca|marcar|deja|dejar|make|mark|set)\\s+${REQ}\\s+(?<field>.+)$`, "d"),
  new RegExp(
    `^(?:haz|hacer|haga|pon|poner|marca|marcar|deja|dejar|make|mark|set)\\s+(?:que\\s+)?(?<field>.+?)\\s+(?:sea\\s+|be\\s+|as\\s+|como\\s+)?${REQ}${OWNER}$`,
    "d",
  ),
  new RegExp(
    `^(?:que\\s+)?(?<field>.+?)\\s+(?:debe ser|deberia ser|tiene que ser|sea|sera|es|should be|must be|be|is)\\s+${REQ}${OWNER}$`,
    "d",
  ),
];

const required: Clause = (p, plan, say) => {
  for (const pattern of REQUIRED) {
    const groups = pattern.exec(p.folded)?.indices?.groups;
    if (!groups?.field || !groups.req) continue;
    const value = requiredOf(p.folded.slice(groups.req[0], groups.req[1]));
    if (value === undefined) continue;
    const owner = groups.owner ? p.original.slice(groups.owner[0], groups.owner[1]) : "";
    const target = targetOrReason(findFieldTarget(plan, phrase(p.original.slice(groups.field[0], groups.field[1]) + owner)), say);
    if (typeof target === "string") return target;
    return [{ op: "setRequired", entity: target.entity, field: target.field.name, required: value }];
  }
  return undefined;
};

const TYPE = `(?<type>(?:(?:un|una|a|an)\\s+)?(?:(?:campo|field)\\s+)?(?:(?:de\\s+)?(?:tipo|type)\\s+)?(?:${TYPE_PATTERN}))`;
const TYPES = [
  new RegExp(
    `^(?:cambia|cambiar|change)\\s+(?:el\\s+|the\\s+)?(?:tipo|type)\\s+(?:de(?:l)?\\s+|of\\s+)?(?<field>.+?)\\s+(?:a|por|en|to)\\s+${TYPE}$`,
    "d",
  ),
  new RegExp(
    `^(?:haz|hacer|haga|convierte|convertir|make|turn|set)\\s+(?:que\\s+)?(?<field>.+?)\\s+(?:sea|en|into|be|to|as|a|an)\\s+${TYPE}(?:\\s+(?:field|campo))?$`,
    "d",
  ),
  new RegExp(`^(?:que\\s+)?(?<field>.+?)\\s+(?:debe ser|deberia ser|tiene que ser|sea|sera|should be|must be|be)\\s+${TYPE}$`, "d"),
  new RegExp(`^(?:cambia|cambiar|change)\\s+(?<field>.+?)\\s+(?:a|por|to)\\s+${TYPE}$`, "d"),
];

const fieldType: Clause = (p, plan, say) => {
  for (const pattern of TYPES) {
    const groups = pattern.exec(p.folded)?.indices?.groups;
    if (!groups?.field || !groups.type) continue;
    const type = typeOf(p.folded.slice(groups.type[0], groups.type[1]));
    if (!type) continue;
    const target = targetOrReason(findFieldTarget(plan, slice(p, groups.field[0], groups.field[1])), say);
    if (typeof target === "string") return target;
    return [{ op: "setFieldType", entity: target.entity, field: target.field.name, type }];
  }
  return undefined;
};

const RENAME_FIELD =
  /^(?:renombra|renombrar|rename|cambia(?:le)? el nombre (?:de(?:l)?|al?)|cambiar el nombre de(?:l)?|change the name of|cambia(?:r)? (?:el|los) campos?|change the field)\s+/;

const renameField: Clause = (p, plan, say) => {
  const verb = RENAME_FIELD.exec(p.folded);
  if (!verb) return undefined;
  const rest = slice(p, verb[0].length);
  let reason: string | undefined;
  for (const match of rest.folded.matchAll(/\s+(?:a|por|como|to|as)\s+/g)) {
    const named = fieldName(withoutFillers(slice(rest, match.index + match[0].length)));
    const target = targetOrReason(findFieldTarget(plan, slice(rest, 0, match.index)), say);
    if (typeof target === "string") {
      reason ??= target;
      continue;
    }
    if (!named) continue;
    return [{ op: "renameField", entity: target.entity, field: target.field.name, to: named.name, label: named.label }];
  }
  return reason;
};

const REMOVE =
  /^(?:quita(?:le|les)?|quitar|elimina(?:le|les)?|eliminar|borra(?:le|les)?|borrar|suprime|suprimir|saca|sacar|remove|delete|drop|get rid of)\s+/;
const ENTITY_MARK =
  /^(?:(?:la|las|el|los|the|an?|una?)\s+)?(?:entidad(?:es)?|tablas?|coleccion(?:es)?|secciones?|seccion|entity|entities|tables?|collections?|sections?)\b/;
const FIELD_MARK = /\b(?:campos?|atributos?|columnas?|propiedad(?:es)?|fields?|attributes?|columns?|propert(?:y|ies))\b/;
const LIST = /\s*,\s*|\s+(?:y|e|and)\s+/g;

/** A list phrase's items: "notas y teléfono", "name, email and phone". */
function items(p: Phrase): Phrase[] {
  const out: Phrase[] = [];
  let start = 0;
  for (const match of p.folded.matchAll(LIST)) {
    out.push(slice(p, start, match.index));
    start = match.index + match[0].length;
  }
  out.push(slice(p, start));
  return out.filter((item) => item.folded.trim() !== "");
}

const remove: Clause = (p, plan, say) => {
  const verb = REMOVE.exec(p.folded);
  if (!verb) return undefined;
  const rest = slice(p, verb[0].length);
  const entityOnly = findEntity(plan, rest);
  if (ENTITY_MARK.test(rest.folded) || (entityOnly && !FIELD_MARK.test(rest.folded))) {
    if (!entityOnly) return say(`no encuentro la entidad «${unquote(rest.original)}»`, `there is no entity "${unquote(rest.original)}"`);
    return [{ op: "removeEntity", entity: entityOnly.name }];
  }
  // "quita los campos notas y teléfono de los clientes": the list, then whose.
  for (const split of rest.folded.matchAll(/\s+(?:de la|de los|de las|del|de|from the|from|in the|in|of the|of)\s+/g)) {
    const entity = findEntity(plan, slice(rest, split.index + split[0].length));
    if (!entity) continue;
    const ops: PlanOp[] = [];
    for (const item of items(bareField(slice(rest, 0, split.index)))) {
      const field = findField(entity, item);
      if (!field)
        return say(
          `«${entity.name}» no tiene el campo «${unquote(item.original)}»`,
          `"${entity.name}" has no field "${unquote(item.original)}"`,
        );
      ops.push({ op: "removeField", entity: entity.name, field: field.name });
    }
    if (ops.length > 0) return ops;
  }
  const ops: PlanOp[] = [];
  for (const item of items(bareField(rest))) {
    const target = targetOrReason(findFieldTarget(plan, item), say);
    if (typeof target === "string") return target;
    ops.push({ op: "removeField", entity: target.entity, field: target.field.name });
  }
  return ops.length > 0
    ? ops
    : say(`no encuentro «${unquote(rest.original)}» en el plan`, `"${unquote(rest.original)}" is not in the plan`);
};

const ADD =
  /^(?:anade(?:le|les)?|anadir|agrega(?:le|les)?|agregar|incluye|incluir|mete(?:le|les)?|meter|pon(?:le|les)?|poner|crea|crear|add|include|create|insert|put)\s+/;
const TO_ENTITY =
  /\s+(?:a la|a los|a las|al|a|en la|en los|en las|en el|en|para la|para los|para las|para el|para|to the|to|on the|on|in the|in|for the|for)\s+/g;
const WITH_FIELDS = /\s+(?:con|with)\s+(?:(?:los|las|the)\s+)?(?:(?:campos?|fields?)\s+)?/;

/** One field of a list: "teléfono", "un campo precio de tipo número obligatorio", "a required number field price". */
function fieldSpec(item: Phrase): Field | undefined {
  let text = withoutFillers(item);
  let type: Field["type"] | undefined;
  let isRequired: boolean | undefined;
  const strip = (pattern: RegExp, take: (folded: string) => void): void => {
    const match = pattern.exec(text.folded);
    if (!match) return;
    take(match[1] ?? match[0]);
    text = phrase(`${text.original.slice(0, match.index)} ${text.original.slice(match.index + match[0].length)}`.replace(/\s+/g, " "));
  };
  strip(new RegExp(`\\s*\\((${TYPE_PATTERN}|${REQUIRED_PATTERN})\\)`), (word) => {
    type ??= typeOf(word);
    isRequired ??= requiredOf(word);
  });
  strip(new RegExp(`\\s*\\b(?:de tipo|del tipo|tipo|of type|type|como|as an?|as)\\s+(${TYPE_PATTERN})\\b`), (word) => {
    type = typeOf(word);
  });
  strip(new RegExp(`\\b(${REQUIRED_PATTERN})\\b`), (word) => {
    isRequired = requiredOf(word);
  });
  // English names the type before the noun: "a number field called price".
  strip(new RegExp(`\\b(${TYPE_PATTERN})\\s+(?=(?:field|campo)\\b)`), (word) => {
    type ??= typeOf(word);
  });
  return newField(bareField(text), type, isRequired);
}

function addFields(list: Phrase, entity: string, say: Say): PlanOp[] | string {
  const ops: PlanOp[] = [];
  for (const item of items(list)) {
    const field = fieldSpec(item);
    if (!field) return say(`no entiendo el campo «${unquote(item.original)}»`, `I cannot read the field "${unquote(item.original)}"`);
    ops.push({ op: "addField", entity, field });
  }
  return ops;
}

const add: Clause = (p, plan, say) => {
  const verb = ADD.exec(p.folded);
  if (!verb) return undefined;
  const rest = slice(p, verb[0].length);
  const lead = withoutFillers(rest);
  if (!ENTITY_MARK.test(lead.folded)) {
    // "añade a los clientes un campo teléfono": whose, then what.
    const first = /^(?:a la|a los|a las|al|a|to the|to)\s+/.exec(rest.folded);
    if (first) {
      const after = slice(rest, first[0].length);
      for (const match of after.folded.matchAll(/\s+/g)) {
        const entity = findEntity(plan, slice(after, 0, match.index));
        if (entity) return addFields(slice(after, match.index + match[0].length), entity.name, say);
      }
    }
    // "añade un campo teléfono a los clientes": what, then whose.
    for (const match of rest.folded.matchAll(TO_ENTITY)) {
      const entity = findEntity(plan, slice(rest, match.index + match[0].length));
      if (entity) return addFields(slice(rest, 0, match.index), entity.name, say);
    }
    if (FIELD_MARK.test(rest.folded)) {
      if (plan.entities.length === 1 && plan.entities[0]) return addFields(rest, plan.entities[0].name, say);
      return say("di a qué entidad añadir el campo («… a los clientes»)", 'say which entity gets the field ("… to customers")');
    }
  }
  const withAt = WITH_FIELDS.exec(lead.folded);
  const nounPart = withAt ? slice(lead, 0, withAt.index) : lead;
  const marker = ENTITY_MARK.exec(nounPart.folded);
  const noun = withoutFillers(marker ? slice(nounPart, marker[0].length) : nounPart);
  const named = withoutFillers(phrase(noun.original.replace(/^(?:de|llamada|llamado|called|named|for|of)\s+/i, "")));
  const head = words(unquote(named.original));
  const language = plan.language;
  // Spanish names the head noun first ("proveedores de fruta"), English last ("fruit suppliers").
  const word = language === "es" ? head[0] : head[head.length - 1];
  // "dark mode", "un botón de confirmación": how the app works, not what it keeps.
  if (!word || head.length > 3 || head.some((item) => FEATURE_WORDS.has(item.folded))) return undefined;
  if (findEntity(plan, named))
    return say(`ya existe la entidad «${unquote(named.original)}»`, `the entity "${unquote(named.original)}" already exists`);
  const entity = entityForNoun(word, language);
  if (withAt) {
    const fields = addFields(slice(lead, withAt.index + withAt[0].length), entity.name, say);
    if (typeof fields === "string") return fields;
    const list = fields.flatMap((op) => (op.op === "addField" ? [op.field] : []));
    return [
      { op: "addEntity", entity: { ...entity, fields: list.map((field, index) => (index === 0 ? { ...field, required: true } : field)) } },
    ];
  }
  return [{ op: "addEntity", entity }];
};

/** In order: the most specific wording first, so "make the email required" is not read as a type change. */
const CLAUSES: readonly Clause[] = [readme, renameApp, required, fieldType, renameField, remove, add];

/** Sentences and "and then" join separate changes; each must be one the offline model can make. */
const SEPARATOR = /\s*(?:[.;!\n]+\s*|\s(?:y luego|y despues|y ademas|y tambien|and then|and also)\s)/g;

function clauses(text: string): Phrase[] {
  const p = phrase(text.replace(/\s+/g, " "));
  const out: Phrase[] = [];
  let start = 0;
  for (const match of p.folded.matchAll(SEPARATOR)) {
    out.push(slice(p, start, match.index));
    start = match.index + match[0].length;
  }
  out.push(slice(p, start));
  return out
    .map((clause) => phrase(clause.original.replace(/^(?:por favor|please)[,\s]+|[,\s]+(?:por favor|please)$/gi, "")))
    .filter((clause) => clause.folded !== "");
}

/**
 * The plan operations an instruction asks for, or why the offline model cannot make them. Each
 * sentence is read against the plan as the sentences before it left it: "rename the field price
 * to cost. Make cost an integer" works.
 */
export function parseInstruction(instruction: string, plan: Plan): ParsedInstruction {
  const language = instructionLanguage(instruction);
  const say: Say = (es, en) => (language === "es" ? es : en);
  const ops: PlanOp[] = [];
  const parts = clauses(instruction);
  if (parts.length === 0) return { ok: false };
  let current = plan;
  for (const part of parts) {
    let outcome: PlanOp[] | string | undefined;
    for (const clause of CLAUSES) {
      outcome = clause(part, current, say);
      if (outcome !== undefined) break;
    }
    if (outcome === undefined) return { ok: false };
    if (typeof outcome === "string") return { ok: false, reason: outcome };
    try {
      current = applyPlanOps(current, outcome, language);
    } catch (err) {
      if (err instanceof PlanEditError) return { ok: false, reason: err.message };
      throw err;
    }
    ops.push(...outcome);
  }
  return { ok: true, ops };
}
