/**
 * A role's streamed output, told apart: the model's prose, and the files it writes inside
 * `<file path="…">…</file>` blocks (the format workflows/files/format.ts asks for). No DOM here,
 * so the tests run it as is. While a file is still streaming its block has no closing tag yet:
 * that last part is `complete: false`.
 */
export type OutputPart = { kind: "prose"; text: string } | { kind: "file"; path: string; text: string; complete: boolean };

const OPEN = /<file\s+path\s*=\s*(["'])([^"'\n]{1,300})\1[^>\n]*>/g;
const CLOSE = "</file>";
/** Markdown fences some models put around the blocks: noise once the files are shown apart. */
const FENCE_ONLY = /^(\s*```[\w-]*\s*)*$/;

export function splitOutput(text: string): OutputPart[] {
  const parts: OutputPart[] = [];
  let at = 0;
  OPEN.lastIndex = 0;
  for (let open = OPEN.exec(text); open; open = OPEN.exec(text)) {
    addProse(parts, text.slice(at, open.index));
    const start = open.index + open[0].length;
    const end = text.indexOf(CLOSE, start);
    const path = open[2] ?? "";
    if (end < 0) {
      parts.push({ kind: "file", path, text: trimNewlines(text.slice(start)), complete: false });
      return parts;
    }
    parts.push({ kind: "file", path, text: trimNewlines(text.slice(start, end)), complete: true });
    at = end + CLOSE.length;
    OPEN.lastIndex = at;
  }
  // A tag cut in half by the stream (`<fil`) is not prose yet: it is held back until it completes.
  const rest = text.slice(at);
  const partial = rest.lastIndexOf("<");
  addProse(parts, partial >= 0 && "<file path=".startsWith(rest.slice(partial, partial + 11)) ? rest.slice(0, partial) : rest);
  return parts;
}

function addProse(parts: OutputPart[], text: string): void {
  if (FENCE_ONLY.test(text)) return;
  parts.push({ kind: "prose", text: text.trim() });
}

/** The newline after the opening tag and before the closing one belong to the tags. */
function trimNewlines(text: string): string {
  return text.replace(/^\r?\n/, "").replace(/\r?\n$/, "");
}
