/**
 * The security role in an edit run: it re-audits only the files the edit changed. The scanner runs
 * over them before and after the auditor's fixes, and when it found anything (or the auditor fixed
 * something) SECURITY_AUDIT.md gains a section for the run; otherwise the report stays as it was.
 */
import { safePath } from "../files/limits";
import { parseFiles } from "../files/parser";
import type { SourceFile } from "../files/source-file";
import type { FollowUp, RoleTask } from "../models/model";
import type { Plan } from "../plan";
import { AUDIT_PATH, scanSection } from "../security/report";
import { scanSources } from "../security/scanner";
import { answer } from "./answer";
import type { AnswerContext } from "./answer";
import { reauditRequest } from "./prompts";

export interface ReauditOutcome {
  /** Files the auditor fixed (only ever among the changed ones), and SECURITY_AUDIT.md when it gains a section. */
  changed: Map<string, string>;
  findings: number;
}

const HEADING = { es: "## Revisión tras el cambio", en: "## Review after the change" } as const;

/**
 * `files` is the project as the editor left it; `changed` the paths it changed. `label` names the
 * run in the report's new section (`r2`).
 */
export async function reaudit(
  ctx: AnswerContext,
  input: { idea: string; plan: Plan; followUp: FollowUp; files: readonly SourceFile[]; changed: readonly string[]; label: string },
): Promise<ReauditOutcome> {
  const audited = new Set(input.changed.filter((path) => path !== AUDIT_PATH));
  const current = new Map(input.files.map((file) => [file.path, file.content]));
  const before = scanSources(input.files.filter((file) => audited.has(file.path)));
  const task: RoleTask & { plan: Plan; changed: string[] } = {
    role: "security",
    idea: input.idea,
    plan: input.plan,
    produced: [],
    sources: [...input.files],
    findings: before,
    followUp: input.followUp,
    changed: [...audited],
  };
  const text = await answer(ctx, reauditRequest(task));
  const changed = new Map<string, string>();
  for (const file of parseFiles(text)) {
    const path = safePath(file.path);
    // Only what the edit changed is re-audited; the rest was audited when it was written.
    if (!file.complete || !audited.has(path) || current.get(path) === file.content) continue;
    changed.set(path, file.content);
  }
  const after = scanSources([...audited].map((path) => ({ path, content: changed.get(path) ?? current.get(path) ?? "" })));
  const report = current.get(AUDIT_PATH);
  if (report !== undefined && (before.length > 0 || after.length > 0 || changed.size > 0)) {
    const language = input.plan.language;
    const fixed = [...changed.keys()].map((path) => `\`${path}\``).join(", ");
    const intro =
      language === "es"
        ? `Ejecución ${input.label}: se revisaron los archivos cambiados.${fixed ? ` Corregidos: ${fixed}.` : ""}`
        : `Run ${input.label}: the changed files were reviewed.${fixed ? ` Fixed: ${fixed}.` : ""}`;
    const section = scanSection(before, after, language).replace(/^## /, "### ");
    changed.set(AUDIT_PATH, `${report.trimEnd()}\n\n${HEADING[language]} (${input.label})\n\n${intro}\n\n${section}`);
  }
  return { changed, findings: before.length };
}
