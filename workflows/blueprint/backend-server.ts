/**
 * src/server.js of a blueprint project. It ships without security headers on purpose: the
 * security role finds that by reading the source and adds them, so its audit has real work to do
 * and the fix is visible in the project's history (see security-fixes.ts).
 */
import type { Plan } from "../plan";
import { featuresOf, when } from "./features";
import { toJsonSource } from "./text";

const MESSAGES = {
  es: {
    notFound: "No encontrado",
    method: "Método no permitido",
    contentType: "Se esperaba Content-Type: application/json",
    tooLarge: "El cuerpo supera el límite de 64 KB",
    badJson: "El cuerpo no es JSON válido",
    invalid: "Datos no válidos",
    badPath: "Ruta no válida",
    internal: "Error interno del servidor",
    listening: "Escuchando en",
  },
  en: {
    notFound: "Not found",
    method: "Method not allowed",
    contentType: "Expected Content-Type: application/json",
    tooLarge: "The body exceeds the 64 KB limit",
    badJson: "The body is not valid JSON",
    invalid: "Invalid data",
    badPath: "Invalid path",
    internal: "Internal server error",
    listening: "Listening on",
  },
} as const;

export function renderServer(plan: Plan): string {
  const has = featuresOf(plan);
  return String.raw`// A zero-dependency HTTP server: the REST API for every entity in entities.js, the files in
// public/ and a health check. "npm start" runs it; the tests import createApp() instead.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Refusal, checkDelete, checkWrite } from "./checks.js";
import { ${has.redirect ? "byName, " : ""}byPlural, childrenOf, entities } from "./entities.js";
import { rules } from "./rules.js";
import { createStore } from "./store.js";
import { validate } from "./validation.js";
import { listViews, view } from "./views.js";

const PUBLIC_DIR = resolve(fileURLToPath(new URL("../public/", import.meta.url)));
/** Larger bodies are refused with 413 and never parsed. */
const MAX_BODY_BYTES = 64 * 1024;
/** Past this much, an oversized body is not even drained: the connection is closed. */
const MAX_DRAIN_BYTES = 1024 * 1024;
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
const MESSAGES = ${toJsonSource(MESSAGES[plan.language])};
${when(has.approval, 'const approvals = new Map(rules.filter((rule) => rule.type === "approval").map((rule) => [rule.entity, rule]));\n')}${when(has.redirect, 'const redirects = rules.filter((rule) => rule.type === "redirectAndCount");\n')}
class HttpError extends Error {
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.fields = extra.fields;
    this.rule = extra.rule;
    this.headers = extra.headers ?? {};
  }
}

export async function createApp({ dataDir = process.env.DATA_DIR } = {}) {
  const store = await createStore({ dataDir, collections: entities.map((entity) => entity.plural) });
  return createServer(async (req, res) => {
    try {
      await handle(req, res, store);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError || error instanceof Refusal) {
        const body = { error: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(error.rule ? { rule: error.rule } : {}) };
        sendJson(res, error.status, body, error.headers ?? {});
      } else {
        console.error(error);
        sendJson(res, 500, { error: MESSAGES.internal });
      }
    }
  });
}

async function handle(req, res, store) {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return sendJson(res, 200, { status: "ok" });
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return handleApi(req, res, url.pathname, store);
  if (req.method !== "GET" && req.method !== "HEAD") {
    throw new HttpError(405, MESSAGES.method, { headers: { Allow: "GET, HEAD" } });
  }
${when(has.redirect, '  if (url.pathname.startsWith("/r/")) return redirect(res, decodeURIComponent(url.pathname.slice(3)), store);\n')}  return serveStatic(req, res, url.pathname);
}
${when(
  has.redirect,
  String.raw`
/** The redirectAndCount rule: /r/{code} sends the browser to the record's URL and counts the visit. */
async function redirect(res, code, store) {
  for (const rule of redirects) {
    const entity = byName.get(rule.entity);
    const record = store.list(entity.plural).find((item) => item[rule.code] === code);
    if (!record) continue;
    await store.update(entity.plural, record.id, { [rule.count]: (record[rule.count] ?? 0) + 1 });
    res.writeHead(302, { Location: record[rule.url], "Cache-Control": "no-store" });
    res.end();
    return;
  }
  throw new HttpError(404, MESSAGES.notFound);
}
`,
)}
async function handleApi(req, res, pathname, store) {
  const [plural, id, sub, ...rest] = pathname.slice("/api/".length).split("/");
  if (plural === "views" && !byPlural.has("views")) return handleViews(req, res, id, rest.length > 0 || sub !== undefined, store);
  // What the UI is built from: the entities and rules of this project, as the server enforces them.
  if (plural === "meta" && !byPlural.has("meta") && id === undefined && req.method === "GET") return sendJson(res, 200, { entities, rules });
  const entity = byPlural.get(plural);
  if (!entity || rest.length > 0) throw new HttpError(404, MESSAGES.notFound);

  if (!id) {
    if (req.method === "GET") return sendJson(res, 200, store.list(plural));
    if (req.method === "POST") {
      const value = validated(entity, await readJson(req), { creating: true });
      return sendJson(res, 201, await store.create(plural, checkWrite(store, entity, value)));
    }
    throw new HttpError(405, MESSAGES.method, { headers: { Allow: "GET, POST" } });
  }

  if (sub !== undefined) return handleRelated(req, res, entity, id, sub, store);
  if (req.method === "GET") return sendJson(res, 200, found(store.get(plural, id)));
  if (req.method === "PUT" || req.method === "PATCH") {
    const current = found(store.get(plural, id));
    const value = validated(entity, await readJson(req), { partial: req.method === "PATCH" });
    return sendJson(res, 200, found(await store.update(plural, id, checkWrite(store, entity, value, current))));
  }
  if (req.method === "DELETE") {
    found(store.get(plural, id));
    checkDelete(store, entity, id);
    await store.remove(plural, id);
    res.writeHead(204).end();
    return;
  }
  throw new HttpError(405, MESSAGES.method, { headers: { Allow: "GET, PUT, PATCH, DELETE" } });
}

/** /api/{plural}/{id}/{children}: a record's related records; /api/{plural}/{id}/approve: the approval rule. */
async function handleRelated(req, res, entity, id, sub, store) {
  const record = found(store.get(entity.plural, id));
${when(
  has.approval,
  String.raw`  const approval = approvals.get(entity.name);
  if (sub === "approve" && approval) {
    // Takes no body, so there is nothing to validate: it only sets the approval flag the server owns.
    if (req.method !== "POST") throw new HttpError(405, MESSAGES.method, { headers: { Allow: "POST" } });
    return sendJson(res, 200, await store.update(entity.plural, record.id, { [approval.field]: true }));
  }
`,
)}  const related = childrenOf(entity).find((child) => child.entity.plural === sub);
  if (!related) throw new HttpError(404, MESSAGES.notFound);
  if (req.method !== "GET") throw new HttpError(405, MESSAGES.method, { headers: { Allow: "GET" } });
${
  has.approval
    ? String.raw`  // Records waiting for approval are not shown on their parent.
  const gate = approvals.get(related.entity.name);
  const children = store.list(related.entity.plural).filter((child) => child[related.field.name] === id && (!gate || child[gate.field] === true));`
    : String.raw`  const children = store.list(related.entity.plural).filter((child) => child[related.field.name] === record.id);`
}
  return sendJson(res, 200, children);
}

function handleViews(req, res, name, extra, store) {
  if (req.method !== "GET") throw new HttpError(405, MESSAGES.method, { headers: { Allow: "GET" } });
  if (extra) throw new HttpError(404, MESSAGES.notFound);
  if (!name) return sendJson(res, 200, listViews());
  const result = view(store, decodeURIComponent(name));
  if (!result) throw new HttpError(404, MESSAGES.notFound);
  return sendJson(res, 200, result);
}

function validated(entity, input, options) {
  const result = validate(entity, input, options);
  if (result.errors) throw new HttpError(400, MESSAGES.invalid, { fields: result.errors });
  return result.value;
}

function found(record) {
  if (!record) throw new HttpError(404, MESSAGES.notFound);
  return record;
}

async function readJson(req) {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    throw new HttpError(415, MESSAGES.contentType);
  }
  if (Number(req.headers["content-length"]) > MAX_DRAIN_BYTES) {
    throw new HttpError(413, MESSAGES.tooLarge, { headers: { Connection: "close" } });
  }
  const chunks = [];
  let size = 0;
  // Read to the end even when too large, so the client gets the 413 instead of a reset connection.
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > MAX_DRAIN_BYTES) break;
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(413, MESSAGES.tooLarge, { headers: { Connection: "close" } });
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, MESSAGES.badJson);
  }
}

async function serveStatic(req, res, pathname) {
  let relative;
  try {
    relative = normalize(decodeURIComponent(pathname));
  } catch {
    throw new HttpError(400, MESSAGES.badPath);
  }
  let file = resolve(PUBLIC_DIR, "." + relative);
  // Decoded "%2e%2e%2f" segments must not climb out of public/.
  if (file !== PUBLIC_DIR && !file.startsWith(PUBLIC_DIR + sep)) throw new HttpError(404, MESSAGES.notFound);
  if (file === PUBLIC_DIR || relative.endsWith(sep)) file = join(file, "index.html");
  let body;
  try {
    body = await readFile(file);
  } catch (error) {
    if (!["ENOENT", "EISDIR", "ENOTDIR"].includes(error.code)) throw error;
    // The plan's pages (/tasks, /tags) are views of the one-page app: extension-less paths get the page.
    if (extname(file) !== "") throw new HttpError(404, MESSAGES.notFound);
    file = join(PUBLIC_DIR, "index.html");
    body = await readFile(file);
  }
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "Content-Length": body.length,
    "Cache-Control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // A .env file is optional; variables already set in the environment win over it.
  try {
    process.loadEnvFile();
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const server = await createApp();
  server.listen(port, host, () => console.log(MESSAGES.listening + " http://" + host + ":" + port));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
`;
}
