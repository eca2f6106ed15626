/** What every blueprint role returns before it is streamed: whole files, in writing order. */
import type { Plan } from "../../plan";
import { pluralLabel } from "./grammar";
import { capitalize } from "./text";

export interface GeneratedFile {
  path: string;
  content: string;
}

/** Entity labels for screens and docs, with fallbacks for plans written by other models. */
export function labelsOf(entity: Plan["entities"][number], language: Plan["language"]): { one: string; many: string } {
  const one = entity.label ?? capitalize(entity.name);
  return { one, many: pluralLabel(one, language) };
}
