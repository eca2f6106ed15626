/**
 * Turns what someone typed into an FTS5 query that cannot be a syntax error or an operator: each
 * word becomes a quoted prefix term (`"reserv"*`), all of them required. Words are split the way
 * the index splits them (letters and digits, any script), so "peluquería," finds "Peluquería".
 */

/** More terms than this only make the query slower, never the answer better. */
const MAX_TERMS = 8;
/** A one-character prefix matches half the index; two is the shortest useful one. */
const MIN_PREFIX = 2;

export function ftsQuery(text: string): string | null {
  const words = text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words
    .slice(0, MAX_TERMS)
    .map((word) => word.toLowerCase())
    // Quotes are the only character FTS5 reads inside a string; words cannot hold one, but the
    // escape keeps this safe if the split above ever changes.
    .map((word) => `"${word.replaceAll('"', '""')}"${word.length >= MIN_PREFIX ? "*" : ""}`);
  return terms.length > 0 ? terms.join(" ") : null;
}
