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
  const recommended = new Map<ReportedFinding, string>();
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
      const reported = { ...finding, fix: repair.done, fixed: true };
      recommended.set(reported, finding.fix);
      return reported;
    }),
  );
  const replaced = [...changed].map((path): GeneratedFile => ({ path, content: working.get(path) ?? "" }));
  const touched = [...replaced, ...added].map((file) => file.path);
  // The checks again, over the files as delivered: a finding is fixed only if it is gone, so the
  // report's tables cannot disagree (fixed in one, still open in the other).
  const delivered = [...working].map(([path, content]) => ({ path, content }));
  const after = CHECKS.map((check) => check({ ...context, sources: delivered }));
  const stillOpen = new Set(after.flatMap((result) => result.findings.map((finding) => `${finding.file}\n${finding.what}`)));
  const settled = findings.map((finding) =>
    finding.fixed && stillOpen.has(`${finding.file}\n${finding.what}`)
      ? { ...finding, fix: recommended.get(finding) ?? finding.fix, fixed: false }
      : finding,
  );
  const report = renderReport(language, sources.length, results, after, settled, touched);
  return [{ path: AUDIT_PATH, content: report }, ...replaced, ...added];
}
