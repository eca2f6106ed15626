/**
 * The security role's vocabulary: a check reads the real sources and returns its verdict plus
 * findings; a finding may carry a repair, which the role applies to produce a replaced file.
 */
import type { SourceFile } from "../files/source-file";
import type { Severity } from "../security/rules";
import type { Language } from "./grammar";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

export interface Repair {
  path: string;
  /** The new content, or undefined when this file's shape is not one the repair understands. */
  apply(content: string): string | undefined;
  /** What was done, for the report. */
  done: string;
  /** Files the repair adds (a test that proves the fix), written only if the repair applied. */
  adds?: { path: string; content: string }[];
}

export interface Finding {
  severity: Severity;
  file: string;
  line?: number;
  what: string;
  /** The recommended fix; replaced by the repair's `done` when the repair applies. */
  fix: string;
  repair?: Repair;
}

export interface CheckResult {
  title: string;
  passed: boolean;
  detail: string;
  findings: Finding[];
}

export interface AuditContext {
  sources: readonly SourceFile[];
  language: Language;
  /** Picks the report language's string. */
  t(es: string, en: string): string;
}

export type Check = (context: AuditContext) => CheckResult;

export function isTest(path: string): boolean {
  return /(^|\/)(test|tests|__tests__)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
}

export function isCode(path: string): boolean {
  return /\.([cm]?[jt]s|[jt]sx|html?|vue|svelte)$/.test(path);
}

const BROWSER_DIR = /(^|\/)(public|static|web|dist)\//;

/** Code that runs on the server: everything but tests and the files served to browsers. */
export function serverSources(sources: readonly SourceFile[]): SourceFile[] {
  return sources.filter((file) => /\.[cm]?[jt]s$/.test(file.path) && !isTest(file.path) && !BROWSER_DIR.test(file.path));
}

/** Code that runs in the browser. */
export function browserSources(sources: readonly SourceFile[]): SourceFile[] {
  return sources.filter(
    (file) => isCode(file.path) && !isTest(file.path) && (BROWSER_DIR.test(file.path) || /\.(html?|[jt]sx|vue|svelte)$/.test(file.path)),
  );
}

export interface LineMatch {
  line: number;
  text: string;
  match: RegExpExecArray;
}

/** Lines matching a pattern, 1-based, skipping comment-only lines (a comment warning about eval is not eval). */
export function findLines(content: string, pattern: RegExp): LineMatch[] {
  const found: LineMatch[] = [];
  content.split("\n").forEach((text, index) => {
    if (/^\s*(\/\/|\*|\/\*|#)/.test(text)) return;
    const match = pattern.exec(text);
    if (match) found.push({ line: index + 1, text, match });
  });
  return found;
}

/** "src/a.js, src/b.js": where a check looked, for its detail column. */
export function listPaths(files: readonly SourceFile[]): string {
  return files.map((file) => file.path).join(", ");
}
