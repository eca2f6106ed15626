import type { CallToolResult } from "@modelcontextprotocol/server";
import { MAX_PROMPT_CHARS } from "../../shared/limits";
import { GenerationLimitError, InsufficientCreditsError, RunSettledError } from "../accounts/accounts";
import { t } from "../chat/i18n";
import type { Locale } from "../chat/i18n";
import { renderProgress } from "../chat/progress";
import type { ChatMessage } from "../chat/progress";
import type { ProjectView } from "../../shared/protocol";
import { projectLinks } from "./links";
import { log } from "../lib/log";
import { ModelUnavailableError } from "../../workflows/models/registry";
import { PromptTooLongError } from "../projects/start";

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

/** A tool error (`isError`): the assistant sees it and can tell the user, the protocol call succeeded. */
export function refusal(text: string, data?: Record<string, unknown>): CallToolResult {
  return { ...answer(text, data), isError: true };
}

/** A bot message as plain text: its buttons become `label: url` lines. */
export function messageText(message: ChatMessage): string {
  const links = message.buttons.map((b) => `${b.label}: ${b.url}`);
  return links.length > 0 ? `${message.text}\n\n${links.join("\n")}` : message.text;
}

/**
 * Why a project could not start, in the words the bots use for the same errors. Anything
 * unexpected is logged and answered with the bots' generic apology, never with internals.
 */
export function startRefusal(err: unknown, locale: Locale): CallToolResult {
  const m = t(locale);
  if (err instanceof PromptTooLongError) return refusal(m.promptTooLong(err.length, MAX_PROMPT_CHARS), { code: "prompt_too_long" });
  if (err instanceof ModelUnavailableError) return refusal(m.unknownModel(err.message), { code: "invalid_request" });
  if (err instanceof InsufficientCreditsError) {
    return refusal(messageText({ text: m.noCredits(err.balance, err.needed), buttons: [{ label: m.buyCredits, url: err.buyUrl }] }), {
      code: "insufficient_credits",
      balance: err.balance,
      estimate: err.needed,
      buyUrl: err.buyUrl,
    });
  }
  if (err instanceof GenerationLimitError) {
    const text = err.reason === "concurrent" ? m.tooManyRunning(err.limit) : m.hourlyLimit(err.limit, Math.ceil(err.retryAfter / 60));
    return refusal(text, { code: "rate_limited", retryAfter: err.retryAfter });
  }
  if (err instanceof RunSettledError) return refusal(m.alreadyHandled, { code: "run_settled" });
  return unexpected(err, locale);
}

export function unexpected(err: unknown, locale: Locale): CallToolResult {
  log("mcp.error", { outcome: "error", detail: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "non-error thrown" });
  return refusal(t(locale).somethingWrong, { code: "internal" });
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
    ...(view.error ? { error: view.error } : {}),
  };
  return view.status === "failed" ? refusal(text, data) : answer(text, data);
}
