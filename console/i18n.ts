/** Spanish first, English on request; the choice is remembered in this browser. */
import type { Locale } from "../shared/locale";

export type Lang = Locale;

const es = {
  tagline: "Escribe una idea; cinco roles la construyen.",
  projects: "Proyectos",
  account: "Cuenta",
  signOut: "Salir",
  switchLang: "English",
  idea: "Idea",
  ideaHint: "Por ejemplo: una app de reservas para mi peluquería",
  create: "Crear",
  creating: "Creando…",
  noProjects: "Todavía no hay proyectos.",
  files: "archivos",
  back: "← Proyectos",
  roles: "Roles",
  output: "Salida",
  outputOf: "Salida de",
  waiting: "Esperando…",
  writing: "escribiendo…",
  fileTree: "Archivos",
  noFiles: "Aún no hay archivos.",
  viewer: "Visor",
  pickFile: "Elige un archivo para verlo.",
  download: "Descargar ZIP",
  share: "Compartir",
  shareCreate: "Crear enlace de solo lectura",
  shareRenew: "Crear un enlace nuevo",
  shareRevoke: "Revocar enlace",
  shareLink: "Enlace para compartir",
  shareNone: "Nadie más puede ver este proyecto.",
  shareActive: "Hay un enlace activo. Crea uno nuevo para volver a verlo; el anterior dejará de funcionar.",
  viewers: "viendo",
  readOnly: "Vista de solo lectura",
  reconnecting: "Reconectando…",
  revoked: "El enlace fue revocado.",
  sessionEnded: "Tu sesión terminó. Vuelve a entrar desde el chat con «consola».",
  gone: "El enlace fue revocado o el proyecto no existe.",
  signInNoCookie: "El navegador no guardó la sesión: abre la consola en http://127.0.0.1 o por https.",
  problems: "Problemas",
  problem_invalid_file: "archivo inválido",
  problem_missing_file: "falta el archivo",
  modelChanged: "Modelo cambiado a",
  checkoutSuccess: "Pago recibido: tus créditos llegan en unos segundos.",
  checkoutCancelled: "Pago cancelado: no se cobró nada.",
  signInTitle: "Entra desde el chat",
  signInHelp: "Escribe «consola» al bot de AUTOCREA en Telegram o Discord y abre el enlace que te envía.",
  signInExpired: "Ese enlace ya se usó o caducó. Pide otro con «consola».",
  devSignIn: "Entrar (desarrollo)",
  error: "Algo falló",
  credits: "Créditos",
  plan: "Plan",
  noPlan: "Sin plan",
  buy: "Comprar",
  buyPack: "Comprar créditos",
  paymentsOff: "Los pagos no están configurados en este servidor todavía: no se puede comprar por ahora.",
  subscribe: "Suscribirse",
  keys: "Tus claves de modelo",
  keysHelp: "Se guardan cifradas y nunca se muestran. Déjalo vacío para no cambiarla.",
  save: "Guardar",
  remove: "Quitar",
  saved: "Guardada",
  keyStored: "guardada, termina en",
  keyNone: "sin clave",
  ledger: "Movimientos",
  mcpTitle: "Usa AUTOCREA desde tu asistente (MCP)",
  mcpHelp:
    "Añade AUTOCREA como servidor MCP en Claude, Cursor o VS Code con esta URL y un token tuyo: tendrás crear, estado, proyectos, saldo y leer_archivo.",
  mcpUrl: "URL del servidor",
  mcpToken: "Tu token",
  mcpTokenOnce: "Cópialo ahora: no se vuelve a mostrar. Quien lo tenga puede gastar tus créditos.",
  mcpTokenNone: "Todavía no tienes un token para asistentes.",
  mcpTokenActive: "Tienes un token activo. Crea uno nuevo para verlo; el anterior dejará de funcionar.",
  mcpCreate: "Crear token",
  mcpRenew: "Crear un token nuevo",
  mcpRevoke: "Revocar token",
  mcpConfig: "Configuración",
  unavailable: "No disponible todavía.",
  status_queued: "en cola",
  status_running: "en marcha",
  status_completed: "terminado",
  status_failed: "falló",
  step_pending: "pendiente",
  step_running: "trabajando",
  step_done: "hecho",
  step_failed: "falló",
  role_architect: "Arquitecto",
  role_backend: "Backend",
  role_frontend: "Frontend",
  role_devops: "DevOps",
  role_security: "Seguridad",
};

export type Key = keyof typeof es;

const en: Record<Key, string> = {
  tagline: "Type an idea; five roles build it.",
  projects: "Projects",
  account: "Account",
  signOut: "Sign out",
  switchLang: "Español",
  idea: "Idea",
  ideaHint: "For example: a booking app for my hair salon",
  create: "Create",
  creating: "Creating…",
  noProjects: "No projects yet.",
  files: "files",
  back: "← Projects",
  roles: "Roles",
  output: "Output",
  outputOf: "Output of",
  waiting: "Waiting…",
  writing: "writing…",
  fileTree: "Files",
  noFiles: "No files yet.",
  viewer: "Viewer",
  pickFile: "Pick a file to view it.",
  download: "Download ZIP",
  share: "Share",
  shareCreate: "Create a read-only link",
  shareRenew: "Create a new link",
  shareRevoke: "Revoke link",
  shareLink: "Link to share",
  shareNone: "Nobody else can see this project.",
  shareActive: "A link is active. Create a new one to see it again; the old one stops working.",
  viewers: "watching",
  readOnly: "Read-only view",
  reconnecting: "Reconnecting…",
  revoked: "The link was revoked.",
  sessionEnded: "Your session ended. Sign in again from the chat with “consola”.",
  gone: "The link was revoked or the project does not exist.",
  signInNoCookie: "The browser did not keep the session: open the console at http://127.0.0.1 or over https.",
  problems: "Problems",
  problem_invalid_file: "invalid file",
  problem_missing_file: "missing file",
  modelChanged: "Model switched to",
  checkoutSuccess: "Payment received: your credits arrive in a few seconds.",
  checkoutCancelled: "Payment cancelled: nothing was charged.",
  signInTitle: "Sign in from the chat",
  signInHelp: "Send “consola” to the AUTOCREA bot on Telegram or Discord and open the link it sends you.",
  signInExpired: "That link was already used or has expired. Ask for another with “consola”.",
  devSignIn: "Sign in (development)",
  error: "Something went wrong",
  credits: "Credits",
  plan: "Plan",
  noPlan: "No plan",
  buy: "Buy",
  buyPack: "Buy credits",
  paymentsOff: "Payments are not configured on this server yet: buying is not possible for now.",
  subscribe: "Subscribe",
  keys: "Your model keys",
  keysHelp: "Stored encrypted and never shown. Leave empty to keep it unchanged.",
  save: "Save",
  remove: "Remove",
  saved: "Saved",
  keyStored: "stored, ends in",
  keyNone: "no key",
  ledger: "Activity",
  mcpTitle: "Use AUTOCREA from your assistant (MCP)",
  mcpHelp:
    "Add AUTOCREA as an MCP server in Claude, Cursor or VS Code with this URL and a token of yours: you get crear, estado, proyectos, saldo and leer_archivo.",
  mcpUrl: "Server URL",
  mcpToken: "Your token",
  mcpTokenOnce: "Copy it now: it is not shown again. Whoever has it can spend your credits.",
  mcpTokenNone: "You have no assistant token yet.",
  mcpTokenActive: "A token is active. Create a new one to see it; the old one stops working.",
  mcpCreate: "Create a token",
  mcpRenew: "Create a new token",
  mcpRevoke: "Revoke token",
  mcpConfig: "Configuration",
  unavailable: "Not available yet.",
  status_queued: "queued",
  status_running: "running",
  status_completed: "completed",
  status_failed: "failed",
  step_pending: "pending",
  step_running: "working",
  step_done: "done",
  step_failed: "failed",
  role_architect: "Architect",
  role_backend: "Backend",
  role_frontend: "Frontend",
  role_devops: "DevOps",
  role_security: "Security",
};

const STORAGE_KEY = "autocrea.lang";
let current: Lang = readStored();

function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "es";
  } catch {
    return "es";
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function t(key: Key): string {
  return (current === "en" ? en : es)[key];
}

/** For keys built from protocol values (`status_running`, `role_backend`). */
export function tk(prefix: "status" | "step" | "role" | "problem", value: string): string {
  const key = `${prefix}_${value}`;
  return isKey(key) ? t(key) : value;
}

function isKey(key: string): key is Key {
  return Object.hasOwn(es, key);
}
