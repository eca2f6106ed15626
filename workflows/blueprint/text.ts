/**
 * Text helpers shared by the blueprint roles. The idea and the plan's names are user text: every
 * place that writes them into a generated file escapes them for that file's syntax, and for the
 * `<file>` envelope too (a `</file>` inside a README would end the block early).
 */

/** Lowercase ASCII without accents: "Peluquería" -> "peluqueria", "Año" -> "ano". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** A word of the idea: folded for matching, original (case and accents kept) for names and labels. */
export interface Word {
  folded: string;
  original: string;
}

export function words(text: string): Word[] {
  // "to-do" and "e-commerce" are single nouns; every other dash separates words.
  const joined = text
    .normalize("NFC")
    .replace(/\bto-do/gi, (match) => match.replace("-", ""))
    .replace(/\be-commerce\b/gi, "ecommerce");
  const found = joined.match(/[\p{L}\p{N}]+/gu) ?? [];
  return found.map((original) => ({ original, folded: fold(original) }));
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A camelCase identifier that satisfies the plan schema: ASCII, starts with a lowercase letter, <= 40 chars. */
export function toIdentifier(text: string, fallback: string): string {
  const parts = fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = parts.map((part, index) => (index === 0 ? part : capitalize(part))).join("");
  const trimmed = joined.replace(/^[^a-z]+/, "").slice(0, 40);
  return trimmed === "" ? fallback : trimmed;
}

/** A package/folder name: lowercase ASCII, digits and dashes, <= 50 chars. */
export function toSlug(text: string, fallback: string): string {
  const slug = fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return slug === "" ? fallback : slug;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * A JSON value as JavaScript or JSON source. `<` is escaped so no user text can close a `<file>`
 * block or a `<script>`; U+2028/2029 are escaped because older parsers reject them raw.
 */
export function toJsonSource(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** User text inside Markdown prose or a table cell: one line, no HTML, no column breaks. */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}

/** Splits text into pieces of about `size` characters, cutting at line ends where possible. */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf("\n", size);
    const end = cut > size / 2 ? cut + 1 : size;
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest !== "") chunks.push(rest);
  return chunks;
}
