import { FILE_FORMAT_INSTRUCTIONS } from "../files/format";
import { PLAN_PATH } from "../plan";
import type { ModelRequest, RoleTask } from "../models/model";
import { findingsForPrompt } from "../security/scanner";
import type { GenerationRole } from "../../shared/roles";

/** Output budget per role, in tokens. The backend writes the most. */
const MAX_OUTPUT_TOKENS: Record<GenerationRole, number> = {
  architect: 4_000,
  backend: 16_000,
  frontend: 12_000,
  devops: 6_000,
  security: 12_000,
};

const SYSTEM: Record<GenerationRole, string> = {
  architect: [
    "You are the architect of AUTOCREA, an app factory. Turn the user's idea into a plan for a small,",
    "complete, runnable web application: a Node 22 HTTP API with no npm dependencies and a static frontend.",
    "Answer with ONE JSON object and nothing else, with exactly these keys:",
    'name, slug (lowercase, digits, dashes), summary, language ("es" or "en": the language of the idea),',
    "stack {runtime, backend, frontend, database}, entities [{name (camelCase singular), plural (camelCase),",
    'label, fields [{name (camelCase), type ("string"|"text"|"integer"|"number"|"boolean"|"date"|"email"),',
    "required, label}]}], api [{method, path, description}], pages [{path, title, description}],",
    "files {backend: [{path, purpose}], frontend: [{path, purpose}], devops: [{path, purpose}]}.",
    "The devops files must include Dockerfile, docker-compose.yml, .github/workflows/ci.yml, .env.example, README.md.",
  ].join("\n"),
  backend: [
    "You are the backend engineer of AUTOCREA. Write the complete backend the plan describes: a Node 22",
    "HTTP API using only node: built-ins, CRUD for every entity with input validation and clear 400 errors,",
    "a package.json whose `npm test` runs node --test and `npm start` serves the API and public/,",
    "and tests that exercise every route. Write every file the plan lists for the backend, complete.",
  ].join("\n"),
  frontend: [
    "You are the frontend engineer of AUTOCREA. Write the static frontend in public/ that the plan",
    "describes, using the backend's routes listed below. Plain HTML, CSS and JavaScript modules; render",
    "user data with textContent, never innerHTML. Write every file the plan lists for the frontend.",
  ].join("\n"),
  devops: [
    "You are the DevOps engineer of AUTOCREA. Write Dockerfile (node:22-alpine, non-root),",
    "docker-compose.yml, .github/workflows/ci.yml (npm install and npm test on Node 22), .env.example",
    "and README.md (in the plan's readmeLanguage if set, else its language: what it is, how to run and test it, the API).",
  ].join("\n"),
  security: [
    "You are the security auditor of AUTOCREA. Audit every file below. Write SECURITY_AUDIT.md with",
    "each finding (severity: critical|high|medium|low, file, what, the fix taken), and write a complete",
    "fixed version of every file you change, under the same path.",
  ].join("\n"),
};

export function buildRequest(task: RoleTask): ModelRequest {
  const role = task.role;
  const system = role === "architect" ? SYSTEM.architect : `${SYSTEM[role]}\n\n${FILE_FORMAT_INSTRUCTIONS}`;
  return { task, system, prompt: renderPrompt(task), maxOutputTokens: MAX_OUTPUT_TOKENS[role] };
}

function renderPrompt(task: RoleTask): string {
  const parts = [`Idea: ${task.idea}`];
  if (task.projectName) parts.push(`Project name: ${task.projectName}`);
  if (task.plan) parts.push(`Plan (${PLAN_PATH}):\n${JSON.stringify(task.plan, null, 2)}`);
  if (task.produced.length > 0) {
    const lines = task.produced.map((f) => {
      const iface = f.exports.length > 0 ? `: ${f.exports.join("; ")}` : "";
      return `- ${f.path} (${f.role}, ${f.size} bytes)${iface}`;
    });
    parts.push(`Files written so far:\n${lines.join("\n")}`);
  }
  if (task.plan && task.role !== "architect" && task.role !== "security") {
    const planned = task.plan.files[task.role].map((f) => `- ${f.path}${f.purpose ? `: ${f.purpose}` : ""}`);
    parts.push(`Files you must write:\n${planned.join("\n")}`);
  }
  if (task.findings) parts.push(findingsForPrompt(task.findings));
  if (task.sources) {
    parts.push(`Sources to audit:\n${task.sources.map((s) => `<file path="${s.path}">\n${s.content}\n</file>`).join("\n")}`);
  }
  return parts.join("\n\n");
}
