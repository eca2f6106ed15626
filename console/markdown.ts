/**
 * The small part of Markdown a generated README uses (headings, paragraphs, lists, quotes, code,
 * tables, emphasis, links), parsed into a tree the console turns into DOM nodes. There is no
 * HTML anywhere on this path: raw HTML in the README is text, links are kept only when they are
 * http(s) or mailto, and images become their alt text (the page loads nothing from elsewhere).
 * No DOM here, so the tests run it as is.
 */

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "code"; language: string; text: string }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "quote"; children: Inline[] }
  | { kind: "table"; head: Inline[][]; rows: Inline[][][] }
  | { kind: "rule" };

/** Past this the rest is left out: a README is read, not scrolled for ever. */
export const MAX_MARKDOWN = 200_000;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_MARKDOWN).replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  const at = (n: number) => lines[n] ?? "";
  while (i < lines.length) {
    const line = at(i);
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length && !at(i).trim().startsWith(marker)) body.push(at(i++));
      i++;
      blocks.push({ kind: "code", language: fence[2] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: headingLevel(heading[1]?.length ?? 1), children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: "rule" });
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && /^\s*\|?[\s:|-]+\|?\s*$/.test(at(i + 1)) && at(i + 1).includes("-")) {
      const head = cells(line).map(parseInline);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && /^\s*\|/.test(at(i))) rows.push(cells(at(i++)).map(parseInline));
      blocks.push({ kind: "table", head, rows });
      continue;
    }
    const item = /^\s*([-*+]|\d{1,9}[.)])\s+/;
    const first = item.exec(line);
    if (first) {
      const ordered = /\d/.test(first[1] ?? "");
      const items: Inline[][] = [];
      while (i < lines.length && item.test(at(i))) {
        let text = at(i++).replace(item, "");
        // Lines indented under an item continue it.
        while (i < lines.length && /^\s{2,}\S/.test(at(i)) && !item.test(at(i))) text += ` ${at(i++).trim()}`;
        items.push(parseInline(text));
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(at(i))) quoted.push(at(i++).replace(/^\s*>\s?/, ""));
      blocks.push({ kind: "quote", children: parseInline(quoted.join(" ")) });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && at(i).trim() !== "" && !startsBlock(at(i))) paragraph.push(at(i++).trim());
    if (paragraph.length === 0) paragraph.push(at(i++).trim());
    blocks.push({ kind: "paragraph", children: parseInline(paragraph.join(" ")) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return /^(#{1,6}\s|\s*(```|~~~)|\s*>|\s*([-*+]|\d{1,9}[.)])\s)/.test(line);
}

function headingLevel(n: number): 1 | 2 | 3 | 4 | 5 | 6 {
  return n <= 1 ? 1 : n === 2 ? 2 : n === 3 ? 3 : n === 4 ? 4 : n === 5 ? 5 : 6;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replaceAll("\\|", "|"));
}

/** Inline spans, outermost first; anything that does not close is text. */
const INLINE =
  /`([^`]+)`|!\[([^\]]*)\]\(([^)\s]*)[^)]*\)|\[([^\]]+)\]\(([^)\s]*)[^)]*\)|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s][^*]*?)\*|(?<![\w])_([^_\s][^_]*?)_(?![\w])/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  const push = (node: Inline) => {
    const last = out.at(-1);
    if (node.kind === "text" && last?.kind === "text") last.text += node.text;
    else out.push(node);
  };
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > at) push({ kind: "text", text: text.slice(at, index) });
    const [whole, code, alt, , label, href, strong, strong2, em, em2] = match;
    if (code !== undefined) push({ kind: "code", text: code });
    else if (alt !== undefined) push({ kind: "text", text: alt });
    else if (label !== undefined) {
      const safe = safeHref(href ?? "");
      if (safe) push({ kind: "link", href: safe, children: parseInline(label) });
      else for (const node of parseInline(label)) push(node);
    } else if (strong !== undefined || strong2 !== undefined) push({ kind: "strong", children: parseInline(strong ?? strong2 ?? "") });
    else if (em !== undefined || em2 !== undefined) push({ kind: "em", children: parseInline(em ?? em2 ?? "") });
    else push({ kind: "text", text: whole });
    at = index + whole.length;
  }
  if (at < text.length) push({ kind: "text", text: text.slice(at) });
  return out;
}

/** Only links that lead to a web page or a mail client; anything else (javascript:, data:, relative) is dropped. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:" ? url.href : null;
  } catch {
    return null;
  }
}
