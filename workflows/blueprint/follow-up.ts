/**
 * The offline model in a follow-up run. The architect reads the instruction as plan operations
 * (edit-instruction.ts) and answers the new plan; the editor generates the project again from the
 * plan and answers only the files that come out different; the security role re-audits the changed
 * files; the explainer answers from the plan and the file list (explain.ts).
 */
import { NO_PLAN_CHANGE } from "../edits/prompts";
import { formatFile } from "../files/format";
import type { FollowUpTask, RoleTask } from "../models/model";
import { PLAN_PATH, planFileContent } from "../plan";
import type { Plan } from "../plan";
import { AUDIT_PATH } from "../security/report";
import { PlanEditError, applyPlanOps } from "./edit-ops";
import { instructionLanguage, offlineEditHelp, parseInstruction } from "./edit-instruction";
import { explainProject } from "./explain";
import { blueprintProject } from "./project";
import { securityFiles } from "./security";

export type OfflineEdit = { ok: true; plan: Plan } | { ok: false; message: string };

/**
 * The plan an instruction leads to, or the message that says why the offline model cannot make
 * it (what it can do instead). The API asks this before a run starts, so a change the offline
 * model cannot make costs nothing and changes nothing.
 */
export function offlineEdit(plan: Plan, instruction: string): OfflineEdit {
  const language = instructionLanguage(instruction);
  const parsed = parseInstruction(instruction, plan);
  const help = offlineEditHelp(language);
  if (!parsed.ok) return { ok: false, message: parsed.reason ? `${capitalize(parsed.reason)}. ${help}` : help };
  try {
    return { ok: true, plan: applyPlanOps(plan, parsed.ops, language) };
  } catch (err) {
    if (err instanceof PlanEditError) return { ok: false, message: `${capitalize(err.message)}. ${help}` };
    throw err;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The architect of a follow-up: the whole new plan, or that none is needed. */
export function planUpdate(task: RoleTask): string {
  if (!task.plan || !task.followUp) return NO_PLAN_CHANGE;
  const edit = offlineEdit(task.plan, task.followUp.text);
  if (!edit.ok || planFileContent(edit.plan) === planFileContent(task.plan)) return NO_PLAN_CHANGE;
  return planFileContent(edit.plan);
}

/** The editor: every file of the project generated from the plan that differs from the project now. */
export function regeneratedFiles(task: FollowUpTask): string {
  const current = new Map(task.files.map((file) => [file.path, file.content]));
  const blocks: string[] = [];
  for (const [path, content] of blueprintProject(task.plan)) {
    if (path === PLAN_PATH || current.get(path) === content) continue;
    blocks.push(formatFile(path, content));
  }
  return blocks.join("");
}

/** The security role's re-audit: the repairs its checks make to the changed files, and nothing else. */
export function reaudit(task: RoleTask): string {
  const sources = task.sources ?? [];
  const changed = new Set(task.changed ?? []);
  const before = new Map(sources.map((file) => [file.path, file.content]));
  const fixed = securityFiles(sources, task.plan?.language ?? "en").filter(
    (file) => file.path !== AUDIT_PATH && changed.has(file.path) && before.get(file.path) !== file.content,
  );
  if (fixed.length === 0)
    return task.plan?.language === "es"
      ? "Sin cambios de seguridad en los archivos cambiados.\n"
      : "No security changes needed in the changed files.\n";
  return fixed.map((file) => formatFile(file.path, file.content)).join("");
}

export function respondFollowUp(task: FollowUpTask): string {
  return task.role === "editor" ? regeneratedFiles(task) : explainProject(task);
}
