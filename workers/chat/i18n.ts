import type { ApiErrorBody, ApiErrorCode } from "../../shared/error-codes";
import type { Locale } from "../../shared/locale";
import type { Role } from "../../shared/roles";
import type { FollowUpKind } from "../../shared/runs";

export type { Locale };

/** Spanish unless the client says English (Discord `locale`, Telegram `language_code`). */
export function localeFrom(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith("en") ? "en" : "es";
}

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  es: {
    architect: "Arquitecto",
    backend: "Backend",
    frontend: "Frontend",
    devops: "DevOps",
    security: "Seguridad",
    editor: "Editor",
    explainer: "Explicación",
  },
  en: {
    architect: "Architect",
    backend: "Backend",
    frontend: "Frontend",
    devops: "DevOps",
    security: "Security",
    editor: "Editor",
    explainer: "Explainer",
  },
};

export const roleName = (locale: Locale, role: Role) => ROLE_NAMES[locale][role];

/** How the bots word an API error code; the fields come from `errorCodeOf` (workers/projects/start-errors.ts). */
type ErrorWording = (e: ApiErrorBody) => string;

const ERRORS: Record<Locale, Record<ApiErrorCode, ErrorWording>> = {
  es: {
    invalid_request: (e) => (e.field === "model" ? `No puedo usar ese modelo: ${e.message}` : `No puedo hacer eso: ${e.message}`),
    invalid_json: () => "El mensaje no es JSON válido.",
    body_too_large: () => "El mensaje es demasiado grande.",
    unauthorized: () => "No sé quién eres. Pide un enlace nuevo con /consola.",
    cross_site: () => "Esa petición vino de otro sitio y la rechacé.",
    invalid_signature: () => "La firma del mensaje no es válida.",
    stale_request: () => "El mensaje es demasiado antiguo (o viene del futuro): lo rechacé.",
    not_found: () => "No encuentro eso.",
    invalid_code: () => "Ese código no es válido o ya caducó. Pide uno nuevo con /vincular.",
    not_ready: () => "El proyecto aún no ha terminado: inténtalo cuando se complete.",
    upgrade_required: () => "Esa dirección solo habla WebSocket.",
    unsupported_interaction: () => "No sé atender ese tipo de interacción.",
    prompt_too_long: (e) =>
      e.length !== undefined && e.max !== undefined
        ? `La idea tiene ${e.length} caracteres; el máximo es ${e.max}. Acórtala y vuelve a intentarlo.`
        : "La idea es demasiado larga. Acórtala y vuelve a intentarlo.",
    insufficient_credits: (e) =>
      e.balance !== undefined && e.estimate !== undefined
        ? `No tienes créditos suficientes: tienes ${e.balance} y una generación necesita ${e.estimate}.`
        : "No tienes créditos suficientes.",
    rate_limited: (e) =>
      e.reason === "concurrent" && e.limit !== undefined
        ? `Ya tienes ${e.limit} generaciones en marcha. Espera a que termine una y vuelve a intentarlo.`
        : e.reason === "hourly" && e.limit !== undefined && e.retryAfter !== undefined
          ? `Ya empezaste ${e.limit} generaciones en la última hora. Podrás empezar otra en ${Math.ceil(e.retryAfter / 60)} min.`
          : `Demasiadas peticiones seguidas. Vuelve a intentarlo ${e.retryAfter === undefined ? "en un momento" : `en ${e.retryAfter} s`}.`,
    run_settled: () => "Ese mensaje ya se atendió y no pudo empezar. Envía /crear de nuevo.",
    run_in_progress: () => "Este proyecto ya tiene un cambio en marcha. Espera a que termine y vuelve a intentarlo.",
    // The message says, in the instruction's language, why and what the offline model can do.
    unsupported_edit: (e) => `No puedo hacer ese cambio sin conexión. ${e.message}`,
    no_customer: () => "Todavía no has pagado nada con Stripe: compra créditos primero con /comprar.",
    not_configured: () => "Eso no está configurado en este servidor.",
    keys_unavailable: () => "Este servidor no puede guardar claves de modelo todavía.",
    github_token_missing: () =>
      "Primero guarda un token de GitHub (permiso de escritura en repositorios) en la consola, en Cuenta, o con PUT /api/account/keys/github.",
    billing_unavailable: () => "Los pagos no están configurados en este servidor todavía.",
    payment_provider_error: () => "El proveedor de pagos rechazó la petición. Inténtalo más tarde.",
    forbidden: () => "Tu cuenta no puede hacer esto.",
    project_removed: () => "La moderación retiró ese proyecto: ya no puede publicarse.",
    own_project: () => "Es tu propio proyecto: eso no se puede hacer con él.",
    internal: () => "Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.",
  },
  en: {
    invalid_request: (e) => (e.field === "model" ? `I can't use that model: ${e.message}` : `I can't do that: ${e.message}`),
    invalid_json: () => "The message is not valid JSON.",
    body_too_large: () => "The message is too large.",
    unauthorized: () => "I don't know who you are. Ask for a new link with /consola.",
    cross_site: () => "That request came from another site and was refused.",
    invalid_signature: () => "The message's signature is not valid.",
    stale_request: () => "The message is too old (or from the future), so it was refused.",
    not_found: () => "I can't find that.",
    invalid_code: () => "That code is not valid or has expired. Ask for a new one with /vincular.",
    not_ready: () => "The project has not finished yet: try again once it completes.",
    upgrade_required: () => "That address only speaks WebSocket.",
    unsupported_interaction: () => "I can't handle that kind of interaction.",
    prompt_too_long: (e) =>
      e.length !== undefined && e.max !== undefined
        ? `The idea is ${e.length} characters long; the limit is ${e.max}. Shorten it and try again.`
        : "The idea is too long. Shorten it and try again.",
    insufficient_credits: (e) =>
      e.balance !== undefined && e.estimate !== undefined
        ? `You don't have enough credits: you have ${e.balance} and a generation needs ${e.estimate}.`
        : "You don't have enough credits.",
    rate_limited: (e) =>
      e.reason === "concurrent" && e.limit !== undefined
        ? `You already have ${e.limit} generations running. Wait for one to finish and try again.`
        : e.reason === "hourly" && e.limit !== undefined && e.retryAfter !== undefined
          ? `You started ${e.limit} generations in the last hour. You can start another in ${Math.ceil(e.retryAfter / 60)} min.`
          : `Too many requests in a row. Try again ${e.retryAfter === undefined ? "in a moment" : `in ${e.retryAfter} s`}.`,
    run_settled: () => "That message was already handled and could not start. Send /crear again.",
    run_in_progress: () => "This project already has a change in progress. Wait for it to finish and try again.",
    unsupported_edit: (e) => `I can't make that change offline. ${e.message}`,
    no_customer: () => "You have not paid with Stripe yet: buy credits first with /comprar.",
    not_configured: () => "That is not configured on this server.",
    keys_unavailable: () => "This server cannot store model keys yet.",
    github_token_missing: () =>
      "First store a GitHub token (with write access to repositories) in the console, under Account, or with PUT /api/account/keys/github.",
    billing_unavailable: () => "Payments are not configured on this server yet.",
    payment_provider_error: () => "The payment provider refused the request. Try again later.",
    forbidden: () => "Your account cannot do this.",
    project_removed: () => "Moderation removed that project: it can no longer be published.",
    own_project: () => "It is your own project: that cannot be done with it.",
    internal: () => "Something went wrong on our side. Please try again in a moment.",
  },
};

/** An API error code in the user's language; `message` and details are what the code carries. */
export function errorText(locale: Locale, error: ApiErrorCode | ApiErrorBody): string {
  const body = typeof error === "string" ? { code: error, message: "" } : error;
  return ERRORS[locale][body.code](body);
}

/** Every sentence the bots say, in both languages. Functions take what varies. */
export const messages = {
  es: {
    queued: "En cola",
    building: (name: string, model: string) => `🛠️ Construyendo «${name}» con ${model}`,
    files: (n: number) => (n === 1 ? "1 archivo" : `${n} archivos`),
    retrying: (attempt: number) => `reintento ${attempt}`,
    completed: (name: string, files: number) => `✅ «${name}» está listo: ${files} archivos.`,
    failed: (name: string, reason: string) => `❌ «${name}» falló: ${reason}`,
    downloadZip: "Descargar ZIP",
    openConsole: "Abrir en la consola",
    needIdea: "Escribe la idea después del comando, por ejemplo: /crear una app de reservas para mi peluquería",
    needText: (kind: FollowUpKind) =>
      kind === "edit"
        ? "Escribe el cambio después del comando, por ejemplo: /cambiar añade un campo teléfono a los clientes"
        : kind === "fix"
          ? "Pega el error o describe el problema después del comando, por ejemplo: /arreglar npm test falla con TypeError: …"
          : "Escribe la pregunta después del comando, por ejemplo: /explicar ¿cómo se guardan las citas?",
    following: (kind: FollowUpKind, name: string, model: string) =>
      kind === "fix"
        ? `🩹 Arreglando «${name}» con ${model}`
        : kind === "explain"
          ? `🔎 Leyendo «${name}» con ${model} para responderte`
          : `✏️ Cambiando «${name}» con ${model}`,
    changed: (name: string, files: number) => `✅ «${name}» cambiado: ${files === 1 ? "1 archivo" : `${files} archivos`}.`,
    noChanges: (name: string) => `✅ «${name}»: sin cambios, no hacía falta tocar nada.`,
    answer: (name: string) => `💬 Sobre «${name}»:`,
    cited: (paths: string) => `Archivos citados: ${paths}`,
    answerCut: "… (la respuesta completa está en la consola)",
    started: (name: string) => `⏳ Empezando «${name}»…`,
    noProjects: "Todavía no tienes proyectos. Empieza uno con /crear <idea>.",
    projectsTitle: "Tus últimos proyectos:",
    projectNotFound: "No encuentro ese proyecto entre los tuyos.",
    consoleLink: (minutes: number) => `Tu enlace para entrar a la consola (caduca en ${minutes} minutos, un solo uso):`,
    unknownCommand: "No conozco ese comando. Escribe /ayuda para ver lo que sé hacer.",
    sentPrivately: "Te lo envié por mensaje privado.",
    replayed: "Ese comando ya se atendió; no lo repito.",
    replayedCrear: (id: string) => `Ese /crear ya se atendió: es el proyecto ${id}. Míralo con /estado ${id}.`,
    buyCredits: "Comprar créditos",
    balance: (credits: number, plan: string | null) =>
      `Tienes ${credits} créditos. ${plan ? `Plan: ${plan}.` : "Sin plan de suscripción."}`,
    buyIntro: "Elige un paquete de créditos o un plan mensual (pago seguro con Stripe):",
    month: "mes",
    linkCode: (code: string, minutes: number) =>
      `Tu código: ${code}\nEn el otro chat (Discord o Telegram) escribe: /vincular ${code}\nCaduca en ${minutes} minutos.`,
    linked: "Listo: este chat comparte ahora cuenta y créditos con el otro.",
    cloneWith: (command: string) => `Clónalo con git:\n${command}`,
    githubUsage:
      "Escribe el repositorio después del comando, por ejemplo: /github miusuario/mi-app (opcional: el id del proyecto y rama: nombre)",
    githubStarted: (repo: string, name: string) => `⏳ Exportando «${name}» a GitHub (${repo})…`,
    githubPushed: (repo: string, branch: string, url: string) => `✅ Historia subida a ${repo}, rama ${branch}: ${url}`,
    githubUpToDate: (repo: string, branch: string, url: string) => `✅ ${repo} ya estaba al día en la rama ${branch}: ${url}`,
    githubDiverged: (repo: string, wanted: string, branch: string, url: string) =>
      `⚠️ La rama ${wanted} de ${repo} tiene commits que no son de AUTOCREA: no la toqué y subí la historia a ${branch}: ${url}`,
    openGithub: "Abrir en GitHub",
    githubFailed: (reason: string) => `❌ La exportación a GitHub falló: ${reason}`,
    githubNotReady: "El proyecto todavía no ha terminado: se puede exportar cuando esté listo.",
    openPrivateChat: "Ábreme un chat privado (pulsa mi nombre → Iniciar) y repite el comando allí.",
    help: [
      "Soy AUTOCREA: describe una app y la construyo entera.",
      "/crear <idea> — crea un proyecto (opcional: nombre y modelo)",
      "/estado [proyecto] — cómo va un proyecto",
      "/cambiar <cambio> — cambia tu último proyecto (o responde a su mensaje)",
      "/arreglar <error> — arregla un fallo, pegando el error",
      "/explicar <pregunta> — pregunta cómo funciona el código",
      "/proyectos — tus últimos proyectos",
      "/github <usuario/repo> [proyecto] — sube la historia del proyecto a GitHub",
      "/saldo — tus créditos",
      "/comprar — comprar créditos",
      "/consola — entrar a la consola web",
      "/vincular [código] — unir esta cuenta con la de otro chat",
      "/publicar [proyecto] — hacerlo público: página, galería y clonado",
      "/ocultar [proyecto] — volver a hacerlo privado",
      "/galeria [búsqueda] — lo más destacado de la galería",
      "/remix <proyecto> [instrucción] — tu propia copia de un proyecto público",
      "/ayuda — esta ayuda",
    ].join("\n"),
  },
  en: {
    queued: "Queued",
    building: (name: string, model: string) => `🛠️ Building “${name}” with ${model}`,
    files: (n: number) => (n === 1 ? "1 file" : `${n} files`),
    retrying: (attempt: number) => `retry ${attempt}`,
    completed: (name: string, files: number) => `✅ “${name}” is ready: ${files} files.`,
    failed: (name: string, reason: string) => `❌ “${name}” failed: ${reason}`,
    downloadZip: "Download ZIP",
    openConsole: "Open in the console",
    needIdea: "Write the idea after the command, for example: /crear a booking app for my barbershop",
    needText: (kind: FollowUpKind) =>
      kind === "edit"
        ? "Write the change after the command, for example: /cambiar add a phone field to customers"
        : kind === "fix"
          ? "Paste the error or describe the problem after the command, for example: /arreglar npm test fails with TypeError: …"
          : "Write the question after the command, for example: /explicar how are bookings stored?",
    following: (kind: FollowUpKind, name: string, model: string) =>
      kind === "fix"
        ? `🩹 Fixing “${name}” with ${model}`
        : kind === "explain"
          ? `🔎 Reading “${name}” with ${model} to answer you`
          : `✏️ Changing “${name}” with ${model}`,
    changed: (name: string, files: number) => `✅ “${name}” changed: ${files === 1 ? "1 file" : `${files} files`}.`,
    noChanges: (name: string) => `✅ “${name}”: no changes, nothing needed touching.`,
    answer: (name: string) => `💬 About “${name}”:`,
    cited: (paths: string) => `Files cited: ${paths}`,
    answerCut: "… (the whole answer is in the console)",
    started: (name: string) => `⏳ Starting “${name}”…`,
    noProjects: "You have no projects yet. Start one with /crear <idea>.",
    projectsTitle: "Your latest projects:",
    projectNotFound: "I can't find that project among yours.",
    consoleLink: (minutes: number) => `Your link to sign into the console (expires in ${minutes} minutes, single use):`,
    unknownCommand: "I don't know that command. Send /ayuda to see what I can do.",
    sentPrivately: "I sent it to you in a private message.",
    replayed: "That command was already answered; I won't repeat it.",
    replayedCrear: (id: string) => `That /crear was already handled: it is project ${id}. See it with /estado ${id}.`,
    buyCredits: "Buy credits",
    balance: (credits: number, plan: string | null) => `You have ${credits} credits. ${plan ? `Plan: ${plan}.` : "No subscription plan."}`,
    buyIntro: "Choose a credit pack or a monthly plan (secure payment with Stripe):",
    month: "month",
    linkCode: (code: string, minutes: number) =>
      `Your code: ${code}\nIn the other chat (Discord or Telegram) send: /vincular ${code}\nIt expires in ${minutes} minutes.`,
    linked: "Done: this chat now shares its account and credits with the other one.",
    cloneWith: (command: string) => `Clone it with git:\n${command}`,
    githubUsage: "Write the repository after the command, for example: /github myuser/my-app (optional: the project id and branch: name)",
    githubStarted: (repo: string, name: string) => `⏳ Exporting “${name}” to GitHub (${repo})…`,
    githubPushed: (repo: string, branch: string, url: string) => `✅ History pushed to ${repo}, branch ${branch}: ${url}`,
    githubUpToDate: (repo: string, branch: string, url: string) => `✅ ${repo} was already up to date on branch ${branch}: ${url}`,
    githubDiverged: (repo: string, wanted: string, branch: string, url: string) =>
      `⚠️ Branch ${wanted} of ${repo} has commits AUTOCREA did not make: I left it alone and pushed the history to ${branch}: ${url}`,
    openGithub: "Open on GitHub",
    githubFailed: (reason: string) => `❌ The GitHub export failed: ${reason}`,
    githubNotReady: "The project has not finished yet: it can be exported once it is ready.",
    openPrivateChat: "Open a private chat with me (tap my name → Start) and send the command there.",
    help: [
      "I'm AUTOCREA: describe an app and I build all of it.",
      "/crear <idea> — create a project (optional: name and model)",
      "/estado [project] — how a project is going",
      "/cambiar <change> — change your latest project (or reply to its message)",
      "/arreglar <error> — fix a failure, pasting the error",
      "/explicar <question> — ask how the code works",
      "/proyectos — your latest projects",
      "/github <user/repo> [project] — push the project's history to GitHub",
      "/saldo — your credits",
      "/comprar — buy credits",
      "/consola — sign into the web console",
      "/vincular [code] — join this account with another chat's",
      "/publicar [project] — make it public: page, gallery and clone",
      "/ocultar [project] — make it private again",
      "/galeria [search] — the top of the gallery",
      "/remix <project> [instruction] — your own copy of a public project",
      "/ayuda — this help",
    ].join("\n"),
  },
} as const;

export type Messages = (typeof messages)[Locale];
export const t = (locale: Locale): Messages => messages[locale];
