/** Checks on the server code: headers, request bodies, write routes, static files, CORS, access. */
import type { Check, CheckResult, Finding } from "./audit";
import { findLines, listPaths, serverSources } from "./audit";
import { HEADER_NAMES, addSecurityHeaders, exportsCreateApp, headersTest } from "./security-fixes";

const SERVES_HTTP = /createServer\(|express\(|new Hono\(|fastify\(|Bun\.serve|Deno\.serve/;

export const securityHeaders: Check = ({ sources, t }) => {
  const servers = serverSources(sources);
  const all = servers
    .map((file) => file.content)
    .join("\n")
    .toLowerCase();
  const missing = HEADER_NAMES.filter((name) => !all.includes(name.toLowerCase()));
  const title = t("Cabeceras de seguridad", "Security headers");
  if (missing.length === 0 || !servers.some((file) => SERVES_HTTP.test(file.content))) {
    return { title, passed: true, detail: t("Presentes o no aplica", "Present or not applicable"), findings: [] };
  }
  const server = servers.find((file) => SERVES_HTTP.test(file.content)) ?? servers[0];
  const findings: Finding[] = [];
  if (server) {
    findings.push({
      severity: "medium",
      file: server.path,
      what: t(`Las respuestas no envían ${missing.join(", ")}`, `Responses do not send ${missing.join(", ")}`),
      fix: t("Añadir las cabeceras en cada respuesta", "Add the headers to every response"),
      repair: {
        path: server.path,
        apply: addSecurityHeaders,
        done: t(
          "Corregido: applySecurityHeaders() fija CSP, nosniff, X-Frame-Options DENY, Referrer-Policy, COOP y Permissions-Policy al inicio de cada petición",
          "Fixed: applySecurityHeaders() sets CSP, nosniff, X-Frame-Options DENY, Referrer-Policy, COOP and Permissions-Policy at the start of every request",
        ),
        ...(exportsCreateApp(server.content) && sources.some((file) => file.path.startsWith("test/"))
          ? { adds: [{ path: "test/security-headers.test.js", content: headersTest(server.path) }] }
          : {}),
      },
    });
  }
  return { title, passed: false, detail: t(`Faltan: ${missing.join(", ")}`, `Missing: ${missing.join(", ")}`), findings };
};

const READS_BODY =
  /JSON\.parse\(\s*await\s+\w+\(\s*(req|request)\b|for await\s*\(\s*const\s+\w+\s+of\s+req\b|\.on\(\s*["']data["']|express\.json\(|bodyParser|await\s+(req|request|c\.req)\.(json|text|arrayBuffer)\(/;
const BODY_LIMIT = /MAX_BODY|content-length|\b413\b|bodyLimit|limit\s*:/i;

export const bodyLimit: Check = ({ sources, t }) => {
  const readers = serverSources(sources).filter((file) => READS_BODY.test(file.content));
  const title = t("Límite de tamaño del cuerpo", "Request body size limit");
  const unlimited = readers.filter((file) => !BODY_LIMIT.test(file.content));
  const findings = unlimited.map(
    (file): Finding => ({
      severity: "high",
      file: file.path,
      line: findLines(file.content, READS_BODY)[0]?.line,
      what: t(
        "Lee el cuerpo de la petición sin límite de tamaño: un cliente puede agotar la memoria",
        "Reads request bodies without a size limit: one client can exhaust memory",
      ),
      fix: t("Cortar la lectura a partir de un máximo y responder 413", "Stop reading past a maximum and answer 413"),
    }),
  );
  const detail =
    readers.length === 0
      ? t("Ningún archivo lee cuerpos", "No file reads bodies")
      : unlimited.length === 0
        ? t(`Límite presente en ${listPaths(readers)}`, `Limit present in ${listPaths(readers)}`)
        : t("Sin límite", "No limit");
  return { title, passed: findings.length === 0, detail, findings };
};

const WRITE_ROUTE = /method\s*===?\s*["'](POST|PUT|PATCH)["']|\.(post|put|patch)\s*\(\s*["'`/]|case\s+["'](POST|PUT|PATCH)["']/;
/** JSON.parse reads a body; it does not check one. */
const VALIDATES = /validat|schema|safeParse|zValidator|(?<!JSON)\.parse\(\s*(body|input|data|await)/i;
/** How far below a write route its validation call may sit. */
const ROUTE_WINDOW = 8;

export const writeValidation: Check = ({ sources, t }) => {
  const findings: Finding[] = [];
  let routes = 0;
  for (const file of serverSources(sources)) {
    const lines = file.content.split("\n");
    for (const route of findLines(file.content, WRITE_ROUTE)) {
      routes += 1;
      const window = lines.slice(route.line - 1, route.line - 1 + ROUTE_WINDOW).join("\n");
      if (VALIDATES.test(window)) continue;
      findings.push({
        severity: "high",
        file: file.path,
        line: route.line,
        what: t(`Ruta de escritura sin validación: ${route.text.trim()}`, `Write route without validation: ${route.text.trim()}`),
        fix: t(
          "Validar el cuerpo contra los campos de la entidad antes de guardarlo",
          "Validate the body against the entity's fields before storing it",
        ),
      });
    }
  }
  const title = t("Validación en cada ruta de escritura", "Validation on every write route");
  const detail = t(
    `Rutas de escritura: ${routes}; validadas: ${routes - findings.length}`,
    `Write routes: ${routes}; validated: ${routes - findings.length}`,
  );
  return { title, passed: findings.length === 0, detail, findings };
};

const READS_FILES = /readFile\(|createReadStream\(|sendFile\(/;
const FROM_URL = /pathname|req\.url|request\.url/;

export const staticFiles: Check = ({ sources, t }) => {
  const servers = serverSources(sources).filter((file) => READS_FILES.test(file.content) && FROM_URL.test(file.content));
  const unguarded = servers.filter((file) => !(/startsWith\(/.test(file.content) && /\b(resolve|normalize)\(/.test(file.content)));
  const findings = unguarded.map(
    (file): Finding => ({
      severity: "high",
      file: file.path,
      what: t(
        "Sirve archivos a partir de la URL sin comprobar que quedan dentro de la carpeta pública",
        "Serves files from the URL without checking they stay inside the public folder",
      ),
      fix: t(
        "Resolver la ruta y rechazar las que salen de la carpeta (path traversal)",
        "Resolve the path and reject those outside the folder (path traversal)",
      ),
    }),
  );
  const title = t("Archivos estáticos sin path traversal", "Static files without path traversal");
  const detail =
    servers.length === 0
      ? t("No sirve archivos", "Serves no files")
      : t(`Ruta contenida en ${listPaths(servers)}`, `Path contained in ${listPaths(servers)}`);
  return { title, passed: findings.length === 0, detail: findings.length === 0 ? detail : t("Sin comprobación", "Unchecked"), findings };
};

export const cors: Check = ({ sources, t }) => {
  const findings: Finding[] = [];
  for (const file of serverSources(sources)) {
    const credentials = /access-control-allow-credentials["']?\s*[,:]\s*["']?true/i.test(file.content);
    for (const hit of findLines(file.content, /access-control-allow-origin["']?\s*[,:]\s*(.*)$/i)) {
      const value = hit.match[1] ?? "";
      const reflects = /headers\.origin|get\(\s*["']origin["']\)/i.test(value);
      if (!value.includes("*") && !reflects) continue;
      findings.push({
        severity: credentials ? "high" : reflects ? "medium" : "low",
        file: file.path,
        line: hit.line,
        what: reflects
          ? t("CORS refleja cualquier Origin: cualquier web puede leer la API", "CORS reflects any Origin: any website can read the API")
          : t("CORS abierto a cualquier origen (*)", "CORS open to every origin (*)"),
        fix: t("Permitir solo los orígenes conocidos", "Allow only known origins"),
      });
    }
  }
  const title = "CORS";
  const detail =
    findings.length === 0
      ? t("Sin cabeceras CORS abiertas: solo el mismo origen", "No open CORS headers: same origin only")
      : t("Abierto", "Open");
  return { title, passed: findings.length === 0, detail, findings };
};

export const accessControl: Check = ({ sources, t }) => {
  const servers = serverSources(sources).filter((file) => SERVES_HTTP.test(file.content));
  const code = servers.map((file) => file.content).join("\n");
  const findings: Finding[] = [];
  const first = servers[0];
  if (first && !/authorization|bearer|jwt|session|passport|x-api-key|basic realm/i.test(code)) {
    findings.push({
      severity: "medium",
      file: first.path,
      what: t(
        "La API no tiene autenticación: quien alcance el puerto puede leer, cambiar y borrar datos",
        "The API has no authentication: anyone who reaches the port can read, change and delete data",
      ),
      fix: t(
        "No corregido: la app está pensada para uso local. Antes de publicarla, ponla detrás de un proxy con login o añade usuarios",
        "Not fixed: the app is meant for local use. Before exposing it, put it behind a proxy with login or add users",
      ),
    });
  }
  if (first && !/rate.?limit|too many requests|\b429\b/i.test(code)) {
    findings.push({
      severity: "low",
      file: first.path,
      what: t("Sin límite de peticiones por cliente", "No per-client request rate limit"),
      fix: t(
        "No corregido: limitar en el proxy inverso (p. ej. limit_req de nginx) si se publica",
        "Not fixed: rate-limit at the reverse proxy (e.g. nginx limit_req) if exposed",
      ),
    });
  }
  const result: CheckResult = {
    title: t("Control de acceso", "Access control"),
    passed: findings.length === 0,
    detail:
      findings.length === 0
        ? t("Autenticación y límites presentes", "Authentication and limits present")
        : t("Documentado, sin corregir", "Documented, not fixed"),
    findings,
  };
  return result;
};

export const errorLeaks: Check = ({ sources, t }) => {
  const findings: Finding[] = [];
  for (const file of serverSources(sources)) {
    for (const hit of findLines(file.content, /\.stack\b/)) {
      if (/console\.|logger\.|log\(/.test(hit.text)) continue;
      findings.push({
        severity: "medium",
        file: file.path,
        line: hit.line,
        what: t("Puede enviar la traza de un error al cliente", "May send an error's stack trace to the client"),
        fix: t(
          "Registrar la traza en el servidor y responder un mensaje genérico",
          "Log the trace on the server and answer a generic message",
        ),
      });
    }
  }
  const title = t("Errores sin detalles internos", "Errors without internal details");
  return {
    title,
    passed: findings.length === 0,
    detail: findings.length === 0 ? t("Mensajes genéricos", "Generic messages") : t("Filtra trazas", "Leaks traces"),
    findings,
  };
};
