import type { CallToolResult } from "@modelcontextprotocol/server";
import type { ApiErrorBody } from "../../shared/error-codes";
import type { ProjectView } from "../../shared/protocol";
import { errorText, t } from "../chat/i18n";
import type { Locale } from "../chat/i18n";
import { renderProgress } from "../chat/progress";
import type { ChatMessage } from "../chat/progress";
import { log } from "../lib/log";
import { errorCodeOf } from "../projects/start-errors";
import { projectLinks } from "./links";

/**
 * A tool's answer: text for the assistant to read and, when there are facts a next call needs
 * (a project id, links), the same facts as data. The data is repeated as JSON text because many
 * clients show the model only `content`, as the MCP specification suggests for structured results.
 */
export function answer(text: string, data?: Record<string, unknown>): CallToolResult {
  if (!data) return { content: [{ type: "text", text }] };
  return {
    content: [
      { type: "text", text },
      { type: "text", text: JSON.stringify(data) },
    ],
    structuredContent: data,
  };
}

/** A tool error (`isError`): the assistant sees it and can tell the user; the protocol call succeeded. */
export function refusal(text: string, data?: Record<string, unknown>): CallToolResult {
  return { ...answer(text, data), isError: true };
}

/** A bot message as plain text: its buttons become `label: url` lines. */
export function messageText(message: ChatMessage): string {
  const links = message.buttons.map((b) => `${b.label}: ${b.url}`);
  return links.length > 0 ? `${message.text}\n\n${links.join("\n")}` : message.text;
}

/**
 * Why a project could not start, worded as the bots word the same API error code (with their buy
 * button as a link), and as data the REST API's error body. Anything unexpected is logged and
 * answered with the bots' apology, never with internals.
 */
export function startRefusal(err: unknown, locale: Locale): CallToolResult {
  const refused = errorCodeOf(err);
  if (!refused) return unexpected(err, locale);
  const error: ApiErrorBody = { code: refused.code, message: refused.message, ...refused.details };
  const buttons = error.buyUrl ? [{ label: t(locale).buyCredits, url: error.buyUrl }] : [];
  return refusal(messageText({ text: errorText(locale, error), buttons }), { ...error });
}

/** No such project among the user's: the bots' sentence, the API's code. */
export function projectNotFound(locale: Locale, named: boolean): CallToolResult {
  const m = t(locale);
  return refusal(named ? m.projectNotFound : m.noProjects, { code: "not_found", message: "project not found" });
}

export function unexpected(err: unknown, locale: Locale): CallToolResult {
  log("mcp.error", { outcome: "error", detail: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "non-error thrown" });
  return refusal(errorText(locale, "internal"), { code: "internal", message: "internal error" });
}

/** A project as the bots show it, with its links; a failed run is a tool error. */
export async function projectAnswer(env: Env, view: ProjectView, locale: Locale): Promise<CallToolResult> {
  const links = await projectLinks(env, view);
  const text = messageText(renderProgress(view, locale, links));
  const data = {
    project: view.id,
    name: view.name,
    status: view.status,
    model: view.model,
    files: view.files.length,
    links,
    // The latest run: a follow-up's id, what it changed, and an explanation's answer.
    run: view.runs.at(-1)?.id ?? null,
    changed: view.runs.at(-1)?.changed ?? null,
    ...(view.answer ? { answer: view.answer } : {}),
    ...(view.error ? { error: view.error } : {}),
  };
  return view.status === "failed" ? refusal(text, data) : answer(text, data);
}
