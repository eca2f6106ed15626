/**
 * A small syntax highlighter: enough to tell comments, strings, numbers, keywords and tags apart
 * in the languages the roles write (JavaScript/TypeScript, JSON, CSS, HTML, YAML, shell, Markdown,
 * Dockerfile). It returns tokens, never markup; the viewer turns each into a text node in a span.
 */
export type TokenKind = "comment" | "string" | "number" | "keyword" | "tag" | "attr" | "punct" | "text";

export interface Token {
  kind: TokenKind;
  text: string;
}

type Language = "js" | "json" | "css" | "html" | "hash" | "markdown" | "plain";

const KEYWORDS: Record<Language, string[]> = {
  js: "async await break case catch class const continue default delete do else export extends false finally for from function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while yield interface type enum implements".split(
    " ",
  ),
  json: ["true", "false", "null"],
  css: ["@media", "@import", "@font-face", "@keyframes", "!important"],
  html: [],
  hash: "FROM RUN CMD COPY ADD WORKDIR ENV EXPOSE USER ENTRYPOINT ARG HEALTHCHECK LABEL if then else fi for do done in case esac function export true false null on jobs steps runs-on uses with name".split(
    " ",
  ),
  markdown: [],
  plain: [],
};

export function languageFor(path: string): Language {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : "";
  if (["js", "mjs", "cjs", "ts", "tsx", "jsx"].includes(ext)) return "js";
  if (ext === "json") return "json";
  if (ext === "css") return "css";
  if (["html", "htm", "svg", "xml"].includes(ext)) return "html";
  if (
    ["yml", "yaml", "sh", "toml", "env", "example", "gitignore", "dockerignore"].includes(ext) ||
    name === "dockerfile" ||
    name.startsWith(".")
  )
    return "hash";
  if (ext === "md") return "markdown";
  return "plain";
}

/** One alternation per language; the first group that matches names the token's kind. */
function patternFor(language: Language): RegExp | null {
  const string = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
  const number = String.raw`\b\d+(?:\.\d+)?\b`;
  switch (language) {
    case "js":
      return new RegExp(
        String.raw`(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(${string}|\x60(?:[^\x60\\]|\\.)*\x60)|(${number})|([A-Za-z_$][\w$]*)`,
        "g",
      );
    case "json":
      return new RegExp(String.raw`()(${string})|(-?${number})|([a-z]+)`, "g");
    case "css":
      return new RegExp(String.raw`(\/\*[\s\S]*?\*\/)|(${string})|(-?\d+(?:\.\d+)?(?:px|rem|em|%|s|vh|vw)?)|(@[\w-]+|!important)`, "g");
    case "html":
      return new RegExp(String.raw`(<!--[\s\S]*?-->)|(${string})|()(<\/?[A-Za-z][\w-]*|\/?>)`, "g");
    case "hash":
      return new RegExp(String.raw`(#[^\n]*)|(${string})|(${number})|([A-Za-z_][\w-]*)`, "g");
    case "markdown":
      return /(^#{1,6} [^\n]*)|(`[^`\n]*`)|()(\*\*[^*\n]+\*\*)/gm;
    case "plain":
      return null;
  }
}

export function highlight(source: string, path: string): Token[] {
  const language = languageFor(path);
  const pattern = patternFor(language);
  if (!pattern) return [{ kind: "text", text: source }];
  const keywords = new Set(KEYWORDS[language]);
  const tokens: Token[] = [];
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    const [text, comment, str, num, word] = match;
    const start = match.index;
    if (text === "") continue;
    if (start > last) tokens.push({ kind: "text", text: source.slice(last, start) });
    last = start + text.length;
    let kind: TokenKind = "text";
    if (comment) kind = "comment";
    else if (str) kind = language === "json" && source.slice(last).trimStart().startsWith(":") ? "attr" : "string";
    else if (num) kind = "number";
    else if (word) kind = language === "html" || language === "markdown" ? "tag" : keywords.has(word) ? "keyword" : "text";
    push(tokens, kind, text);
  }
  if (last < source.length) push(tokens, "text", source.slice(last));
  return tokens;
}

/** Neighbouring plain text merges into one token: fewer DOM nodes for big files. */
function push(tokens: Token[], kind: TokenKind, text: string): void {
  const previous = tokens.at(-1);
  if (previous && previous.kind === kind && kind === "text") previous.text += text;
  else tokens.push({ kind, text });
}
