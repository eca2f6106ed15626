/**
 * A whole blueprint project as a pure function of its plan: exactly the files a generation with
 * this plan delivers (the plan, the backend, frontend and devops files, then the security role's
 * fixes and SECURITY_AUDIT.md with its scan section), byte for byte. Offline edits change the plan
 * and regenerate through this, so only the files a change really touches come out different.
 */
import { parseFiles } from "../files/parser";
import { formatFile } from "../files/format";
import type { SourceFile } from "../files/source-file";
import { PLAN_PATH, planFileContent } from "../plan";
import type { Plan } from "../plan";
import { auditWithScan } from "../security/audit-section";
import { AUDIT_PATH } from "../security/report";
import { scanSources } from "../security/scanner";
import { backendFiles } from "./backend";
import { devopsFiles } from "./devops";
import { frontendFiles } from "./frontend";
import type { GeneratedFile } from "./layout";
import { securityFiles } from "./security";

/** A file as it reaches R2: streamed in the `<file>` format and read back by the product's parser. */
function asStored(file: GeneratedFile): string {
  return parseFiles(formatFile(file.path, file.content))[0]?.content ?? file.content;
}

/** Path -> content, in the order a generation writes them (the ZIP and the git tree sort anyway). */
export function blueprintProject(plan: Plan): Map<string, string> {
  const files = new Map<string, string>([[PLAN_PATH, planFileContent(plan)]]);
  for (const file of [...backendFiles(plan), ...frontendFiles(plan), ...devopsFiles(plan)]) files.set(file.path, asStored(file));
  const before: SourceFile[] = [...files].map(([path, content]) => ({ path, content }));
  const audited = securityFiles(before, plan.language);
  for (const file of audited) files.set(file.path, asStored(file));
  // The report ends with the scanner's before/after section, as the security step writes it.
  const after: SourceFile[] = [...files].map(([path, content]) => ({ path, content }));
  files.set(AUDIT_PATH, auditWithScan(files.get(AUDIT_PATH), scanSources(before), after, plan));
  return files;
}
