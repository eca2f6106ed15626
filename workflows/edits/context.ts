/**
 * Which files a follow-up run shows the model in full. A prompt cannot hold a whole project, and
 * should not: the files the instruction names (by path, by file name, or in a stack trace) come
 * first, then the ones that hold the entities, fields and words it mentions, within a budget. The
 * prompt always lists every path, so the model knows what else exists.
 */
import type { SourceFile } from "../files/source-file";
import type { FollowUp } from "../models/model";
import { PLAN_PATH } from "../plan";
import type { Plan } from "../plan";

export interface ContextLimits {
  /** Characters of file content in one prompt (about a quarter as many tokens). */
  maxChars: number;
  /** A file longer than this is listed but never shown: an edit cannot quote half a file. */
  maxFileChars: number;
  maxFiles: number;
}

export const CONTEXT_LIMITS: ContextLimits = { maxChars: 60_000, maxFileChars: 30_000, maxFiles: 12 };

/** Lockfiles and reports say nothing about how the code works; the plan is in the prompt already. */
const NEVER_SHOWN = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|SECURITY_AUDIT\.md)$/;

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Mentioned as a path: `src/server.js`, `/app/src/server.js:12:5`, `file:///x/src/server.js`. */
function namesPath(text: string, path: string): boolean {
  return new RegExp(`(^|[\\s/'"\`(:])${escapeRegExp(path)}($|[\\s'"\`),:])`).test(text);
}

/** Mentioned by its file name only: `server.js`, "en app.js". */
function namesFile(text: string, path: string): boolean {
  const name = path.split("/").pop() ?? path;
  return name.includes(".") && new RegExp(`(^|[\\s'"\`(/])${escapeRegExp(name)}($|[\\s'"\`),:.])`).test(text);
}

/** Words worth looking for in files: identifiers and nouns, not "the" or "que". */
function keywords(text: string): string[] {
  const words = fold(text).match(/[a-z][a-z0-9_]{3,}/g) ?? [];
  return [...new Set(words)].filter((word) => !COMMON.has(word)).slice(0, 30);
}

const COMMON = new Set(
  `para pero como este esta estos estas cuando donde porque tiene tienen hace hacer quiero puede pueden debe deben sobre
  desde hasta todo todos toda todas cada otro otra mismo sido solo algo nada bien tambien archivo archivos codigo error
  with that this from have when where what which will would should could into them they their there here then than
  about also just only some more most such does done make made file files code error please`.split(/\s+/),
);

/** Names the plan gives things the instruction may mention: entities, their plurals and fields. */
function planNames(plan: Plan, text: string): string[] {
  const words = new Set(fold(text).match(/[a-z0-9]+/g) ?? []);
  const names: string[] = [];
  for (const entity of plan.entities) {
    const keys = [entity.name, entity.plural, entity.label ?? ""].map(fold);
    if (keys.some((key) => words.has(key))) names.push(entity.name, entity.plural);
    for (const field of entity.fields) {
      if (words.has(fold(field.name)) || words.has(fold(field.label ?? ""))) names.push(field.name);
    }
  }
  return names;
}

function score(file: SourceFile, text: string, names: readonly string[], words: readonly string[]): number {
  if (namesPath(text, file.path)) return 1000;
  if (namesFile(text, file.path)) return 500;
  const content = file.content;
  let points = 0;
  for (const name of names) if (content.includes(name)) points += 20;
  const folded = fold(content);
  for (const word of words) if (folded.includes(word)) points += 3;
  // Code over prose: an edit usually lands in code, and a README repeats every word of the plan.
  if (/\.(m?[jt]sx?|cjs|html?|css|vue|svelte|py|go|rs)$/.test(file.path)) points += 2;
  return points;
}

/**
 * The paths to show, most relevant first, within `limits`. Files the instruction names by path are
 * shown even past the file count (never past the character budget).
 */
export function selectSources(followUp: FollowUp, plan: Plan, files: readonly SourceFile[], limits = CONTEXT_LIMITS): string[] {
  const text = followUp.text;
  const names = planNames(plan, text);
  const words = keywords(text);
  const scored = files
    .filter((file) => file.path !== PLAN_PATH && !NEVER_SHOWN.test(file.path) && file.content.length <= limits.maxFileChars)
    .map((file) => ({ file, points: score(file, text, names, words) }));
  // Files named outright (a path, a stack trace) say where to look: then a shared word is not enough.
  const named = scored.some((entry) => entry.points >= 500);
  const relevant = scored.filter((entry) => entry.points > (named ? 19 : 2));
  // Nothing matched ("add dark mode"): the code itself is the best guess at what the change is about.
  const ranked = (relevant.length > 0 ? relevant : scored.filter((entry) => entry.points > 0)).sort(
    (a, b) => b.points - a.points || a.file.path.localeCompare(b.file.path),
  );
  const shown: string[] = [];
  let used = 0;
  for (const { file, points } of ranked) {
    if (used + file.content.length > limits.maxChars) continue;
    if (shown.length >= limits.maxFiles && points < 1000) break;
    shown.push(file.path);
    used += file.content.length;
  }
  return shown;
}
