/** How rules read in Spanish and English: labels of entities and fields, agreement, lists. */
import type { Entity, Field } from "../plan";
import type { Language } from "./grammar";
import { pluralLabel } from "./grammar";

export function singularOf(entity: Entity): string {
  return (entity.label ?? entity.name).toLocaleLowerCase();
}

export function pluralOf(entity: Entity, language: Language): string {
  return (entity.pluralLabel ?? pluralLabel(entity.label ?? entity.name, language)).toLocaleLowerCase();
}

export function labelOf(field: Field): string {
  return (field.label ?? field.name).toLocaleLowerCase();
}

/** Spanish grammatical gender, by ending: "la reserva", "la inscripción", "el voto". */
export function feminine(word: string): boolean {
  const folded = word.toLocaleLowerCase();
  if (/^(dia|día|mapa|problema|tema|sistema|programa|idioma|clima)$/.test(folded)) return false;
  return /(a|ción|cion|sión|sion|dad|tad|tud|umbre|is)$/.test(folded) && !/ista$/.test(folded);
}

/** "un voto", "una asistencia". */
export function oneOf(word: string): string {
  return `${feminine(word) ? "una" : "un"} ${word}`;
}

/** "vencidos", "vencidas": an adjective agreeing with a Spanish plural noun. */
export function agree(stem: string, noun: string): string {
  return `${stem}${feminine(noun.replace(/s$/, "").replace(/e$/, "")) ? "as" : "os"}`;
}

export function joinAnd(items: readonly string[], language: Language): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${language === "es" ? "y" : "and"} ${items[items.length - 1] ?? ""}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** One line, at most 200 characters, as the plan's schema wants descriptions. */
export function line(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}
