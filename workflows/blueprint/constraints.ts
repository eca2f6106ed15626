/**
 * Enumerations and constraints onto the entities: listed values become an enum field on the
 * record they were said of; "entre 0 y 10" and "del 1 al 5" bound the number said before them.
 */
import type { Entity, Field } from "../plan";
import type { Draft } from "./entities";
import { fieldPhraseAt } from "./field-phrase";
import { fieldWord } from "./field-words";
import type { Reading } from "./reading";
import type { Token } from "./tokens";
import { isWord } from "./tokens";
import { toIdentifier } from "./text";

type Sketch = Omit<Draft, "entity">;

/** The record an enumeration or range was said of: the clause's record, else the last one named before it. */
function ownerAt(reading: Reading, at: number, owner: string | undefined, drafts: readonly Sketch[]): number {
  const keys = drafts.map((draft) => draft.key);
  if (owner !== undefined && keys.includes(owner)) return keys.indexOf(owner);
  const before = reading.mentions.filter((item) => item.at < at && keys.includes(item.key));
  const last = before[before.length - 1];
  return last ? keys.indexOf(last.key) : -1;
}

function replaceOrAdd(entity: Entity, field: Field): Entity {
  const fields = entity.fields.some((item) => item.name === field.name)
    ? entity.fields.map((item) => (item.name === field.name ? field : item))
    : [...entity.fields, field];
  return { ...entity, fields: fields.slice(0, 30) };
}

export function applyEnums(entities: Entity[], drafts: readonly Sketch[], reading: Reading): Entity[] {
  const result = [...entities];
  for (const { owner, draft } of reading.enums) {
    const index = ownerAt(reading, draft.at, owner, drafts);
    const entity = result[index];
    if (!entity) continue;
    const values = draft.values.slice(0, 20);
    const transitions = draft.flow
      ? values.slice(0, -1).map((value, step) => ({ from: value, to: [values[step + 1] ?? value] }))
      : undefined;
    const field: Field = {
      name: toIdentifier(draft.name, "estado"),
      type: "enum",
      // Optional on input: a new record starts at the first value.
      required: false,
      label: draft.label,
      values,
      ...(transitions ? { transitions } : {}),
    };
    result[index] = replaceOrAdd(entity, field);
  }
  return result;
}

interface Range {
  at: number;
  min: number;
  max: number;
}

/** "between 0 and 10", "entre 0 y 10", "del 1 al 5", "from 1 to 5". */
function ranges(tokens: readonly Token[]): Range[] {
  const found: Range[] = [];
  for (let at = 0; at + 3 < tokens.length; at++) {
    const [open, low, join, high] = [tokens[at], tokens[at + 1], tokens[at + 2], tokens[at + 3]];
    if (!isWord(open) || !isWord(low) || !isWord(join) || !isWord(high)) continue;
    const pair = `${open.folded} ${join.folded}`;
    if (!/^(between and|entre y|del al|de a|from to|desde hasta)$/.test(pair)) continue;
    const min = Number(low.folded);
    const max = Number(high.folded);
    if (Number.isFinite(min) && Number.isFinite(max) && min <= max) found.push({ at, min, max });
  }
  return found;
}

export function applyConstraints(entities: Entity[], drafts: readonly Sketch[], reading: Reading): Entity[] {
  const result = [...entities];
  for (const range of ranges(reading.tokens)) {
    // The number this range bounds: the numeric attribute said just before it, else the record's score.
    let name: string | undefined;
    for (let at = range.at - 1; at >= Math.max(0, range.at - 6); at--) {
      const token = reading.tokens[at];
      const word = token && fieldWord(token.folded);
      if (word && (word.type === "integer" || word.type === "number")) {
        name = fieldPhraseAt(reading.tokens, at, reading.language)?.name;
        break;
      }
    }
    const index = ownerAt(reading, range.at, undefined, drafts);
    const owner = name === undefined ? result[index] : result.find((entity) => entity.fields.some((field) => field.name === name));
    if (!owner) continue;
    const field = owner.fields.find((item) =>
      name === undefined ? item.type === "number" || item.type === "integer" : item.name === name,
    );
    if (!field) continue;
    const whole = Number.isInteger(range.min) && Number.isInteger(range.max) && field.type === "integer";
    const bounded: Field = { ...field, min: range.min, max: range.max, ...(whole ? { type: "integer" } : {}) };
    const at = result.indexOf(owner);
    result[at] = replaceOrAdd(owner, bounded);
  }
  return result;
}
