import type { SourceFile } from "../files/source-file";
import type { Plan } from "../plan";
import { AUDIT_PATH, scanSection } from "./report";
import { scanSources } from "./scanner";
import type { ScanFinding } from "./scanner";

/**
 * SECURITY_AUDIT.md as delivered: the auditor's report (or a title, if it wrote none) followed by
 * the scanner's section, which re-scans the project with the auditor's fixed files in place.
 */
export function auditWithScan(
  auditorReport: string | undefined,
  before: readonly ScanFinding[],
  finalSources: readonly SourceFile[],
  plan: Plan | undefined,
): string {
  const language = plan?.language ?? "en";
  const after = scanSources(finalSources.filter((s) => s.path !== AUDIT_PATH));
  const head = auditorReport?.trimEnd() ?? (language === "es" ? "# Auditoría de seguridad" : "# Security audit");
  return `${head}\n\n${scanSection(before, after, language)}`;
}
