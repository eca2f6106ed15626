import { safePath } from "../files/limits";
import type { ModelRequest } from "../models/model";
import type { Plan } from "../plan";
import { checkSyntax } from "../validate/syntax";
import type { ProjectProblem } from "../../shared/protocol";
import type { Role } from "../../shared/roles";

/** How many times the architect is re-asked with the schema's errors before the step fails. */
export const MAX_PLAN_REPAIRS = 2;

/**
 * What is wrong with a role's output: files it wrote that do not parse, and files the plan gave it
 * that nobody has written. `written` are this step's contents; `existing` every path already in
 * the project from earlier roles.
 */
export function findProblems(
  role: Role,
  plan: Plan | undefined,
  written: ReadonlyMap<string, string>,
  existing: ReadonlySet<string>,
): ProjectProblem[] {
  const problems: ProjectProblem[] = [];
  for (const [path, content] of written) {
    const error = checkSyntax(path, content);
    if (error) problems.push({ role, kind: "invalid_file", path, message: `does not parse: ${error}` });
  }
  if (plan && (role === "backend" || role === "frontend" || role === "devops")) {
    for (const planned of plan.files[role]) {
      const path = plannedPath(planned.path);
      if (path && !written.has(path) && !existing.has(path)) {
        problems.push({ role, kind: "missing_file", path, message: "the plan lists it but no role wrote it" });
      }
    }
  }
  return problems;
}

/** Planned paths are model output too: globs, folders and unsafe paths are not files to ask for. */
function plannedPath(raw: string): string | undefined {
  if (/[*?]|\/$/.test(raw)) return undefined;
  try {
    return safePath(raw.replace(/^\.\//, ""));
  } catch {
    return undefined;
  }
}

/** One more request for exactly the broken and missing files. */
export function repairRequest(request: ModelRequest, problems: readonly ProjectProblem[]): ModelRequest {
  const list = problems.map((p) => `- ${p.path}: ${p.kind === "missing_file" ? "missing, write it" : p.message}`).join("\n");
  return {
    ...request,
    prompt: [
      request.prompt,
      `Your previous answer left these problems:\n${list}`,
      "Write complete, corrected versions of exactly these files now, in the same file format, and nothing else.",
    ].join("\n\n"),
  };
}

/** The architect's question again, with what was wrong with its last answer. */
export function replanRequest(request: ModelRequest, previous: string, problems: readonly string[]): ModelRequest {
  return {
    ...request,
    prompt: [
      request.prompt,
      `Your previous answer was:\n${previous.slice(0, 12_000)}`,
      `It is not a valid plan:\n${problems
        .slice(0, 20)
        .map((p) => `- ${p}`)
        .join("\n")}`,
      "Answer again with only the corrected JSON object.",
    ].join("\n\n"),
  };
}
