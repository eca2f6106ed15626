import { z } from "zod";
import type { ProjectView } from "../../shared/protocol";
import { PLAN_PATH } from "../../workflows/plan";

/**
 * What the gallery shows about a project, derived from the project itself: the main programming
 * language by bytes of code (as code hosts count it), and a one-paragraph summary from the
 * architect's plan, else the README, else the idea.
 */

const LANGUAGES: Record<string, string> = {
  js: "JavaScript",
  mjs: "JavaScript",
  cjs: "JavaScript",
  jsx: "JavaScript",
  ts: "TypeScript",
  tsx: "TypeScript",
  mts: "TypeScript",
  py: "Python",
  go: "Go",
  rs: "Rust",
  java: "Java",
  kt: "Kotlin",
  rb: "Ruby",
  php: "PHP",
  cs: "C#",
  swift: "Swift",
  dart: "Dart",
  vue: "Vue",
  svelte: "Svelte",
  html: "HTML",
  css: "CSS",
  sql: "SQL",
  sh: "Shell",
};

/** The language with the most bytes among recognised source files; "—" when there is none. */
export function mainLanguage(files: ReadonlyArray<{ path: string; size: number }>): string {
  const bytes = new Map<string, number>();
  for (const file of files) {
    const dot = file.path.lastIndexOf(".");
    const language = dot > file.path.lastIndexOf("/") ? LANGUAGES[file.path.slice(dot + 1).toLowerCase()] : undefined;
    if (language) bytes.set(language, (bytes.get(language) ?? 0) + file.size);
  }
  let best: [string, number] | null = null;
  for (const entry of bytes) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best?.[0] ?? "—";
}

export const MAX_SUMMARY = 300;
const planSummary = z.object({ summary: z.string().min(1) });

/** `texts` holds the contents of the plan and README if the project has them. */
export function summaryOf(view: Pick<ProjectView, "prompt">, texts: { plan?: string; readme?: string }): string {
  const fromPlan = texts.plan ? planSummary.safeParse(safeJson(texts.plan)) : null;
  const text = fromPlan?.success ? fromPlan.data.summary : texts.readme ? firstParagraph(texts.readme) : null;
  return clip(text || view.prompt);
}

export const SUMMARY_SOURCES = { plan: PLAN_PATH, readme: "README.md" } as const;

/** The first paragraph of prose in a README: not a heading, badge, list, code or table. */
function firstParagraph(markdown: string): string | null {
  const blocks = markdown.replace(/```[\s\S]*?```/g, "").split(/\r?\n\s*\r?\n/);
  for (const block of blocks) {
    const text = block.trim();
    if (!text || /^(#|!\[|\[!\[|[-*+] |\d+\. |\||>|<)/.test(text)) continue;
    return text.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "");
  }
  return null;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_SUMMARY ? `${flat.slice(0, MAX_SUMMARY - 1)}…` : flat;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
