/** SECURITY_AUDIT.md: what was checked, what was found, and what the role changed. */
import type { CheckResult, Finding } from "./audit";
import type { Severity } from "../security/rules";
import { SEVERITIES } from "./audit";
import type { Language } from "./grammar";
import { markdownText } from "./text";

const TEXT = {
  es: {
    title: "Auditoría de seguridad",
    intro: (files: number) =>
      `Revisión automática del rol de seguridad de AUTOCREA (modelo sin conexión \`blueprint\`) sobre los ${files} archivos generados. Cada hallazgo sale de leer el código real; las correcciones aplicadas están en los archivos indicados.`,
    summary: "Resumen",
    severityHead: "| Severidad | Hallazgos | Corregidos |",
    findings: "Hallazgos",
    findingsHead: "| # | Severidad | Archivo | Qué | Corrección |",
    none: "Ningún hallazgo.",
    checks: "Comprobaciones",
    checksHead: "| Comprobación | Resultado | Detalle |",
    pass: "✅ correcto",
    fixed: "✅ corregido",
    fail: "⚠️ hallazgos",
    changed: "Archivos modificados o añadidos por esta auditoría",
    unchanged: "Ninguno.",
    scope: "Alcance",
    scopeBody: "Análisis estático por patrones: no sustituye a una revisión manual ni a pruebas de penetración.",
    severity: { critical: "crítica", high: "alta", medium: "media", low: "baja" } satisfies Record<Severity, string>,
  },
  en: {
    title: "Security audit",
    intro: (files: number) =>
      `Automatic review by AUTOCREA's security role (offline \`blueprint\` model) of the ${files} generated files. Every finding comes from reading the real code; the fixes applied are in the files listed.`,
    summary: "Summary",
    severityHead: "| Severity | Findings | Fixed |",
    findings: "Findings",
    findingsHead: "| # | Severity | File | What | Fix |",
    none: "No findings.",
    checks: "Checks",
    checksHead: "| Check | Result | Detail |",
    pass: "✅ pass",
    fixed: "✅ fixed",
    fail: "⚠️ findings",
    changed: "Files changed or added by this audit",
    unchanged: "None.",
    scope: "Scope",
    scopeBody: "Static, pattern-based analysis: it does not replace a manual review or penetration testing.",
    severity: { critical: "critical", high: "high", medium: "medium", low: "low" } satisfies Record<Severity, string>,
  },
} as const;

export interface ReportedFinding extends Finding {
  fixed: boolean;
}

export function renderReport(
  language: Language,
  scanned: number,
  checks: readonly CheckResult[],
  /** The same checks over the files as delivered, after this audit's fixes. */
  after: readonly CheckResult[],
  findings: readonly ReportedFinding[],
  changed: readonly string[],
): string {
  const t = TEXT[language];
  const ordered = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const where = (finding: Finding): string => `\`${finding.file}${finding.line === undefined ? "" : `:${finding.line}`}\``;
  const sections = [
    `# ${t.title}`,
    t.intro(scanned),
    `## ${t.summary}`,
    [
      t.severityHead,
      "| --- | --- | --- |",
      ...SEVERITIES.map((severity) => {
        const of = findings.filter((finding) => finding.severity === severity);
        return `| ${t.severity[severity]} | ${of.length} | ${of.filter((finding) => finding.fixed).length} |`;
      }),
    ].join("\n"),
    `## ${t.findings}`,
    ordered.length === 0
      ? t.none
      : [
          t.findingsHead,
          "| --- | --- | --- | --- | --- |",
          ...ordered.map(
            (finding, index) =>
              `| ${index + 1} | ${t.severity[finding.severity]} | ${where(finding)} | ${markdownText(finding.what)} | ${markdownText(finding.fix)} |`,
          ),
        ].join("\n"),
    `## ${t.checks}`,
    [
      t.checksHead,
      "| --- | --- | --- |",
      ...checks.map((check, index) => {
        const now = after[index] ?? check;
        const result = check.passed ? t.pass : now.passed ? t.fixed : t.fail;
        return `| ${markdownText(check.title)} | ${result} | ${markdownText(now.detail)} |`;
      }),
    ].join("\n"),
    `## ${t.changed}`,
    changed.length === 0 ? t.unchanged : changed.map((path) => `- \`${path}\``).join("\n"),
    `## ${t.scope}`,
    t.scopeBody,
  ];
  return `${sections.join("\n\n")}\n`;
}
