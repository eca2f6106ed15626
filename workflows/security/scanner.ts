import type { SourceFile } from "../files/source-file";
import { RULES } from "./rules";
import type { Severity } from "./rules";

export interface ScanFinding {
  rule: string;
  severity: Severity;
  path: string;
  line: number;
  title: string;
}

const ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
/** Enough to act on; a file with hundreds of matches does not need hundreds of lines in a prompt. */
const MAX_FINDINGS = 60;

/** Every rule over every file, most severe first; same input, same output. */
export function scanSources(sources: readonly SourceFile[]): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const file of sources) {
    for (const rule of RULES) {
      if (!rule.applies(file.path)) continue;
      for (const line of rule.find(file.content, file.path)) {
        findings.push({ rule: rule.id, severity: rule.severity, path: file.path, line, title: rule.title });
      }
    }
  }
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.path.localeCompare(b.path) || a.line - b.line);
  return findings.slice(0, MAX_FINDINGS);
}

/** The findings as the auditor's prompt lists them. */
export function findingsForPrompt(findings: readonly ScanFinding[]): string {
  if (findings.length === 0) return "Automated scanner: no findings. Audit the code yourself all the same.";
  const lines = findings.map((f) => `- [${f.severity}] ${f.path}:${f.line} (${f.rule}) ${f.title}`);
  return `Automated scanner findings (verify each; fix the real ones in the files you write):\n${lines.join("\n")}`;
}
