/** The line-level markers the parser reacts to: Markdown fences and `<file>`/bolt tags. */
import { cleanPath, isPathLike } from "./parser-paths";

export interface Fence {
  char: "`" | "~";
  length: number;
  indent: number;
  info: string;
}

/** Openers may sit deeper than CommonMark's 3 spaces: models indent fences inside list items. */
const FENCE_OPEN = /^( *)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^( *)(`{3,}|~{3,})\s*$/;

export function parseFenceOpen(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  const marks = match?.[2];
  if (match === null || marks === undefined) return undefined;
  const info = (match[3] ?? "").trim();
  // CommonMark: a backtick fence's info string cannot contain backticks (that is inline code).
  if (marks.startsWith("`") && info.includes("`")) return undefined;
  return { char: marks.startsWith("`") ? "`" : "~", length: marks.length, indent: match[1]?.length ?? 0, info };
}

/** A closer repeats the opener's character at least as many times, with no info string. */
export function closesFence(line: string, fence: Fence): boolean {
  const match = FENCE_CLOSE.exec(line);
  const marks = match?.[2];
  if (match === null || marks === undefined) return false;
  const indent = match[1]?.length ?? 0;
  return marks.startsWith(fence.char) && marks.length >= fence.length && indent <= fence.indent + 3;
}

/**
 * Models write a README inside ```markdown with inner ```bash blocks of the same length, which
 * CommonMark would end early. In Markdown content an opener with an info string that the outer
 * closer could match nests, and the next bare closer ends it instead of the outer fence.
 */
export function opensNested(line: string, fence: Fence): boolean {
  const inner = parseFenceOpen(line);
  return inner !== undefined && inner.info !== "" && inner.char === fence.char && inner.length >= fence.length;
}

/** Removes the indentation of an indented opener from the lines it encloses, as CommonMark does. */
export function dedent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && line[cut] === " ") cut++;
  return line.slice(cut);
}

export interface TagOpen {
  /** Undefined for blocks whose content is not a file (bolt shell actions, a `<file>` without a path). */
  path: string | undefined;
  closer: string;
  selfClosing: boolean;
  /** Text after the opening tag on the same line: bolt often starts the content there. */
  rest: string;
}

/** Matches the tag only, never the rest of the line: a line of many tags must stay linear to read. */
const TAG_OPEN = /^\s*<(file|boltAction)\b([^>]*?)(\/?)>/i;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

export function parseTagOpen(line: string): TagOpen | undefined {
  const match = TAG_OPEN.exec(line);
  const name = match?.[1]?.toLowerCase();
  if (match === null || name === undefined) return undefined;
  const attributes = parseAttributes(match[2] ?? "");
  const isFile = name === "file" || attributes.get("type")?.toLowerCase() === "file";
  const raw = isFile
    ? (attributes.get("path") ?? attributes.get("filepath") ?? attributes.get("filename") ?? attributes.get("name"))
    : undefined;
  const path = raw === undefined ? undefined : cleanPath(raw);
  return {
    path: path !== undefined && isPathLike(path) ? path : undefined,
    closer: `</${name}>`,
    selfClosing: match[3] === "/",
    rest: line.slice(match[0].length),
  };
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const key = match[1]?.toLowerCase();
    if (key !== undefined) attributes.set(key, match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

/** Where a closing tag sits on a line: alone, after the last content (`}</file>`), or before the next tag. */
export interface TagClose {
  before: string;
  after: string;
}

/** A closing tag elsewhere on a line is content (`html += "</file>"`), unless the next tag follows it. */
export function findTagClose(line: string, closer: string): TagClose | undefined {
  const at = closerPattern(closer).exec(line)?.index;
  if (at === undefined) return undefined;
  const after = line.slice(at + closer.length);
  if (/^\s*$/.test(line.slice(0, at)) || parseTagOpen(after) !== undefined) return { before: line.slice(0, at), after };
  const trimmed = line.trimEnd();
  const endsWithCloser = trimmed.slice(-closer.length).toLowerCase() === closer;
  return endsWithCloser ? { before: trimmed.slice(0, -closer.length), after: "" } : undefined;
}

const closerPatterns = new Map<string, RegExp>();

function closerPattern(closer: string): RegExp {
  const known = closerPatterns.get(closer);
  if (known !== undefined) return known;
  const pattern = new RegExp(closer, "i");
  closerPatterns.set(closer, pattern);
  return pattern;
}

/**
 * Models sometimes wrap a tagged file's content in a fence too. Unwrap only when the first line opens
 * a fence that closes exactly on the last line; otherwise the fences belong to the file (a README).
 */
export function unwrapFence(lines: string[]): string[] {
  const first = lines.findIndex((line) => line.trim() !== "");
  let last = lines.length - 1;
  while (last > first && (lines[last] ?? "").trim() === "") last--;
  const fence = first < 0 ? undefined : parseFenceOpen(lines[first] ?? "");
  if (fence === undefined || last <= first) return lines;
  let depth = 0;
  for (let index = first + 1; index <= last; index++) {
    const line = lines[index] ?? "";
    if (closesFence(line, fence)) {
      if (depth === 0) return index === last ? lines.slice(first + 1, last).map((l) => dedent(l, fence.indent)) : lines;
      depth--;
    } else if (opensNested(line, fence)) {
      depth++;
    }
  }
  return lines;
}
