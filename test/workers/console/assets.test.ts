import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { highlight } from "../../../console/highlight";
import { CONSOLE_CSP } from "../../../workers/console/csp";

describe("console static files", () => {
  it("are served with the same strict CSP the Worker puts on share pages", async () => {
    const page = await env.ASSETS.fetch("http://local/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe(CONSOLE_CSP);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    // No inline script anywhere in the page: the CSP would block it.
    const html = await page.text();
    expect(html).toMatch(/<script type="module" src="\/console.js"><\/script>/);
    expect(html.match(/<script\b[^>]*>[^<]+<\/script>/)).toBeNull();
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe("console syntax highlighting", () => {
  it("returns tokens that put the source back together exactly, markup included", () => {
    const source = '// hola\nconst x = "<script>alert(1)</script>"; return 42;\n';
    const tokens = highlight(source, "src/a.js");
    expect(tokens.map((t) => t.text).join("")).toBe(source);
    expect(tokens).toContainEqual({ kind: "comment", text: "// hola" });
    expect(tokens).toContainEqual({ kind: "keyword", text: "const" });
    expect(tokens).toContainEqual({ kind: "string", text: '"<script>alert(1)</script>"' });
    expect(tokens).toContainEqual({ kind: "number", text: "42" });
  });

  it("tells JSON keys from values and leaves unknown files as plain text", () => {
    const tokens = highlight('{"name": "Demo", "n": 1}', "docs/architecture.json");
    expect(tokens.filter((t) => t.kind === "attr").map((t) => t.text)).toEqual(['"name"', '"n"']);
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual(['"Demo"']);
    expect(highlight("<b>x</b>", "LICENSE")).toEqual([{ kind: "text", text: "<b>x</b>" }]);
    const docker = highlight("FROM node:22\n# build\nRUN npm ci\n", "Dockerfile");
    expect(docker.filter((t) => t.kind === "keyword").map((t) => t.text)).toEqual(["FROM", "RUN"]);
  });
});
