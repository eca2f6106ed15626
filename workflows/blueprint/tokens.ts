/**
 * The idea as a list of tokens the architect walks: words (folded for matching, original for
 * labels) and the punctuation that separates clauses and list items.
 */
import { fold } from "./text";

export interface Token {
  /** Position in the idea, counted over all tokens. */
  at: number;
  original: string;
  folded: string;
  /** "," "(" ")" ":" end a list item; "." ";" "!" "?" and line breaks end a clause. */
  punct?: "," | ":" | "(" | ")" | "end";
}

export function tokenize(text: string): Token[] {
  // "to-do" and "e-commerce" are single nouns; "owner's" is the owner.
  const joined = text
    .normalize("NFC")
    .replace(/\bto-do/gi, (match) => match.replace("-", ""))
    .replace(/\be-commerce\b/gi, "ecommerce")
    .replace(/['’]s\b/g, "");
  const tokens: Token[] = [];
  for (const match of joined.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[,:;.!?()\n]|->|→/gu)) {
    const raw = match[0];
    const at = tokens.length;
    if (/^[\p{L}\p{N}]/u.test(raw)) tokens.push({ at, original: raw, folded: fold(raw) });
    else if (raw === "," || raw === ":" || raw === "(" || raw === ")") tokens.push({ at, original: raw, folded: raw, punct: raw });
    else if (raw === "->" || raw === "→") tokens.push({ at, original: raw, folded: ",", punct: "," });
    else tokens.push({ at, original: raw, folded: raw, punct: "end" });
  }
  return tokens;
}

/** Clauses: runs of tokens between sentence ends and semicolons, each still holding its commas. */
export function clauses(tokens: readonly Token[]): Token[][] {
  const found: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.punct === "end") {
      if (current.length > 0) found.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) found.push(current);
  return found;
}

export function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.punct === undefined;
}

/** The words of some tokens, joined as users wrote them. */
export function phrase(tokens: readonly Token[]): string {
  return tokens
    .filter(isWord)
    .map((token) => token.original)
    .join(" ");
}
