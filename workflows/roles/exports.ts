/**
 * What later roles learn about a file without reading it: its exported names and the HTTP routes
 * it serves. Keeps prompts small and focused, unlike raw truncated text.
 */

const MAX_LINES = 12;
const MAX_LINE = 100;

// `[ \t]`, not `\s`: with the m flag, `^\s*` would rescan runs of blank lines from every line
// start, quadratic on model output (a 1 MiB file of newlines took minutes).
const JS_EXPORT =
  /^[ \t]*export[ \t]+(?:default[ \t]+)?(?:async[ \t]+)?(?:function\*?|class|const|let|var|interface|type)[ \t]+([A-Za-z_$][\w$]*)/gm;
const CJS_EXPORT = /module\.exports\s*=\s*\{([^}]{0,400})\}/g;
const ROUTE_CALL = /\.(get|post|put|patch|delete)\(\s*["'`](\/[^"'`\s]*)["'`]/gi;
const ROUTE_LITERAL = /["'`](GET|POST|PUT|PATCH|DELETE)\s+(\/[^"'`\s]*)["'`]/g;

export function extractExports(path: string, content: string): string[] {
  const out = new Set<string>();
  const add = (line: string) => {
    if (out.size < MAX_LINES) out.add(line.slice(0, MAX_LINE));
  };
  if (/\.(m?[jt]sx?|cjs)$/.test(path)) {
    for (const m of content.matchAll(JS_EXPORT)) add(`export ${m[1]}`);
    for (const m of content.matchAll(CJS_EXPORT)) {
      for (const name of (m[1] ?? "").split(",")) {
        const id = name.split(":")[0]?.trim();
        if (id && /^[A-Za-z_$][\w$]*$/.test(id)) add(`export ${id}`);
      }
    }
    for (const m of content.matchAll(ROUTE_CALL)) add(`${(m[1] ?? "").toUpperCase()} ${m[2]}`);
    for (const m of content.matchAll(ROUTE_LITERAL)) add(`${m[1]} ${m[2]}`);
  } else if (path.endsWith("package.json")) {
    const scripts = /"scripts"\s*:\s*\{([^}]*)\}/.exec(content)?.[1] ?? "";
    for (const m of scripts.matchAll(/"([\w:-]+)"\s*:/g)) add(`npm run ${m[1]}`);
  } else if (/\.html?$/.test(path)) {
    const title = /<title>([^<]{1,80})<\/title>/i.exec(content)?.[1];
    if (title) add(`title ${title.trim()}`);
    for (const m of content.matchAll(/<script[^>]*\bsrc=["']([^"']+)["']/gi)) add(`script ${m[1]}`);
  }
  return [...out];
}
