import { HttpError } from "./api";
import { el } from "./dom";
import type { Child } from "./dom";
import { lang, t } from "./i18n";
import { errorWording } from "./i18n-errors";

/**
 * What a failed request shows: "Something went wrong: <the code, worded in the reader's language>",
 * and, when the server says where to buy credits, a link there. Anything that is not an API error
 * (a network failure, a bug) keeps its own text.
 */
export function errorContent(err: unknown): Child[] {
  if (!(err instanceof HttpError)) return [`${t("error")}: ${String(err)}`];
  const text = `${t("error")}: ${errorWording(lang(), err.code, err.message, err.details)}`;
  const buy = safeLink(err.details.buyUrl);
  return buy ? [text, " ", el("a", { href: buy }, t("buyPack"))] : [text];
}

/** Only a web address may become a link (never `javascript:`). */
function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
