/**
 * Turns streamed model output into files. The canonical format is `<file path="...">` (see
 * `format.ts`), but models also write Markdown fences named by a heading, an info string or a
 * first-line comment, and bolt-style `<boltAction>` tags; all of them are accepted.
 *
 * The parser works on whole lines and keeps only the unfinished last line plus the open block,
 * so any chunking of the stream yields exactly the files the whole text yields.
 */
import { closesFence, dedent, findTagClose, opensNested, parseFenceOpen, parseTagOpen, unwrapFence } from "./parser-markers";
import type { Fence, TagOpen } from "./parser-markers";
import { fitsFence, isMarkdown, pathFromComment, pathFromInfo, pathFromProseLine, samePath } from "./parser-paths";
import type { PathHint } from "./parser-paths";

export interface ParsedFile {
  path: string;
  content: string;
  /** false when the stream ended inside the block */
  complete: boolean;
}

/** A sentence may separate a path-only line from its fence ("**src/app.js**", "The server:", fence). */
const STRONG_HINT_PROSE_LINES = 2;

interface Prose {
  kind: "prose";
  hint: (PathHint & { proseLines: number }) | undefined;
}
/** A fence whose file is not known until its first non-blank line (a path comment) arrives. */
interface FenceStart {
  kind: "fence-start";
  fence: Fence;
  infoPath?: string;
  hintPath?: string;
  blanks: string[];
}
interface FenceFile {
  kind: "fence-file";
  fence: Fence;
  path: string;
  lines: string[];
  markdown: boolean;
  nested: number;
}
/** A fence that names no file: its content is skipped, except `<file>` tags (an answer wrapped in ```xml). */
interface FenceSkip {
  kind: "fence-skip";
  fence: Fence;
  markdown: boolean;
  nested: number;
}
interface TagFile {
  kind: "tag-file";
  path: string;
  closer: string;
  lines: string[];
  inner: Fence | undefined;
  nested: number;
  parent: FenceSkip | undefined;
}
interface TagSkip {
  kind: "tag-skip";
  closer: string;
  parent: FenceSkip | undefined;
}
type State = Prose | FenceStart | FenceFile | FenceSkip | TagFile | TagSkip;

const prose = (): Prose => ({ kind: "prose", hint: undefined });

function toFile(path: string, lines: string[], complete: boolean): ParsedFile {
  const body = lines.join("\n").replace(/\n+$/, "");
  return { path, content: body === "" ? "" : `${body}\n`, complete };
}

export class FileStreamParser {
  private state: State = prose();
  /** The unfinished last line; everything before it has been consumed. */
  private partial = "";

  /** Feed the next chunk (arbitrary boundaries). Returns files whose block closed in this chunk, in order. */
  push(chunk: string): ParsedFile[] {
    const out: ParsedFile[] = [];
    let start = 0;
    for (let newline = chunk.indexOf("\n"); newline !== -1; newline = chunk.indexOf("\n", start)) {
      const line = this.partial + chunk.slice(start, newline);
      this.partial = "";
      this.line(line, out);
      start = newline + 1;
    }
    this.partial += chunk.slice(start);
    return out;
  }

  /** End of stream: returns a still-open block (complete: false) if any. */
  end(): ParsedFile[] {
    const out: ParsedFile[] = [];
    if (this.partial !== "") this.line(this.partial, out);
    this.partial = "";
    const open = this.openFile();
    if (open !== undefined) out.push(open);
    this.state = prose();
    return out;
  }

  private openFile(): ParsedFile | undefined {
    const state = this.state;
    if (state.kind === "fence-file" || state.kind === "tag-file") return toFile(state.path, state.lines, false);
    if (state.kind !== "fence-start") return undefined;
    const path = state.infoPath ?? state.hintPath;
    return path === undefined ? undefined : toFile(path, state.blanks, false);
  }

  /**
   * Handlers return what is left of the line after a tag (`</file><file path="b">`), to be read in
   * the new state; a loop rather than recursion, so a line of many tags cannot exhaust the stack.
   */
  private line(raw: string, out: ParsedFile[]): void {
    let rest: string | undefined = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    while (rest !== undefined) rest = this.step(rest, out);
  }

  private step(line: string, out: ParsedFile[]): string | undefined {
    const state = this.state;
    switch (state.kind) {
      case "prose":
        return this.proseLine(state, line, out);
      case "fence-start":
        return this.fenceStartLine(state, line, out);
      case "fence-file":
        return this.fenceFileLine(state, line, out);
      case "fence-skip":
        return this.fenceSkipLine(state, line, out);
      case "tag-file":
        return this.tagFileLine(state, line, out);
      case "tag-skip":
        return this.tagSkipLine(state, line);
    }
  }

  private proseLine(state: Prose, line: string, out: ParsedFile[]): string | undefined {
    const tag = parseTagOpen(line);
    if (tag !== undefined) return this.openTag(tag, undefined, out);
    const fence = parseFenceOpen(line);
    if (fence !== undefined) {
      const hint = state.hint !== undefined && fitsFence(state.hint.path, fence.info) ? state.hint.path : undefined;
      this.state = { kind: "fence-start", fence, infoPath: pathFromInfo(fence.info), hintPath: hint, blanks: [] };
      return;
    }
    const hint = pathFromProseLine(line);
    if (hint !== undefined) {
      state.hint = { ...hint, proseLines: 0 };
    } else if (state.hint !== undefined && line.trim() !== "") {
      state.hint.proseLines++;
      if (!state.hint.strong || state.hint.proseLines > STRONG_HINT_PROSE_LINES) state.hint = undefined;
    }
  }

  /** The first non-blank line decides: an info-string path, else a path comment, else the heading. */
  private fenceStartLine(state: FenceStart, line: string, out: ParsedFile[]): string | undefined {
    const named = state.infoPath ?? state.hintPath;
    if (closesFence(line, state.fence)) {
      if (named !== undefined) out.push(toFile(named, [], true));
      this.state = prose();
      return;
    }
    if (line.trim() === "") {
      state.blanks.push(line);
      return;
    }
    const choice = choosePath(state, pathFromComment(dedent(line, state.fence.indent)));
    if (choice === undefined) {
      this.state = { kind: "fence-skip", fence: state.fence, markdown: isMarkdown("", state.fence.info), nested: 0 };
      return this.fenceSkipLine(this.state, line, out);
    }
    const { path, isLabel } = choice;
    const file: FenceFile = {
      kind: "fence-file",
      fence: state.fence,
      path,
      lines: isLabel ? [] : state.blanks,
      markdown: isMarkdown(path, state.fence.info),
      nested: 0,
    };
    this.state = file;
    return isLabel ? undefined : this.fenceFileLine(file, line, out);
  }

  private fenceFileLine(state: FenceFile, line: string, out: ParsedFile[]): string | undefined {
    if (closesFence(line, state.fence) && state.nested === 0) {
      out.push(toFile(state.path, state.lines, true));
      this.state = prose();
      return;
    }
    state.nested += nestingChange(line, state.fence, state.markdown);
    state.lines.push(dedent(line, state.fence.indent));
  }

  private fenceSkipLine(state: FenceSkip, line: string, out: ParsedFile[]): string | undefined {
    if (closesFence(line, state.fence) && state.nested === 0) {
      this.state = prose();
      return;
    }
    const tag = parseTagOpen(line);
    if (tag !== undefined) return this.openTag(tag, state, out);
    state.nested += nestingChange(line, state.fence, state.markdown);
  }

  private openTag(tag: TagOpen, parent: FenceSkip | undefined, out: ParsedFile[]): string | undefined {
    const { path, closer } = tag;
    if (tag.selfClosing) {
      if (path !== undefined) out.push(toFile(path, [], true));
      return nonBlank(tag.rest);
    }
    this.state =
      path === undefined
        ? { kind: "tag-skip", closer, parent }
        : { kind: "tag-file", path, closer, lines: [], inner: undefined, nested: 0, parent };
    return nonBlank(tag.rest);
  }

  /**
   * Inside a tag the closing tag always wins, except when it belongs to an example `<file>` shown
   * inside a fence of the content (a README documenting the format). An opening tag outside such
   * a fence means the model forgot to close the previous file.
   */
  private tagFileLine(state: TagFile, line: string, out: ParsedFile[]): string | undefined {
    const close = findTagClose(line, state.closer);
    if (close !== undefined && state.nested > 0) {
      state.nested--;
    } else if (close !== undefined) {
      if (close.before.trim() !== "") state.lines.push(close.before);
      out.push(toFile(state.path, unwrapFence(state.lines), true));
      return this.leaveTag(state.parent, close.after);
    } else if (parseTagOpen(line) !== undefined) {
      if (state.inner === undefined) {
        out.push(toFile(state.path, unwrapFence(state.lines), true));
        return this.leaveTag(state.parent, line);
      }
      state.nested++;
    } else {
      state.inner = trackInnerFence(state.inner, line);
      // An example left unclosed inside its fence must not hide the real closing tag.
      if (state.inner === undefined) state.nested = 0;
    }
    state.lines.push(line);
  }

  private tagSkipLine(state: TagSkip, line: string): string | undefined {
    const close = findTagClose(line, state.closer);
    if (close !== undefined) return this.leaveTag(state.parent, close.after);
    return parseTagOpen(line) === undefined ? undefined : this.leaveTag(state.parent, line);
  }

  private leaveTag(parent: FenceSkip | undefined, rest: string): string | undefined {
    this.state = parent ?? prose();
    return nonBlank(rest);
  }
}

/**
 * The info string is part of the fence, so it beats a first-line comment, which then stays content.
 * A comment beats the heading, which may be stale (a list of files). A comment that repeats the
 * chosen path is a label, not content; of `app.js` and `src/app.js` the longer one is kept.
 */
function choosePath(start: FenceStart, comment: string | undefined): { path: string; isLabel: boolean } | undefined {
  const named = start.infoPath ?? start.hintPath;
  if (comment === undefined) return named === undefined ? undefined : { path: named, isLabel: false };
  if (named !== undefined && samePath(comment, named)) {
    return { path: comment.length > named.length ? comment : named, isLabel: true };
  }
  return start.infoPath === undefined ? { path: comment, isLabel: true } : { path: start.infoPath, isLabel: false };
}

const nonBlank = (text: string): string | undefined => (text.trim() === "" ? undefined : text);

function nestingChange(line: string, fence: Fence, markdown: boolean): number {
  if (!markdown) return 0;
  if (closesFence(line, fence)) return -1;
  return opensNested(line, fence) ? 1 : 0;
}

function trackInnerFence(inner: Fence | undefined, line: string): Fence | undefined {
  if (inner === undefined) return parseFenceOpen(line);
  return closesFence(line, inner) ? undefined : inner;
}

/** Parses a complete text at once; the same as pushing it in any chunks and calling `end()`. */
export function parseFiles(text: string): ParsedFile[] {
  const parser = new FileStreamParser();
  return [...parser.push(text), ...parser.end()];
}
