import type { Role } from "../../shared/roles";

import type { Locale } from "../../shared/locale";

export type { Locale };

/** Spanish unless the client says English (Discord `locale`, Telegram `language_code`). */
export function localeFrom(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith("en") ? "en" : "es";
}

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  es: { architect: "Arquitecto", backend: "Backend", frontend: "Frontend", devops: "DevOps", security: "Seguridad" },
  en: { architect: "Architect", backend: "Backend", frontend: "Frontend", devops: "DevOps", security: "Security" },
};

export const roleName = (locale: Locale, role: Role) => ROLE_NAMES[locale][role];

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
    promptTooLong: (n: number, max: number) => `La idea tiene ${n} caracteres; el máximo es ${max}. Acórtala y vuelve a intentarlo.`,
    unknownModel: (reason: string) => `No puedo usar ese modelo: ${reason}`,
    started: (name: string) => `⏳ Empezando «${name}»…`,
    noProjects: "Todavía no tienes proyectos. Empieza uno con /crear <idea>.",
    projectsTitle: "Tus últimos proyectos:",
    projectNotFound: "No encuentro ese proyecto entre los tuyos.",
    consoleLink: (minutes: number) => `Tu enlace para entrar a la consola (caduca en ${minutes} minutos, un solo uso):`,
    unknownCommand: "No conozco ese comando. Escribe /ayuda para ver lo que sé hacer.",
    somethingWrong: "Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.",
    sentPrivately: "Te lo envié por mensaje privado.",
    alreadyHandled: "Ese mensaje ya se atendió y no pudo empezar. Envía /crear de nuevo.",
    noCredits: (balance: number, needed: number) =>
      `No tienes créditos suficientes: tienes ${balance} y una generación necesita ${needed}.`,
    buyCredits: "Comprar créditos",
    balance: (credits: number, plan: string | null) =>
      `Tienes ${credits} créditos. ${plan ? `Plan: ${plan}.` : "Sin plan de suscripción."}`,
    buyIntro: "Elige un paquete de créditos o un plan mensual (pago seguro con Stripe):",
    month: "mes",
    paymentsUnavailable: "Los pagos no están configurados en este servidor todavía.",
    linkCode: (code: string, minutes: number) =>
      `Tu código: ${code}\nEn el otro chat (Discord o Telegram) escribe: /vincular ${code}\nCaduca en ${minutes} minutos.`,
    linked: "Listo: este chat comparte ahora cuenta y créditos con el otro.",
    badLinkCode: "Ese código no es válido o ya caducó. Pide uno nuevo con /vincular.",
    tooManyRunning: (limit: number) => `Ya tienes ${limit} generaciones en marcha. Espera a que termine una y vuelve a intentarlo.`,
    hourlyLimit: (limit: number, minutes: number) =>
      `Ya empezaste ${limit} generaciones en la última hora. Podrás empezar otra en ${minutes} min.`,
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
    githubNoToken:
      "Primero guarda un token de GitHub (permiso de escritura en repositorios) en la consola, en Cuenta, o con PUT /api/account/keys/github.",
    githubNotReady: "El proyecto todavía no ha terminado: se puede exportar cuando esté listo.",
    openPrivateChat: "Ábreme un chat privado (pulsa mi nombre → Iniciar) y repite el comando allí.",
    help: [
      "Soy AUTOCREA: describe una app y la construyo entera.",
      "/crear <idea> — crea un proyecto (opcional: nombre y modelo)",
      "/estado [proyecto] — cómo va un proyecto",
      "/proyectos — tus últimos proyectos",
      "/github <usuario/repo> [proyecto] — sube la historia del proyecto a GitHub",
      "/saldo — tus créditos",
      "/comprar — comprar créditos",
      "/consola — entrar a la consola web",
      "/vincular [código] — unir esta cuenta con la de otro chat",
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
    promptTooLong: (n: number, max: number) => `The idea is ${n} characters long; the limit is ${max}. Shorten it and try again.`,
    unknownModel: (reason: string) => `I can't use that model: ${reason}`,
    started: (name: string) => `⏳ Starting “${name}”…`,
    noProjects: "You have no projects yet. Start one with /crear <idea>.",
    projectsTitle: "Your latest projects:",
    projectNotFound: "I can't find that project among yours.",
    consoleLink: (minutes: number) => `Your link to sign into the console (expires in ${minutes} minutes, single use):`,
    unknownCommand: "I don't know that command. Send /ayuda to see what I can do.",
    somethingWrong: "Something went wrong on our side. Please try again in a moment.",
    sentPrivately: "I sent it to you in a private message.",
    alreadyHandled: "That message was already handled and could not start. Send /crear again.",
    noCredits: (balance: number, needed: number) => `You don't have enough credits: you have ${balance} and a generation needs ${needed}.`,
    buyCredits: "Buy credits",
    balance: (credits: number, plan: string | null) => `You have ${credits} credits. ${plan ? `Plan: ${plan}.` : "No subscription plan."}`,
    buyIntro: "Choose a credit pack or a monthly plan (secure payment with Stripe):",
    month: "month",
    paymentsUnavailable: "Payments are not configured on this server yet.",
    linkCode: (code: string, minutes: number) =>
      `Your code: ${code}\nIn the other chat (Discord or Telegram) send: /vincular ${code}\nIt expires in ${minutes} minutes.`,
    linked: "Done: this chat now shares its account and credits with the other one.",
    badLinkCode: "That code is not valid or has expired. Ask for a new one with /vincular.",
    tooManyRunning: (limit: number) => `You already have ${limit} generations running. Wait for one to finish and try again.`,
    hourlyLimit: (limit: number, minutes: number) =>
      `You started ${limit} generations in the last hour. You can start another in ${minutes} min.`,
    cloneWith: (command: string) => `Clone it with git:\n${command}`,
    githubUsage: "Write the repository after the command, for example: /github myuser/my-app (optional: the project id and branch: name)",
    githubStarted: (repo: string, name: string) => `⏳ Exporting “${name}” to GitHub (${repo})…`,
    githubPushed: (repo: string, branch: string, url: string) => `✅ History pushed to ${repo}, branch ${branch}: ${url}`,
    githubUpToDate: (repo: string, branch: string, url: string) => `✅ ${repo} was already up to date on branch ${branch}: ${url}`,
    githubDiverged: (repo: string, wanted: string, branch: string, url: string) =>
      `⚠️ Branch ${wanted} of ${repo} has commits AUTOCREA did not make: I left it alone and pushed the history to ${branch}: ${url}`,
    openGithub: "Open on GitHub",
    githubFailed: (reason: string) => `❌ The GitHub export failed: ${reason}`,
    githubNoToken:
      "First store a GitHub token (with write access to repositories) in the console, under Account, or with PUT /api/account/keys/github.",
    githubNotReady: "The project has not finished yet: it can be exported once it is ready.",
    openPrivateChat: "Open a private chat with me (tap my name → Start) and send the command there.",
    help: [
      "I'm AUTOCREA: describe an app and I build all of it.",
      "/crear <idea> — create a project (optional: name and model)",
      "/estado [project] — how a project is going",
      "/proyectos — your latest projects",
      "/github <user/repo> [project] — push the project's history to GitHub",
      "/saldo — your credits",
      "/comprar — buy credits",
      "/consola — sign into the web console",
      "/vincular [code] — join this account with another chat's",
      "/ayuda — this help",
    ].join("\n"),
  },
} as const;

export type Messages = (typeof messages)[Locale];
export const t = (locale: Locale): Messages => messages[locale];
