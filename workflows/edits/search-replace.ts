/**
 * Search/replace edit blocks, the format OpenAI and Anthropic models answer edits in:
 *
 *     path/to/file.ext
 *     <<<<<<< SEARCH
 *     lines as they are now
 *     =======
 *     lines as they should be
 *     >>>>>>> REPLACE
 *
 * A block is applied only when its SEARCH text matches exactly once: first byte for byte, then
 * ignoring differences in indentation and trailing whitespace (models often re-indent what they
 * quote). A block that matches nowhere, or more than once, is reported with the reason so the model
 * can be asked again; nothing is applied until every block of an answer applies (the run's files
 * change together or not at all).
 */

export interface EditBlock {
  path: string;
  search: string;
  replace: string;
}

export type BlockFailure =
  | { path: string; reason: "not_found"; search: string }
  | { path: string; reason: "ambiguous"; search: string; matches: number }
  | { path: string; reason: "no_such_file"; search: string };

export type ApplyResult =
  | { ok: true; files: Map<string, string>; changed: string[] }
  | { ok: false; failures: BlockFailure[]; applied: number };

const SEARCH = /^<{5,9} ?SEARCH\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const REPLACE = /^>{5,9} ?REPLACE\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** The path a block names: the nearest non-blank line above it that looks like a path. */
function pathAbove(lines: readonly string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0 && i >= index - 3; i--) {
    const raw = (lines[i] ?? "").trim();
    if (raw === "" || FENCE.test(raw)) continue;
    // Blocks wrapped in the whole-file envelope name their file in it.
    const tagged = /^<file\s+path=["']([^"']+)["']\s*>$/.exec(raw)?.[1];
    if (tagged) return tagged;
    const cleaned = raw
      .replace(/^#+\s*/, "")
      .replace(/^(?:file|archivo|path|ruta)\s*:\s*/i, "")
      .replace(/^[*_`"']+|[*_`"':]+$/g, "")
      .trim();
    if (/^[\w.@-][\w./@ -]*$/.test(cleaned) && !cleaned.includes(" ") && /[./]/.test(cleaned)) return cleaned;
    return undefined;
  }
  return undefined;
}

/** Every block in a model's answer, in order. Text outside blocks (prose, fences) is ignored. */
export function parseEditBlocks(text: string): EditBlock[] {
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  const blocks: EditBlock[] = [];
  let lastPath: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!SEARCH.test(lines[i] ?? "")) continue;
    const path = pathAbove(lines, i) ?? lastPath;
    const divider = lines.findIndex((l, j) => j > i && DIVIDER.test(l));
    const end = divider < 0 ? -1 : lines.findIndex((l, j) => j > divider && REPLACE.test(l));
    if (path === undefined || divider < 0 || end < 0) continue;
    blocks.push({ path, search: lines.slice(i + 1, divider).join("\n"), replace: lines.slice(divider + 1, end).join("\n") });
    lastPath = path;
    i = end;
  }
  return blocks;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? "";

/**
 * Whitespace-tolerant match: the SEARCH lines equal a run of the file's lines once both are
 * trimmed (blank lines at either end of SEARCH ignored). The replacement is re-indented by the
 * difference between the file's indentation and the block's, so quoted code lands where it was.
 */
function looseReplace(content: string, block: EditBlock): { result?: string; matches: number } {
  const fileLines = content.split("\n");
  const wanted = block.search.split("\n");
  while (wanted.length > 0 && wanted[0]?.trim() === "") wanted.shift();
  while (wanted.length > 0 && wanted.at(-1)?.trim() === "") wanted.pop();
  if (wanted.length === 0) return { matches: 0 };
  const starts: number[] = [];
  for (let i = 0; i + wanted.length <= fileLines.length; i++) {
    if (wanted.every((w, k) => w.trim() === (fileLines[i + k] ?? "").trim())) starts.push(i);
  }
  if (starts.length !== 1) return { matches: starts.length };
  const start = starts[0] ?? 0;
  const fileIndent = indentOf(fileLines[start] ?? "");
  const blockIndent = indentOf(wanted[0] ?? "");
  const replacement = block.replace === "" ? [] : block.replace.split("\n");
  const reindented = replacement.map((line) => {
    if (line.trim() === "") return line.trim();
    return line.startsWith(blockIndent) ? fileIndent + line.slice(blockIndent.length) : line;
  });
  const next = [...fileLines.slice(0, start), ...reindented, ...fileLines.slice(start + wanted.length)];
  return { result: next.join("\n"), matches: 1 };
}

/** Applies one block to one file's content, or says why it cannot. */
export function applyBlock(content: string | undefined, block: EditBlock): { content: string } | BlockFailure {
  if (content === undefined) {
    // An empty SEARCH on a missing file creates it: the form models use to add a file.
    if (block.search.trim() === "") return { content: block.replace.endsWith("\n") ? block.replace : `${block.replace}\n` };
    return { path: block.path, reason: "no_such_file", search: block.search };
  }
  if (block.search.trim() === "") return { path: block.path, reason: "ambiguous", search: block.search, matches: 0 };
  const exact = countOccurrences(content, block.search);
  if (exact === 1) {
    // Whole lines quoted without their indentation match mid-line: re-indent them as a loose match would.
    const at = content.indexOf(block.search);
    const lineStart = content.lastIndexOf("\n", at - 1) + 1;
    const indented = at > lineStart && /^[ \t]+$/.test(content.slice(lineStart, at)) && !/^[ \t]/.test(block.search);
    const loose = indented && block.replace.includes("\n") ? looseReplace(content, block).result : undefined;
    return { content: loose ?? content.replace(block.search, () => block.replace) };
  }
  if (exact > 1) return { path: block.path, reason: "ambiguous", search: block.search, matches: exact };
  const loose = looseReplace(content, block);
  if (loose.result !== undefined) return { content: loose.result };
  if (loose.matches > 1) return { path: block.path, reason: "ambiguous", search: block.search, matches: loose.matches };
  return { path: block.path, reason: "not_found", search: block.search };
}

/**
 * Applies every block, in order, to a copy of the files. All or nothing: any failure leaves the
 * input untouched and lists every block that failed, so one re-ask can cover them all.
 */
export function applyEditBlocks(files: ReadonlyMap<string, string>, blocks: readonly EditBlock[]): ApplyResult {
  const next = new Map(files);
  const failures: BlockFailure[] = [];
  const changed = new Set<string>();
  let applied = 0;
  for (const block of blocks) {
    const outcome = applyBlock(next.get(block.path), block);
    if ("reason" in outcome) {
      failures.push(outcome);
      continue;
    }
    next.set(block.path, outcome.content);
    changed.add(block.path);
    applied++;
  }
  if (failures.length > 0) return { ok: false, failures, applied };
  const really = [...changed].filter((path) => files.get(path) !== next.get(path));
  return { ok: true, files: next, changed: really };
}

/** The reason a block failed, worded for the model's second try. */
export function describeFailure(failure: BlockFailure): string {
  const quoted = failure.search.split("\n").slice(0, 6).join("\n");
  switch (failure.reason) {
    case "not_found":
      return `${failure.path}: this SEARCH text is not in the file (copy the lines exactly as they are now):\n${quoted}`;
    case "ambiguous":
      return failure.matches === 0
        ? `${failure.path}: an empty SEARCH can only create a new file; quote the lines to change`
        : `${failure.path}: this SEARCH text appears ${failure.matches} times; include more surrounding lines so it matches once:\n${quoted}`;
    case "no_such_file":
      return `${failure.path}: there is no such file; to create it use an empty SEARCH section`;
  }
}
