/**
 * The console's words for every API error code (shared/error-codes.ts), in both languages. Kept
 * apart from i18n.ts, which touches the DOM, so the tests can check every code has its words.
 */
import type { ApiErrorBody, ApiErrorCode, ApiErrorDetails } from "../shared/error-codes";
import { isApiErrorCode } from "../shared/error-codes";
import type { Locale as Lang } from "../shared/locale";

/** How the console words each API error code; `e` is the server's error object. */
type ErrorWording = (e: ApiErrorBody) => string;

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const ERRORS: Record<Lang, Record<ApiErrorCode, ErrorWording>> = {
  es: {
    invalid_request: (e) =>
      e.field === "model"
        ? `No se puede usar ese modelo: ${e.message}`
        : `La petición no es válida${e.field ? ` (${e.field})` : ""}: ${e.message}`,
    invalid_json: () => "La petición no es JSON válido.",
    body_too_large: () => "La petición es demasiado grande.",
    unauthorized: () => "Tu sesión terminó. Vuelve a entrar desde el chat con «consola».",
    cross_site: () => "La petición vino de otro sitio y se rechazó.",
    invalid_signature: () => "La firma de la petición no es válida.",
    stale_request: () => "La petición es demasiado antigua.",
    not_found: () => "No existe o ya no está disponible.",
    invalid_code: () => "Ese código no es válido, ya se usó o caducó. Pide uno nuevo.",
    not_ready: () => "El proyecto aún no ha terminado: inténtalo cuando se complete.",
    upgrade_required: () => "Esta dirección solo acepta WebSocket.",
    unsupported_interaction: () => "Ese tipo de interacción no se atiende.",
    prompt_too_long: (e) =>
      e.length !== undefined && e.max !== undefined
        ? `La idea tiene ${e.length} caracteres; el máximo es ${e.max}. Acórtala.`
        : "La idea es demasiado larga. Acórtala.",
    insufficient_credits: (e) =>
      e.balance !== undefined && e.estimate !== undefined
        ? `No tienes créditos suficientes: tienes ${e.balance} y una generación necesita ${e.estimate}.`
        : "No tienes créditos suficientes.",
    rate_limited: (e) =>
      e.reason === "concurrent" && e.limit !== undefined
        ? `Ya tienes ${e.limit} generaciones en marcha. Espera a que termine una.`
        : e.reason === "hourly" && e.limit !== undefined && e.retryAfter !== undefined
          ? `Ya empezaste ${e.limit} generaciones en la última hora. Podrás empezar otra en ${minutes(e.retryAfter)} min.`
          : `Demasiadas peticiones seguidas. Vuelve a intentarlo ${e.retryAfter === undefined ? "en un momento" : `en ${e.retryAfter} s`}.`,
    run_settled: () => "Esta generación ya se cerró y no puede volver a empezar.",
    run_in_progress: () => "Este proyecto ya tiene una ejecución en marcha; espera a que termine.",
    // The server's message says, in the instruction's language, why and what the offline model can do.
    unsupported_edit: (e) => `Ese cambio no se puede hacer sin conexión. ${e.message}`,
    no_customer: () => "Aún no has pagado nada: compra créditos primero.",
    not_configured: () => "Esto no está configurado en este servidor.",
    keys_unavailable: () => "Este servidor no puede guardar claves todavía.",
    github_token_missing: () => "Primero guarda tu token de GitHub en Cuenta.",
    billing_unavailable: () => "Los pagos no están configurados en este servidor todavía.",
    payment_provider_error: () => "El proveedor de pagos rechazó la petición. Inténtalo más tarde.",
    forbidden: () => "Tu cuenta no puede hacer esto.",
    project_removed: () => "La moderación retiró este proyecto: ya no puede publicarse.",
    own_project: () => "Es tu propio proyecto: eso no se puede hacer con él.",
    internal: () => "Algo salió mal en el servidor. Inténtalo de nuevo en un momento.",
  },
  en: {
    invalid_request: (e) =>
      e.field === "model"
        ? `That model cannot be used: ${e.message}`
        : `The request is not valid${e.field ? ` (${e.field})` : ""}: ${e.message}`,
    invalid_json: () => "The request is not valid JSON.",
    body_too_large: () => "The request is too large.",
    unauthorized: () => "Your session ended. Sign in again from the chat with “consola”.",
    cross_site: () => "The request came from another site and was refused.",
    invalid_signature: () => "The request's signature is not valid.",
    stale_request: () => "The request is too old.",
    not_found: () => "It does not exist or is no longer available.",
    invalid_code: () => "That code is not valid, was already used or has expired. Ask for a new one.",
    not_ready: () => "The project has not finished yet: try again once it completes.",
    upgrade_required: () => "This address only accepts WebSocket.",
    unsupported_interaction: () => "That kind of interaction is not handled.",
    prompt_too_long: (e) =>
      e.length !== undefined && e.max !== undefined
        ? `The idea is ${e.length} characters long; the limit is ${e.max}. Shorten it.`
        : "The idea is too long. Shorten it.",
    insufficient_credits: (e) =>
      e.balance !== undefined && e.estimate !== undefined
        ? `You don't have enough credits: you have ${e.balance} and a generation needs ${e.estimate}.`
        : "You don't have enough credits.",
    rate_limited: (e) =>
      e.reason === "concurrent" && e.limit !== undefined
        ? `You already have ${e.limit} generations running. Wait for one to finish.`
        : e.reason === "hourly" && e.limit !== undefined && e.retryAfter !== undefined
          ? `You started ${e.limit} generations in the last hour. You can start another in ${minutes(e.retryAfter)} min.`
          : `Too many requests in a row. Try again ${e.retryAfter === undefined ? "in a moment" : `in ${e.retryAfter} s`}.`,
    run_settled: () => "This generation is already closed and cannot start again.",
    run_in_progress: () => "This project already has a run in progress; wait for it to finish.",
    unsupported_edit: (e) => `That change cannot be made offline. ${e.message}`,
    no_customer: () => "You have not paid anything yet: buy credits first.",
    not_configured: () => "This is not configured on this server.",
    keys_unavailable: () => "This server cannot store keys yet.",
    github_token_missing: () => "Store your GitHub token under Account first.",
    billing_unavailable: () => "Payments are not configured on this server yet.",
    payment_provider_error: () => "The payment provider refused the request. Try again later.",
    forbidden: () => "Your account cannot do this.",
    project_removed: () => "Moderation removed this project: it can no longer be published.",
    own_project: () => "It is your own project: that cannot be done with it.",
    internal: () => "Something went wrong on the server. Try again in a moment.",
  },
};

/** A server error in the reader's language; an unknown code keeps the server's own message. */
export function errorWording(lang: Lang, code: string, message: string, details: ApiErrorDetails = {}): string {
  return isApiErrorCode(code) ? ERRORS[lang][code]({ ...details, code, message }) : message;
}
