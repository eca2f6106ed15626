import { FILE_FORMAT_INSTRUCTIONS } from "../files/format";
import { PLAN_PATH, planJsonSchema } from "../plan";
import type { Plan } from "../plan";
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
    'name (a short title the idea implies, e.g. "Reservas Peluquería"), slug (lowercase, digits, dashes), summary,',
    'language ("es" or "en": the language of the idea), stack {runtime, backend, frontend, database},',
    "entities [{name (camelCase singular), plural (camelCase), label, pluralLabel, fields [{name (camelCase),",
    'type ("string"|"text"|"integer"|"number"|"boolean"|"date"|"time"|"datetime"|"email"|"url"|"reference"|"enum"),',
    "required, label, entity (for reference: the entity it points at), values (for enum), transitions (for enum:",
    "[{from, to: [...]}], the only changes allowed), unique, min, max (for numbers)}], unique (sets of fields",
    "unique together)}], rules [...], notBuilt [...], api [{method, path, description}],",
    "pages [{path, title, description}], files {backend: [{path, purpose}], frontend: [{path, purpose}], devops: [{path, purpose}]}.",
    "Entities are the real things of the domain (never adverbs, quantities, dates or times: those are fields).",
    "A field that points at another entity is a reference (a loan's book and member). Listed values are an enum;",
    "a status that moves forward has transitions. Money and quantities get min 0; times are HH:MM; dates ISO.",
    "rules are behaviours beyond CRUD, each {type, name (camelCase), label, description (one line), entity, ...}:",
    "noOverlap {start, end?, minutes?, on? (date field), scope? (the resource field)}: no two overlapping records;",
    "derivedList {where: [{field, op (lt|lte|gt|gte|eq|ne|isEmpty|isNotEmpty), value? | otherField? | today?}]}:",
    "e.g. overdue loans, low-stock products; aggregate {op (sum|count|avg|balance), field?, groupBy?, period? {field,",
    "by (day|month)}}: e.g. daily sales total, balances of who owes whom; onePer {fields}: e.g. one vote per user per",
    "poll; redirectAndCount {code, url, count}: short links; approval {field (boolean)}: visible once approved.",
    "notBuilt lists, in the idea's language, what the idea asks for that this plan does not build.",
    "The devops files must include Dockerfile, docker-compose.yml, .github/workflows/ci.yml, .env.example, README.md.",
  ].join("\n"),
  backend: [
    "You are the backend engineer of AUTOCREA. Write the complete backend the plan describes: a Node 22",
    "HTTP API using only node: built-ins, CRUD for every entity with input validation and clear 400 errors,",
    "a package.json whose `npm test` runs node --test and `npm start` serves the API and public/,",
    "and tests that exercise every route. Write every file the plan lists for the backend, complete.",
    "Check every constraint of the plan on write: references must name an existing record (and a referenced",
    "record cannot be deleted), enum values and their transitions, unique fields, min/max, HH:MM times, ISO dates.",
    "Implement every rule in the plan's rules with its own endpoint or check, answering 409 when a rule refuses",
    "a write, and write a test for each rule that proves it (a refused double booking, an overdue item listed).",
  ].join("\n"),
  frontend: [
    "You are the frontend engineer of AUTOCREA. Write the static frontend in public/ that the plan",
    "describes, using the backend's routes listed below. Plain HTML, CSS and JavaScript modules; render",
    "user data with textContent, never innerHTML. Write every file the plan lists for the frontend.",
    "A reference field is a choice among the records it points at; a parent shows its related records; an",
    "enum is a choice among its values. Show every rule of the plan: its name and description, and its result",
    "(the derived list, the figure, the approve action, the short link), and the message when a rule refuses a write.",
  ].join("\n"),
  devops: [
    "You are the DevOps engineer of AUTOCREA. Write Dockerfile (node:22-alpine, non-root),",
    "docker-compose.yml, .github/workflows/ci.yml (npm install and npm test on Node 22), .env.example",
    "and README.md (in the plan's readmeLanguage if set, else its language: what it is, how to run and test it,",
    "the API, each rule of the plan by name with its description, and what the plan lists as not built).",
  ].join("\n"),
  security: [
    "You are the security auditor of AUTOCREA. Audit every file below. Write SECURITY_AUDIT.md with",
    "each finding (severity: critical|high|medium|low, file, what, the fix taken), and write a complete",
    "fixed version of every file you change, under the same path.",
  ].join("\n"),
};

/** Built once per isolate: the plan's JSON Schema, the same for every architect request. */
let planSchemaJson: Record<string, unknown> | undefined;

export function buildRequest(task: RoleTask): ModelRequest {
  const role = task.role;
  if (role === "architect") {
    planSchemaJson ??= planJsonSchema();
    return {
      task,
      system: SYSTEM.architect,
      prompt: renderPrompt(task),
      maxOutputTokens: MAX_OUTPUT_TOKENS.architect,
      structured: { name: "plan", schema: planSchemaJson },
    };
  }
  return {
    task,
    system: `${SYSTEM[role]}\n\n${FILE_FORMAT_INSTRUCTIONS}`,
    prompt: renderPrompt(task),
    maxOutputTokens: MAX_OUTPUT_TOKENS[role],
  };
}

/** The plan's rules and gaps spelled out, so no role can miss them inside the plan's JSON. */
function rulesForPrompt(plan: Plan): string | undefined {
  const parts: string[] = [];
  if (plan.rules.length > 0) {
    const lines = plan.rules.map((rule) => `- ${rule.name} (${rule.type}, on ${rule.entity}): ${rule.description}`);
    parts.push(`Rules to implement, test, show and document (see "rules" in the plan):\n${lines.join("\n")}`);
  }
  if (plan.notBuilt.length > 0) {
    parts.push(`Not built (say so in the README, do not build):\n${plan.notBuilt.map((item) => `- ${item}`).join("\n")}`);
  }
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

function renderPrompt(task: RoleTask): string {
  const parts = [`Idea: ${task.idea}`];
  if (task.projectName) parts.push(`Project name: ${task.projectName}`);
  if (task.plan) {
    // Compact: the plan goes to every role, and indentation is a third of its size.
    parts.push(`Plan (${PLAN_PATH}):\n${JSON.stringify(task.plan)}`);
    const rules = rulesForPrompt(task.plan);
    if (rules) parts.push(rules);
  }
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
    const audited = task.sources.filter((s) => !NOT_AUDITED.test(s.path));
    const skipped = task.sources.length - audited.length;
    parts.push(`Sources to audit:\n${audited.map((s) => `<file path="${s.path}">\n${s.content}\n</file>`).join("\n")}`);
    if (skipped > 0) parts.push(`(${skipped} documentation, style and test files left out: the scanner above read them for secrets.)`);
  }
  return parts.join("\n\n");
}

/**
 * Files the auditor is not shown: prose, stylesheets and the plan run no code, and tests do not ship
 * (the Dockerfile copies src/ and public/); the deterministic scanner, whose findings are in the
 * prompt, has read every file for secrets. Leaving them out keeps the prompt to the code it judges.
 */
const NOT_AUDITED = /(\.md|\.css|\.txt|^docs\/architecture\.json|(^|\/)(test|tests|__tests__)\/.*|\.(test|spec)\.[cm]?[jt]sx?)$/i;
