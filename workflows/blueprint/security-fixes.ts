/**
 * Repairs the security role applies when the source has a shape it understands. Each one either
 * returns the whole new file or undefined; it never guesses at code it cannot place.
 */

/** The handler of `createServer((req, res) => {` or `createServer(async function (req, res) {`. */
const HANDLER_START = /createServer\(\s*(?:async\s+)?(?:function\s*\w*\s*)?\(\s*(\w+)\s*,\s*(\w+)\s*\)\s*(?:=>\s*)?\{[^\n]*\n/;

export const HEADER_NAMES = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"] as const;

const HEADERS_FUNCTION = `
/**
 * Added by the security audit (SECURITY_AUDIT.md): browsers may not sniff types, frame the app,
 * run scripts or styles from elsewhere, or send the URL to other sites.
 */
function applySecurityHeaders(res) {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}
`;

/** Sets the headers first thing in every request of a node:http server. */
export function addSecurityHeaders(content: string): string | undefined {
  const handler = HANDLER_START.exec(content);
  const res = handler?.[2];
  if (!handler || res === undefined || content.includes("function applySecurityHeaders(")) return undefined;
  const opening = handler[0];
  const nextLine = content.slice(handler.index + opening.length).split("\n")[0] ?? "";
  const indent = /^\s*/.exec(nextLine)?.[0] ?? "    ";
  const at = handler.index + opening.length;
  const body = `${content.slice(0, at)}${indent}applySecurityHeaders(${res});\n${content.slice(at)}`;
  return `${body.replace(/\n*$/, "\n")}${HEADERS_FUNCTION}`;
}

/** Does the server export the factory the generated tests use? Then a test can prove the fix. */
export function exportsCreateApp(content: string): boolean {
  return /export\s+(async\s+)?function\s+createApp\s*\(/.test(content);
}

export function headersTest(serverPath: string): string {
  return `// Added by the security audit (SECURITY_AUDIT.md): every kind of response carries the headers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createApp } from "../${serverPath}";

test("every response carries the security headers", async () => {
  const server = await createApp({ dataDir: "" });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    for (const path of ["/", "/health", "/api/not-a-resource"]) {
      const res = await fetch("http://127.0.0.1:" + server.address().port + path);
      await res.arrayBuffer();
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'self'/, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(res.headers.get("x-frame-options"), "DENY", path);
      assert.equal(res.headers.get("referrer-policy"), "no-referrer", path);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
`;
}

const HTML_SINK = /\.innerHTML(\s*\+?=)(?!=)/g;

/** `el.innerHTML = x` -> `el.textContent = x` on the given lines: the data shows as text, never as markup. */
export function useTextContent(lines: readonly number[]): (content: string) => string | undefined {
  return (content) => {
    const all = content.split("\n");
    let changed = false;
    for (const line of lines) {
      const text = all[line - 1];
      if (text === undefined) continue;
      const next = text.replace(HTML_SINK, ".textContent$1");
      changed ||= next !== text;
      all[line - 1] = next;
    }
    return changed ? all.join("\n") : undefined;
  };
}

/** Runs the container as the node image's unprivileged user. */
export function addDockerUser(content: string): string | undefined {
  if (!/^\s*FROM\s+node:/im.test(content)) return undefined;
  const start = /^\s*(CMD|ENTRYPOINT)\b/im.exec(content);
  if (!start) return `${content.replace(/\n*$/, "\n")}USER node\n`;
  return `${content.slice(0, start.index)}USER node\n${content.slice(start.index)}`;
}

export function ignoreEnvFiles(content: string): string {
  return `${content.replace(/\n*$/, "\n")}.env\n.env.*\n!.env.example\n`;
}
