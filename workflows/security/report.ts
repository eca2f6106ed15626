import type { ScanFinding } from "./scanner";

/** Where the security role writes its report, whatever the model. */
export const AUDIT_PATH = "SECURITY_AUDIT.md";

const TEXT = {
  es: {
    heading: "## Análisis automático",
    intro: "Comprobaciones deterministas ejecutadas antes de la auditoría, y de nuevo sobre los archivos corregidos.",
    none: "Sin hallazgos antes ni después de la auditoría.",
    columns: "| Gravedad | Archivo | Línea | Hallazgo | Tras la auditoría |",
    fixed: "corregido",
    open: "sigue presente",
    added: "aparece tras la auditoría",
  },
  en: {
    heading: "## Automated scan",
    intro: "Deterministic checks run before the audit, and again over the fixed files.",
    none: "No findings before or after the audit.",
    columns: "| Severity | File | Line | Finding | After the audit |",
    fixed: "fixed",
    open: "still present",
    added: "found after the audit",
  },
} as const;

const key = (f: ScanFinding) => `${f.rule}\n${f.path}`;

/**
 * The scanner's section of SECURITY_AUDIT.md: each finding from before the audit and whether the
 * auditor's files fixed it (same rule, same file, no longer matching), then anything new.
 */
export function scanSection(before: readonly ScanFinding[], after: readonly ScanFinding[], language: "es" | "en"): string {
  const t = TEXT[language];
  if (before.length === 0 && after.length === 0) return `${t.heading}\n\n${t.intro}\n\n${t.none}\n`;
  const remaining = new Set(after.map(key));
  const earlier = new Set(before.map(key));
  const row = (f: ScanFinding, status: string) => `| ${f.severity} | \`${f.path}\` | ${f.line} | ${f.title} | ${status} |`;
  const rows = [
    ...before.map((f) => row(f, remaining.has(key(f)) ? t.open : t.fixed)),
    ...after.filter((f) => !earlier.has(key(f))).map((f) => row(f, t.added)),
  ];
  return `${t.heading}\n\n${t.intro}\n\n${t.columns}\n| --- | --- | --- | --- | --- |\n${rows.join("\n")}\n`;
}
