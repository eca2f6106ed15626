/**
 * The offline model's answer to a question about a project: deterministic, from the plan and the
 * file list. It picks the topics the question is about (where data is kept, validation, routes,
 * screens, tests, deployment, security, configuration; the entities it names) and says which files
 * hold each, citing them by path. It reads no code it does not list.
 */
import type { FollowUpTask } from "../models/model";
import type { Entity, Plan } from "../plan";
import { PLAN_PATH } from "../plan";
import { AUDIT_PATH } from "../security/report";
import { instructionLanguage } from "./edit-instruction";
import type { Language } from "./grammar";
import { pluralLabel } from "./grammar";
import { BACKEND_FILES, DEVOPS_FILES, FRONTEND_FILES, labelsOf } from "./layout";
import { fold } from "./text";

interface Topic {
  id: string;
  words: RegExp;
  files: readonly string[];
  text: Record<Language, string>;
}

const TOPICS: readonly Topic[] = [
  {
    id: "storage",
    words: /\b(?:guarda\w*|almacen\w*|persist\w*|base de datos|datos|store\w*|saved?|database|data|memoria|memory)\b/,
    files: [BACKEND_FILES.store.path, ".env.example"],
    text: {
      es: "Los registros viven en memoria. Si se define `DATA_DIR`, cada cambio se guarda también en `data.json` dentro de esa carpeta, escribiendo un archivo temporal y renombrándolo, para que un corte nunca deje medio archivo.",
      en: "Records live in memory. When `DATA_DIR` is set, every change is also saved to `data.json` in that folder, through a temporary file and a rename, so a crash never leaves half a file.",
    },
  },
  {
    id: "validation",
    words: /\b(?:valid\w*|error\w*|400|obligatori\w*|required|campos?|fields?)\b/,
    files: [BACKEND_FILES.validation.path, BACKEND_FILES.entities.path],
    text: {
      es: "Cada escritura se valida contra los campos del plan: tipo, obligatorio y campos desconocidos. Un dato no válido responde `400` con el motivo por campo.",
      en: "Every write is checked against the plan's fields: type, required, and unknown fields. Invalid data answers `400` with the reason per field.",
    },
  },
  {
    id: "routes",
    words: /\b(?:rutas?|api|endpoints?|routes?|urls?|servidor|server|http)\b/,
    files: [BACKEND_FILES.server.path],
    text: {
      es: "El servidor HTTP (`node:http`, sin dependencias) sirve la API REST y los archivos de `public/`.",
      en: "The HTTP server (`node:http`, no dependencies) serves the REST API and the files in `public/`.",
    },
  },
  {
    id: "frontend",
    words: /\b(?:interfaz|pantallas?|frontend|ui|paginas?|html|botone?s?|buttons?|screens?|pages?|formularios?|forms?|web)\b/,
    files: [FRONTEND_FILES.html.path, FRONTEND_FILES.app.path, FRONTEND_FILES.styles.path],
    text: {
      es: "La interfaz es HTML, CSS y JavaScript sin compilar: una pestaña por entidad, con listado, alta, edición y borrado; los datos del usuario se pintan con `textContent`.",
      en: "The UI is plain HTML, CSS and JavaScript: one tab per entity, to list, create, edit and delete; user data is rendered with `textContent`.",
    },
  },
  {
    id: "tests",
    words: /\b(?:tests?|pruebas?|testing|probar)\b/,
    files: [BACKEND_FILES.test.path, BACKEND_FILES.packageJson.path],
    text: {
      es: "`npm test` ejecuta `node:test`: arranca el servidor en un puerto libre y recorre la API de cada entidad.",
      en: "`npm test` runs `node:test`: it starts the server on a free port and walks every entity's API.",
    },
  },
  {
    id: "deploy",
    words: /\b(?:docker\w*|despliegue|desplegar|deploy\w*|contenedor|container|ci|github|produccion|production)\b/,
    files: [DEVOPS_FILES.dockerfile.path, DEVOPS_FILES.compose.path, DEVOPS_FILES.ci.path],
    text: {
      es: "La imagen es `node:22-alpine` y se ejecuta sin root; Docker Compose guarda los datos en un volumen; la CI prueba en Node 22 y construye la imagen.",
      en: "The image is `node:22-alpine` and runs as a non-root user; Docker Compose keeps data in a volume; CI tests on Node 22 and builds the image.",
    },
  },
  {
    id: "security",
    words: /\b(?:seguridad|segur\w*|security|secure|audit\w*|vulnerab\w*)\b/,
    files: [AUDIT_PATH],
    text: {
      es: "El rol de seguridad revisó el código generado; su informe y el análisis automático están en el archivo citado.",
      en: "The security role reviewed the generated code; its report and the automated scan are in the cited file.",
    },
  },
  {
    id: "config",
    words: /\b(?:configur\w*|config|puerto|port|variables?|env|entorno|environment)\b/,
    files: [DEVOPS_FILES.env.path, DEVOPS_FILES.readme.path],
    text: {
      es: "La configuración son variables de entorno: `PORT` (3000), `HOST` (127.0.0.1) y `DATA_DIR` (vacía: solo memoria).",
      en: "Configuration is environment variables: `PORT` (3000), `HOST` (127.0.0.1) and `DATA_DIR` (empty: memory only).",
    },
  },
];

const TEXT = {
  es: {
    about: (name: string) => `**${name}**`,
    entities: "Entidades",
    routes: (entity: string, base: string) => `Rutas de ${entity}: \`GET/POST ${base}\`, \`GET/PUT/PATCH/DELETE ${base}/:id\``,
    files: "Archivos",
    cited: "Archivos citados",
    overview: "Resumen del proyecto, según su plan y sus archivos.",
    required: "obligatorio",
    offline: "Respuesta del modelo sin conexión (blueprint), a partir del plan y la lista de archivos.",
  },
  en: {
    about: (name: string) => `**${name}**`,
    entities: "Entities",
    routes: (entity: string, base: string) => `Routes of ${entity}: \`GET/POST ${base}\`, \`GET/PUT/PATCH/DELETE ${base}/:id\``,
    files: "Files",
    cited: "Files cited",
    overview: "An overview of the project, from its plan and its files.",
    required: "required",
    offline: "Answered by the offline model (blueprint), from the plan and the file list.",
  },
} as const;

function mentioned(plan: Plan, question: string): Entity[] {
  const words = new Set(fold(question).match(/[a-z0-9]+/g) ?? []);
  return plan.entities.filter((entity) => {
    const label = entity.label ?? entity.name;
    return [entity.name, entity.plural, label, pluralLabel(label, plan.language)].some((key) => words.has(fold(key)));
  });
}

function describeEntity(entity: Entity, plan: Plan, language: Language): string {
  const t = TEXT[language];
  const fields = entity.fields.map((field) => `\`${field.name}\` (${field.type}${field.required ? `, ${t.required}` : ""})`);
  const label = labelsOf(entity, plan.language).many;
  return `- ${label}: ${fields.join(", ")}. ${t.routes(label, `/api/${entity.plural}`)}.`;
}

/** The answer, in the question's language, ending with the files it cites (those that exist). */
export function explainProject(task: FollowUpTask): string {
  const { plan } = task;
  const question = task.followUp.text;
  const language = instructionLanguage(question);
  const t = TEXT[language];
  const paths = new Set(task.files.map((file) => file.path));
  const folded = fold(question);
  const topics = TOPICS.filter((topic) => topic.words.test(folded));
  const entities = mentioned(plan, question);
  const cited = new Set<string>();
  const cite = (path: string) => {
    if (paths.has(path)) cited.add(path);
  };
  const parts: string[] = [t.about(plan.name)];
  if (topics.length === 0 && entities.length === 0) {
    parts.push(t.overview, plan.summary);
    const byRole = [BACKEND_FILES, FRONTEND_FILES, DEVOPS_FILES].flatMap((files) => Object.values(files));
    parts.push(
      `${t.files}:\n${byRole
        .filter((file) => paths.has(file.path))
        .map((file) => `- \`${file.path}\`: ${file.purpose[language]}`)
        .join("\n")}`,
    );
    for (const file of byRole) cite(file.path);
  }
  for (const topic of topics) {
    const files = topic.files.filter((path) => paths.has(path));
    parts.push(`${topic.text[language]} (${files.map((path) => `\`${path}\``).join(", ")})`);
    for (const path of files) cite(path);
  }
  const shown =
    entities.length > 0
      ? entities
      : topics.some((topic) => topic.id === "routes" || topic.id === "validation") || topics.length === 0
        ? plan.entities
        : [];
  if (shown.length > 0) {
    parts.push(`${t.entities}:\n${shown.map((entity) => describeEntity(entity, plan, language)).join("\n")}`);
    cite(BACKEND_FILES.entities.path);
    cite(PLAN_PATH);
  }
  parts.push(t.offline, `${t.cited}: ${[...cited].map((path) => `\`${path}\``).join(", ")}`);
  return `${parts.join("\n\n")}\n`;
}
