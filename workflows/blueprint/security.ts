/**
 * The security role, offline: runs every check over the real sources, applies the repairs whose
 * target it recognises, and writes SECURITY_AUDIT.md plus each replaced or added file.
 */
import type { SourceFile } from "../files/source-file";
import type { AuditContext, Check } from "./audit";
import { containerUser, dependencies, envFiles } from "./audit-config";
import { dynamicCode, htmlInjection, secrets } from "./audit-code";
import { accessControl, bodyLimit, cors, errorLeaks, securityHeaders, staticFiles, writeValidation } from "./audit-server";
import type { Language } from "./grammar";
import type { GeneratedFile } from "./layout";
import type { ReportedFinding } from "./security-report";
import { renderReport } from "./security-report";
import { AUDIT_PATH } from "../security/report";

export const CHECKS: readonly Check[] = [
  securityHeaders,
  bodyLimit,
  writeValidation,
  staticFiles,
  dynamicCode,
  htmlInjection,
  secrets,
  cors,
  errorLeaks,
  accessControl,
  containerUser,
  envFiles,
  dependencies,
];

export function securityFiles(sources: readonly SourceFile[], language: Language): GeneratedFile[] {
  const context: AuditContext = { sources, language, t: (es, en) => (language === "es" ? es : en) };
  const results = CHECKS.map((check) => check(context));
  // Repairs run on a working copy, in check order, so two fixes to one file both land.
  const working = new Map(sources.map((file) => [file.path, file.content]));
  const changed = new Set<string>();
  const added: GeneratedFile[] = [];
  const findings: ReportedFinding[] = results.flatMap((result) =>
    result.findings.map((finding): ReportedFinding => {
      const repair = finding.repair;
      const current = repair === undefined ? undefined : working.get(repair.path);
      const next = repair === undefined || current === undefined ? undefined : repair.apply(current);
      if (repair === undefined || next === undefined) return { ...finding, fixed: false };
      working.set(repair.path, next);
      changed.add(repair.path);
      for (const file of repair.adds ?? []) {
        if (working.has(file.path)) continue;
        working.set(file.path, file.content);
        added.push(file);
      }
      return { ...finding, fix: repair.done, fixed: true };
    }),
  );
  const replaced = [...changed].map((path): GeneratedFile => ({ path, content: working.get(path) ?? "" }));
  const touched = [...replaced, ...added].map((file) => file.path);
  const report = renderReport(language, sources.length, results, findings, touched);
  return [{ path: AUDIT_PATH, content: report }, ...replaced, ...added];
}
