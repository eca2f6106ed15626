/**
 * Deciding whether a piece of model text names a file. Safety (absolute paths, `..`, limits) is
 * checked later by another module; here we only separate paths from prose, languages and URLs.
 */

/** Extension-less names real projects contain; any other bare word is prose or a language name. */
const KNOWN_NAMES = new Set([
  "Dockerfile",
  "Containerfile",
  "Makefile",
  "GNUmakefile",
  "Procfile",
  "Gemfile",
  "Rakefile",
  "Jenkinsfile",
  "Vagrantfile",
  "Brewfile",
  "Caddyfile",
  "Justfile",
  "LICENSE",
  "CODEOWNERS",
]);

/** Library names that headings mention ("### Node.js") and that would otherwise pass as file names. */
const LIBRARY_NAMES = new Set([
  "node.js",
  "express.js",
  "next.js",
  "nuxt.js",
  "vue.js",
  "react.js",
  "angular.js",
  "nest.js",
  "three.js",
  "d3.js",
  "chart.js",
  "socket.io",
  "alpine.js",
  "ember.js",
  "backbone.js",
  "p5.js",
]);

const SHELL_LANGS = new Set([
  "bash",
  "sh",
  "shell",
  "zsh",
  "fish",
  "console",
  "terminal",
  "shellsession",
  "powershell",
  "ps",
  "ps1",
  "pwsh",
  "cmd",
  "bat",
  "batch",
]);

const URL = /^[a-z][a-z0-9+.-]*:\/\/|^www\./i;
const FORBIDDEN = /[\s<>"'`|*?]/;
/** Characters seen in real file paths, including Next.js-style `[id]` and `(group)` segments. */
const FILE_CHARS = /^[\w.@+\-/()[\]~$]+$/;
/** An extension needs a letter, so versions ("v1.2") and abbreviations ("etc.") are not files. */
const EXTENSION = /[^.]\.[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/;
const LABEL = /^(?:file ?(?:name|path)?|path)\s*:\s*/i;
const LINE_PREFIX = /^(?:#{1,6}\s+|>\s*|[-+]\s+|\*\s+|\d{1,2}[.)]\s+)/;
const WRAPPING = /^[*`'"]+|[*`'"]+$/g;
/**
 * Imperatives that introduce a snippet to merge into a file, not the file ("Update `package.json`
 * to add:"); "the updated `app.js`" or "replace `app.js` with" still introduce a whole file.
 */
const PARTIAL_EDIT_WORDS = [
  "update",
  "updating",
  "modify",
  "modifying",
  "edit",
  "editing",
  "change",
  "changing",
  "add(?:ing)?(?: this| these| the following)? to",
  "append(?:ing)?",
  "insert(?:ing)?",
  "patch(?:ing)?",
  "testing",
  "running",
  "trying",
  "usage",
  "examples?",
  "using",
  "install(?:ing)?",
  "in your",
  "inside",
  "snippet",
];
const PARTIAL_EDIT = new RegExp(`\\b(?:${PARTIAL_EDIT_WORDS.join("|")})\\b`, "i");

/** Strips the decoration models put around a path: spaces, quotes, backticks, bold, a label. */
export function cleanPath(raw: string): string {
  let text = raw;
  for (;;) {
    const next = text.trim().replace(WRAPPING, "").replace(/:$/, "").replace(LABEL, "").trim();
    if (next === text) return text;
    text = next;
  }
}

/** Lenient: explicit markers (`<file path=...>`) may name any file, but never prose or a URL. */
export function isPathLike(path: string): boolean {
  return path !== "" && !FORBIDDEN.test(path) && !URL.test(path);
}

/** Strict: implicit markers (headings, comments, info strings) must look like a file name. */
export function looksLikeFile(path: string): boolean {
  if (!isPathLike(path) || !FILE_CHARS.test(path) || path.endsWith("/")) return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "." || name === "..") return false;
  if (!path.includes("/") && LIBRARY_NAMES.has(path.toLowerCase())) return false;
  return KNOWN_NAMES.has(name) || name.startsWith(".") || EXTENSION.test(name);
}

/** "src/app.js - the server" or "src/app.js (entry point)": a path followed by a description. */
function leadingPath(text: string): string | undefined {
  const match = /^(\S+)\s+(?:[-–—:]\s|\()/.exec(text);
  const path = match?.[1] === undefined ? undefined : cleanPath(match[1]);
  return path !== undefined && looksLikeFile(path) ? path : undefined;
}

/** How sure a prose line is: a path-only line or a title outlives a sentence or two before its fence. */
export interface PathHint {
  path: string;
  strong: boolean;
}

/** A prose line that names the file of the next fence: `**src/app.js**`, `### 2. \`src/db.js\``, `File: x`. */
export function pathFromProseLine(line: string): PathHint | undefined {
  const text = line.trim();
  if (text === "" || text.length > 200) return undefined;
  let body = text;
  for (;;) {
    const next = cleanPath(body.replace(LINE_PREFIX, ""));
    if (next === body) break;
    body = next;
  }
  if (looksLikeFile(body)) return { path: body, strong: true };
  // Only a heading may describe its file ("### src/app.js - the server"); in a list item or a
  // bold line a description means a summary of files ("- **app.js**: sets up routes"), not a label.
  const heading = /^#{1,6}\s/.test(text);
  const described = heading ? leadingPath(body) : undefined;
  return described === undefined ? quotedPath(text, heading) : { path: described, strong: true };
}

/** Headings, bold lines and list items are titles; a title outlives a sentence before its fence. */
function isTitle(text: string): boolean {
  return LINE_PREFIX.test(text) || /^\*\*.*\*\*:?$/.test(text);
}

const QUOTED = /`([^`]+)`|\*\*([^*]+)\*\*/g;

/** A title or a sentence ending in ":" that quotes exactly one file: "Create a file named `server.js`:". */
function quotedPath(text: string, heading: boolean): PathHint | undefined {
  const found = [...text.matchAll(QUOTED)]
    .map((m) => ({ path: cleanPath(m[1] ?? m[2] ?? ""), end: (m.index ?? 0) + m[0].length }))
    .filter((q) => looksLikeFile(q.path));
  const [quoted] = found;
  if (quoted === undefined || found.length > 1) return undefined;
  const described = /\w/.test(text.slice(quoted.end));
  const strong = isTitle(text);
  if ((described && !heading) || (!strong && !text.endsWith(":"))) return undefined;
  return PARTIAL_EDIT.test(text.replace(QUOTED, "")) ? undefined : { path: quoted.path, strong };
}

const COMMENTS = [/^<!--\s*(.*?)\s*-->$/, /^\{?\/\*+\s*(.*?)\s*\*+\/\}?$/, /^\/\/+\s*(.*)$/, /^#+\s*(.*)$/, /^--\s*(.*)$/, /^;+\s*(.*)$/];

/** A first line such as `// src/app.js`, `# Dockerfile`, `<!-- index.html -->`, `-- schema.sql`. */
export function pathFromComment(line: string): string | undefined {
  const text = line.trim();
  for (const pattern of COMMENTS) {
    const inner = pattern.exec(text)?.[1];
    if (inner === undefined) continue;
    const path = cleanPath(inner);
    return looksLikeFile(path) ? path : leadingPath(path);
  }
  return undefined;
}

/** Paths in a fence's info string: `js src/app.js`, `src/app.js`, `ts:src/app.ts`, `js path=x`, `js title="x"`. */
export function pathFromInfo(info: string): string | undefined {
  const text = info.trim();
  const attribute = /\b(?:path|file|filename|title|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/i.exec(text);
  if (attribute !== null) return fileOrUndefined(attribute[1] ?? attribute[2] ?? attribute[3] ?? "");
  const [first = "", second] = text.split(/\s+/);
  const colon = first.indexOf(":");
  if (colon > 0) return fileOrUndefined(first.slice(colon + 1));
  if (second !== undefined) return fileOrUndefined(second);
  // A lone word is a language ("dockerfile", "makefile"); only a dot or slash makes it a path.
  return /[./]/.test(first) ? fileOrUndefined(first) : undefined;
}

function fileOrUndefined(raw: string): string | undefined {
  const path = cleanPath(raw);
  return looksLikeFile(path) ? path : undefined;
}

/** The language of an info string: its first word, before any `:path`. */
export function fenceLanguage(info: string): string {
  return (info.trim().split(/[\s:{]/)[0] ?? "").toLowerCase();
}

/**
 * A path from a heading may be stale by the time a shell fence follows ("- `package.json`" in a
 * list, then ```bash npm install```): shell fences only take scripts, dotfiles and bare names.
 */
export function fitsFence(path: string, info: string): boolean {
  if (!SHELL_LANGS.has(fenceLanguage(info))) return true;
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.startsWith(".") || !name.includes(".") || /\.(?:sh|bash|zsh|fish|ps1|bat|cmd|command)$/i.test(name);
}

/** The same file written with and without its directories: `app.js` and `src/app.js`. */
export function samePath(a: string, b: string): boolean {
  const x = a.replace(/^\.\//, "");
  const y = b.replace(/^\.\//, "");
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

export function isMarkdown(path: string, info: string): boolean {
  return /\.(?:md|mdx|markdown)$/i.test(path) || ["md", "markdown", "mdx"].includes(fenceLanguage(info));
}
