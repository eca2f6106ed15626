/**
 * The files a blueprint project is made of, per role. The architect lists them in the plan and
 * each role writes them, from this one table, so plan and output cannot drift apart.
 */
import type { Plan } from "../plan";
import type { Language } from "./grammar";
import { pluralLabel } from "./grammar";
import { capitalize } from "./text";

interface LayoutFile {
  path: string;
  purpose: Record<Language, string>;
}

function file(path: string, es: string, en: string): LayoutFile {
  return { path, purpose: { es, en } };
}

export const BACKEND_FILES = {
  packageJson: file("package.json", "Scripts start y test; sin dependencias", "start and test scripts; no dependencies"),
  entities: file(
    "src/entities.js",
    "Entidades, campos, referencias y restricciones del plan",
    "The plan's entities, fields, references and constraints",
  ),
  rules: file("src/rules.js", "Las reglas del plan, como datos", "The plan's rules, as data"),
  validation: file("src/validation.js", "Validación por tipo de campo", "Validation by field type"),
  checks: file(
    "src/checks.js",
    "Comprobaciones contra lo guardado: referencias, únicos, transiciones y reglas",
    "Checks against what is stored: references, uniques, transitions and rules",
  ),
  views: file("src/views.js", "Listas derivadas y cálculos de las reglas", "The rules' derived lists and figures"),
  store: file("src/store.js", "Almacén en memoria con persistencia JSON opcional", "In-memory store with optional JSON persistence"),
  server: file("src/server.js", "Servidor HTTP: API REST y archivos estáticos", "HTTP server: REST API and static files"),
  support: file("test/support.js", "Ayudas de las pruebas: registros válidos", "Test helpers: valid records"),
  test: file("test/api.test.js", "Pruebas de la API con node:test", "API tests with node:test"),
  rulesTest: file("test/rules.test.js", "Una prueba por regla del plan", "One test per rule of the plan"),
} as const;

export const FRONTEND_FILES = {
  html: file("public/index.html", "Página de la aplicación", "The application page"),
  app: file("public/app.js", "Interfaz: listar, crear, editar y borrar", "UI: list, create, edit and delete"),
  styles: file("public/styles.css", "Estilos", "Styles"),
} as const;

export const DEVOPS_FILES = {
  dockerfile: file("Dockerfile", "Imagen node:22-alpine sin root", "node:22-alpine image, non-root"),
  dockerignore: file(".dockerignore", "Lo que no entra en la imagen", "What stays out of the image"),
  compose: file("docker-compose.yml", "Arranque con Docker Compose y volumen de datos", "Docker Compose with a data volume"),
  ci: file(".github/workflows/ci.yml", "CI: pruebas en Node 22 y build de la imagen", "CI: tests on Node 22 and image build"),
  env: file(".env.example", "Variables de entorno", "Environment variables"),
  gitignore: file(".gitignore", "Archivos que git ignora", "Files git ignores"),
  readme: file("README.md", "Qué es, cómo se ejecuta y se prueba, la API", "What it is, how to run and test it, the API"),
} as const;

export function plannedFiles(files: Record<string, LayoutFile>, language: Language): { path: string; purpose: string }[] {
  return Object.values(files).map((item) => ({ path: item.path, purpose: item.purpose[language] }));
}

/** What every blueprint role returns before it is streamed: whole files, in writing order. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Entity labels for screens and docs, with fallbacks for plans written by other models. */
export function labelsOf(entity: Plan["entities"][number], language: Plan["language"]): { one: string; many: string } {
  const one = entity.label ?? capitalize(entity.name);
  return { one, many: entity.pluralLabel ?? pluralLabel(one, language) };
}
