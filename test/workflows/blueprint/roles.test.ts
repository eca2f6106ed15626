import { describe, expect, it } from "vitest";
import { parseFiles } from "../../../workflows/files/parser";
import { blueprint, MissingPlanError } from "../../../workflows/blueprint";
import type { SourceFile } from "../../../workflows/files/source-file";
import type { ModelRequest, ModelUsage, RoleTask } from "../../../workflows/models/model";
import { planSchema } from "../../../workflows/plan";
import type { Plan } from "../../../workflows/plan";
import type { GenerationRole as Role } from "../../../shared/roles";

interface Output {
  text: string;
  chunks: number;
  usage: ModelUsage;
  files: Map<string, string>;
}

/** Splits canonical `<file path="...">` blocks; deliberately independent of the product's parser. */
function splitFiles(text: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of text.matchAll(/<file path="([^"]+)">\n([\s\S]*?)<\/file>\n/g)) {
    files.set(match[1] ?? "", match[2] ?? "");
  }
  return files;
}

function request(task: RoleTask): ModelRequest {
  return { task, system: "system prompt", prompt: `build: ${task.idea}`, maxOutputTokens: 16_000 };
}

async function run(task: RoleTask, signal?: AbortSignal): Promise<Output> {
  let text = "";
  let chunks = 0;
  let usage: ModelUsage | undefined;
  for await (const event of blueprint.stream(request(task), signal)) {
    if (event.type === "done") {
      expect(event.finishReason).toBe("stop");
      usage = event.usage;
    } else {
      expect(usage, "text after done").toBeUndefined();
      text += event.text;
      chunks += 1;
    }
  }
  if (!usage) throw new Error("the stream never said done");
  return { text, chunks, usage, files: splitFiles(text) };
}

function file(output: Output, path: string): string {
  const content = output.files.get(path);
  if (content === undefined) throw new Error(`${path} not written; got ${[...output.files.keys()].join(", ")}`);
  return content;
}

async function architect(idea: string, projectName?: string): Promise<Plan> {
  const output = await run({ role: "architect", idea, produced: [], ...(projectName ? { projectName } : {}) });
  return planSchema.parse(JSON.parse(output.text));
}

/** Runs the four builder roles the way the Workflow does: security last, over everything written. */
async function build(idea: string, projectName?: string): Promise<{ plan: Plan } & Record<Exclude<Role, "architect">, Output>> {
  const plan = await architect(idea, projectName);
  const task = (role: Role): RoleTask => ({ role, idea, plan, produced: [] });
  const backend = await run(task("backend"));
  const frontend = await run(task("frontend"));
  const devops = await run(task("devops"));
  const sources = [backend, frontend, devops].flatMap((output) => [...output.files].map(([path, content]) => ({ path, content })));
  const security = await run({ ...task("security"), sources });
  return { plan, backend, frontend, devops, security };
}

async function audit(sources: SourceFile[], language: "es" | "en" = "en"): Promise<Output> {
  const plan = await architect(language === "es" ? "app de tareas" : "a task app");
  return run({ role: "security", idea: "audit", plan, produced: [], sources });
}

describe("the blueprint model's stream", () => {
  it("streams the architect's plan as pretty JSON in several chunks, with usage by length", async () => {
    const task: RoleTask = { role: "architect", idea: "app de tareas con usuarios y etiquetas", produced: [] };
    const output = await run(task);
    expect(output.chunks).toBeGreaterThan(1);
    expect(output.text).toBe(`${JSON.stringify(JSON.parse(output.text), null, 2)}\n`);
    const req = request(task);
    expect(output.usage).toEqual({
      promptTokens: Math.ceil((req.system + req.prompt).length / 4),
      completionTokens: Math.ceil(output.text.length / 4),
    });
  });

  it("refuses a builder role without a plan, and stops when aborted", async () => {
    await expect(run({ role: "backend", idea: "x", produced: [] })).rejects.toBeInstanceOf(MissingPlanError);
    const plan = await architect("app de tareas");
    await expect(run({ role: "backend", idea: "x", plan, produced: [] }, AbortSignal.abort())).rejects.toThrow();
  });

  it("writes files the product's parser reads exactly as written", async () => {
    const { backend, devops } = await build("tienda de plantas con carrito");
    for (const output of [backend, devops]) {
      const parsed = parseFiles(output.text);
      expect(parsed.map((item) => [item.path, item.content, item.complete])).toEqual(
        [...output.files].map(([path, content]) => [path, content, true]),
      );
    }
  });
});

describe("the blueprint builder roles", () => {
  it("write exactly the files the plan assigns them", async () => {
    const project = await build("Una app de reservas para mi peluquería");
    expect([...project.backend.files.keys()]).toEqual(project.plan.files.backend.map((item) => item.path));
    expect([...project.frontend.files.keys()]).toEqual(project.plan.files.frontend.map((item) => item.path));
    expect([...project.devops.files.keys()]).toEqual(project.plan.files.devops.map((item) => item.path));
    expect(project.backend.chunks).toBeGreaterThan(project.backend.files.size);
  });

  it("backend: a zero-dependency Node 22 package whose API and tests cover every entity", async () => {
    const { plan, backend } = await build("app de tareas con usuarios y etiquetas");
    const manifest: unknown = JSON.parse(file(backend, "package.json"));
    expect(manifest).toMatchObject({
      name: plan.slug,
      type: "module",
      scripts: { start: "node src/server.js", test: "node --test test/*.test.js" },
    });
    expect(manifest).not.toHaveProperty("dependencies");
    const entities = file(backend, "src/entities.js");
    for (const item of plan.entities) {
      expect(entities).toContain(`"plural": "${item.plural}"`);
      for (const field of item.fields) expect(entities).toContain(`"name": "${field.name}"`);
    }
    const server = file(backend, "src/server.js");
    expect(server).toContain('"/health"');
    expect(server).toMatch(/MAX_BODY_BYTES = 64 \* 1024/);
    expect(server).toContain("process.env.PORT ?? 3000");
    expect(file(backend, "src/validation.js")).toContain('"es obligatorio"');
    const tests = file(backend, "test/api.test.js");
    expect(file(backend, "test/support.js")).toContain('from "../src/server.js"');
    expect(tests).toContain("for (const entity of entities)");
    // No rules in this plan: the rules test says so and checks it; a plan with rules gets one test each.
    expect(file(backend, "test/rules.test.js")).toContain("assert.deepEqual(rules, []);");
    for (const source of backend.files.values()) expect(source).not.toMatch(/\brequire\(|from "(?!node:|\.)/);
  });

  it("frontend: a page in the plan's language that never writes data as HTML", async () => {
    const { plan, frontend } = await build("an app for my recipes with ingredients", "<img src=x onerror=alert(1)>");
    const html = file(frontend, "public/index.html");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
    const app = file(frontend, "public/app.js");
    expect(app).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(app).toContain("textContent");
    // The entities come from the server's own definition, not a copy.
    expect(app).toContain('await api("GET", "/api/meta")');
    expect(plan.entities.length).toBeGreaterThan(0);
    expect(app).toContain('"save": "Save"');
  });

  it("devops: a non-root node:22-alpine image, CI on Node 22, and a README with the plan's API", async () => {
    const { plan, devops } = await build("A booking app for my barbershop");
    const dockerfile = file(devops, "Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:22-alpine$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    const ci = file(devops, ".github/workflows/ci.yml");
    expect(ci).toContain("node-version: 22");
    expect(ci).toContain("npm test");
    expect(file(devops, "docker-compose.yml")).toContain("DATA_DIR: /app/data");
    expect(file(devops, ".env.example")).toMatch(/^PORT=3000$/m);
    const readme = file(devops, "README.md");
    expect(readme).toContain("## Run");
    for (const endpoint of plan.api) expect(readme).toContain(`| ${endpoint.method} | \`${endpoint.path}\` |`);
  });
});

describe("the blueprint builder roles carry the plan's rules through", () => {
  it("backend: rules, references and constraints as data, each rule enforced or computed by the server", async () => {
    const { plan, backend } = await build(
      "App para la biblioteca del barrio: libros, socios y préstamos de libros a socios con fecha de devolución; quiero ver los préstamos vencidos.",
    );
    const rule = plan.rules[0];
    expect(rule?.type).toBe("derivedList");
    expect(file(backend, "src/rules.js")).toContain(`"name": "${rule?.name}"`);
    expect(file(backend, "test/rules.test.js")).toContain('rule.type === "derivedList"');
    // Only what the plan uses: no overlap checks, no redirects in a library.
    expect(file(backend, "src/checks.js")).not.toContain("intervalOf");
    expect(file(backend, "src/server.js")).not.toContain("/r/");
    const entities = file(backend, "src/entities.js");
    expect(entities).toContain('"entity": "libro"');
    expect(entities).toContain('"plural": "libros"');
    expect(file(backend, "src/checks.js")).toContain("export function checkDelete");
    expect(file(backend, "src/views.js")).toContain("export function view(");
    expect(file(backend, "src/server.js")).toContain('"/api/".length');
  });

  it("frontend: references and enums as choices, related records on the parent, every rule shown", async () => {
    const { plan, frontend } = await build(
      "Kitchen orders: tables, dishes and orders of dishes for a table with a status that goes pending, cooking, ready; and the total per day",
    );
    const app = file(frontend, "public/app.js");
    expect(app).toContain('element("select"');
    expect(app).toContain("function showRelated(");
    expect(app).toContain("function renderRules(");
    expect(plan.rules.map((rule) => rule.type)).toEqual(["aggregate"]);
    // Rules come through /api/meta; a view-making rule gets the code that draws its figures.
    expect(app).toContain("function renderView(");
    expect(app).toContain("data.rows.map(");
    expect(file(frontend, "public/index.html")).toContain('id="rule-list"');
  });

  it("devops: the README names each rule with its description, and what is not built", async () => {
    const { plan, devops } = await build(
      "Una app de reservas para mi peluquería: no puede haber dos citas a la misma hora, y que mande recordatorios por WhatsApp",
    );
    const readme = file(devops, "README.md");
    expect(plan.rules.length).toBeGreaterThan(0);
    expect(readme).toContain("## Reglas");
    for (const rule of plan.rules) expect(readme).toContain(rule.description);
    expect(readme).toContain("## No construido");
    expect(readme).toContain("recordatorios por WhatsApp");
  });
});

describe("the blueprint security role", () => {
  it("finds the generated server's missing headers and ships the fix with a test", async () => {
    const { security, backend } = await build("Una app de reservas para mi peluquería");
    const report = file(security, "SECURITY_AUDIT.md");
    expect(report).toContain("# Auditoría de seguridad");
    expect(report).toMatch(/\| media \| `src\/server\.js` \| Las respuestas no envían Content-Security-Policy/);
    const fixed = file(security, "src/server.js");
    expect(fixed).not.toBe(file(backend, "src/server.js"));
    expect(fixed).toMatch(/createServer\(async \(req, res\) => \{\n {4}applySecurityHeaders\(res\);/);
    expect(fixed).toContain('res.setHeader("X-Content-Type-Options", "nosniff")');
    expect(file(security, "test/security-headers.test.js")).toContain('from "../src/server.js"');
    // What the generated code already does right is reported as passing, not as findings.
    expect(report).toMatch(/Límite de tamaño del cuerpo \| ✅/);
    expect(report).toMatch(/Validación en cada ruta de escritura \| ✅/);
    expect(report).toContain("| alta | 0 | 0 |");
    expect(report).not.toMatch(/\| \d+ \| (crítica|alta) \|/);
  });

  it("reports eval with its file and line", async () => {
    const output = await audit([{ path: "src/server.js", content: "const a = 1;\nconst run = (code) => eval(code);\n" }]);
    expect(file(output, "SECURITY_AUDIT.md")).toMatch(/\| high \| `src\/server\.js:2` \| Runs code built from a string: `eval\(`/);
  });

  it("replaces innerHTML written with data, and leaves clearing alone", async () => {
    const content = 'list.innerHTML = "";\nrow.innerHTML = "<td>" + item.name + "</td>";\n';
    const output = await audit([{ path: "public/app.js", content }]);
    expect(file(output, "SECURITY_AUDIT.md")).toMatch(
      /\| high \| `public\/app\.js:2` \|.*XSS.*\| Fixed: innerHTML replaced by textContent/,
    );
    expect(file(output, "public/app.js")).toBe('list.innerHTML = "";\nrow.textContent = "<td>" + item.name + "</td>";\n');
  });

  it("flags hard-coded secrets but not placeholders", async () => {
    const output = await audit([
      { path: "src/config.js", content: 'export const apiKey = "sk-live1234567890abcdefghijklmnop";\n' },
      { path: ".env.example", content: "API_KEY=\nPASSWORD=changeme\n" },
    ]);
    const report = file(output, "SECURITY_AUDIT.md");
    expect(report).toMatch(/\| critical \| `src\/config\.js:1` \| Secret written in the code/);
    expect(report).not.toContain("`.env.example");
  });

  it("flags write routes without validation, open CORS and a root container, and fixes the container", async () => {
    const server = [
      'import { createServer } from "node:http";',
      "createServer(async (req, res) => {",
      '  res.setHeader("Access-Control-Allow-Origin", "*");',
      '  if (req.method === "POST") {',
      "    const body = JSON.parse(await read(req));",
      "    store.push(body);",
      "  }",
      "});",
    ].join("\n");
    const output = await audit([
      { path: "src/server.js", content: server },
      { path: "Dockerfile", content: 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "src/server.js"]\n' },
    ]);
    const report = file(output, "SECURITY_AUDIT.md");
    expect(report).toMatch(/`src\/server\.js:4` \| Write route without validation/);
    expect(report).toMatch(/\| low \| `src\/server\.js:3` \| CORS open to every origin/);
    expect(report).toMatch(/`Dockerfile` \| The container runs as root \| Fixed: USER node before CMD/);
    expect(file(output, "Dockerfile")).toBe('FROM node:22-alpine\nCOPY . .\nUSER node\nCMD ["node", "src/server.js"]\n');
  });

  it("never marks a finding fixed in one table and open in another", async () => {
    const { security } = await build("Una app de reservas para mi peluquería");
    const report = file(security, "SECURITY_AUDIT.md");
    const rows = (heading: string) =>
      (report.split(`## ${heading}`)[1]?.split("\n## ")[0] ?? "")
        .split("\n")
        .filter((row) => /^\| \d+ \|/.test(row) || /^\| [^-#|]/.test(row));
    const fixed = rows("Hallazgos").filter((row) => /\| Corregido/.test(row));
    expect(fixed.length).toBeGreaterThan(0);
    // The headers finding is fixed; its check says so too, and no check is left with open findings it fixed.
    expect(report).toMatch(/\| Cabeceras de seguridad \| ✅ corregido \|/);
    const open = rows("Comprobaciones").filter((row) => row.includes("⚠️"));
    const openFindings = rows("Hallazgos").filter((row) => !/\| Corregido/.test(row) && /^\| \d+ \|/.test(row));
    expect(open.length > 0).toBe(openFindings.length > 0);
  });

  it("reports nothing to fix when the sources are already hardened", async () => {
    const { security } = await build("app de tareas");
    const hardened = [...security.files].filter(([path]) => path !== "SECURITY_AUDIT.md").map(([path, content]) => ({ path, content }));
    const again = await audit(hardened, "es");
    expect([...again.files.keys()]).toEqual(["SECURITY_AUDIT.md"]);
    expect(file(again, "SECURITY_AUDIT.md")).toContain("Cabeceras de seguridad | ✅");
  });
});
