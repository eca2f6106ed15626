/** Checks on how the project is packaged: the container user, ignored env files, dependencies. */
import type { Check, Finding } from "./audit";
import { addDockerUser, ignoreEnvFiles } from "./security-fixes";

export const containerUser: Check = ({ sources, t }) => {
  const dockerfiles = sources.filter((file) => /(^|\/)Dockerfile$/.test(file.path));
  const findings: Finding[] = [];
  for (const file of dockerfiles) {
    const users = [...file.content.matchAll(/^\s*USER\s+(\S+)/gim)].map((match) => match[1] ?? "");
    const last = users[users.length - 1];
    if (last !== undefined && !/^(root|0)(:.*)?$/.test(last)) continue;
    findings.push({
      severity: "medium",
      file: file.path,
      what: t("El contenedor se ejecuta como root", "The container runs as root"),
      fix: t("Añadir USER con un usuario sin privilegios", "Add USER with an unprivileged user"),
      repair: { path: file.path, apply: addDockerUser, done: t("Corregido: USER node antes de CMD", "Fixed: USER node before CMD") },
    });
  }
  const title = t("Contenedor sin root", "Non-root container");
  const detail =
    dockerfiles.length === 0
      ? t("Sin Dockerfile", "No Dockerfile")
      : findings.length === 0
        ? t("USER sin privilegios", "Unprivileged USER")
        : "root";
  return { title, passed: findings.length === 0, detail, findings };
};

const ENV_FILE = /(^|\/)\.env(\.(?!example$)[^/]+)?$/;

export const envFiles: Check = ({ sources, t }) => {
  const findings: Finding[] = [];
  for (const file of sources.filter((item) => ENV_FILE.test(item.path))) {
    findings.push({
      severity: "high",
      file: file.path,
      what: t("Archivo de entorno incluido en el proyecto", "Environment file included in the project"),
      fix: t("Quitarlo, dejar solo .env.example y revocar lo que contuviera", "Remove it, keep only .env.example and revoke what it held"),
    });
  }
  for (const file of sources.filter((item) => /(^|\/)\.gitignore$/.test(item.path))) {
    if (/^\/?\.env\b/m.test(file.content)) continue;
    findings.push({
      severity: "low",
      file: file.path,
      what: t(".gitignore no excluye .env", ".gitignore does not exclude .env"),
      fix: t("Ignorar .env", "Ignore .env"),
      repair: {
        path: file.path,
        apply: ignoreEnvFiles,
        done: t("Corregido: .env añadido a .gitignore", "Fixed: .env added to .gitignore"),
      },
    });
  }
  const title = t("Archivos .env fuera del repositorio", ".env files kept out of the repository");
  return {
    title,
    passed: findings.length === 0,
    detail: findings.length === 0 ? t(".env ignorado", ".env ignored") : t("Revisar", "Review"),
    findings,
  };
};

export const dependencies: Check = ({ sources, t }) => {
  const manifest = sources.find((file) => file.path === "package.json");
  const title = t("Dependencias de terceros", "Third-party dependencies");
  if (!manifest) return { title, passed: true, detail: t("Sin package.json", "No package.json"), findings: [] };
  let names: string[] = [];
  try {
    const parsed: unknown = JSON.parse(manifest.content);
    const deps = typeof parsed === "object" && parsed !== null && "dependencies" in parsed ? parsed.dependencies : undefined;
    names = typeof deps === "object" && deps !== null ? Object.keys(deps) : [];
  } catch {
    return { title, passed: true, detail: t("package.json no es JSON válido", "package.json is not valid JSON"), findings: [] };
  }
  if (names.length === 0) return { title, passed: true, detail: t("Ninguna: nada que auditar", "None: nothing to audit"), findings: [] };
  const finding: Finding = {
    severity: "low",
    file: manifest.path,
    what: t(
      `${names.length} dependencias (${names.slice(0, 5).join(", ")}) sin auditoría automática`,
      `${names.length} dependencies (${names.slice(0, 5).join(", ")}) without automatic auditing`,
    ),
    fix: t(
      "Ejecutar npm audit en CI y fijar versiones con package-lock.json",
      "Run npm audit in CI and pin versions with package-lock.json",
    ),
  };
  return { title, passed: false, detail: t(`${names.length} dependencias`, `${names.length} dependencies`), findings: [finding] };
};
