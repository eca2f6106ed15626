import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "../../console/markdown";

describe("README markdown", () => {
  it("reads headings, paragraphs, lists, code, quotes, rules and tables", () => {
    const blocks = parseMarkdown(
      [
        "# Reservas",
        "",
        "Una app **de reservas** para tu `peluquería`.",
        "Segunda línea.",
        "",
        "## Cómo se usa",
        "- instala",
        "- arranca",
        "",
        "1. uno",
        "2. dos",
        "",
        "```sh",
        "npm start",
        "```",
        "> cuidado",
        "---",
        "| Método | Ruta |",
        "| --- | --- |",
        "| GET | /api/citas |",
      ].join("\n"),
    );
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "heading", "list", "list", "code", "quote", "rule", "table"]);
    expect(blocks[1]).toEqual({
      kind: "paragraph",
      children: [
        { kind: "text", text: "Una app " },
        { kind: "strong", children: [{ kind: "text", text: "de reservas" }] },
        { kind: "text", text: " para tu " },
        { kind: "code", text: "peluquería" },
        { kind: "text", text: ". Segunda línea." },
      ],
    });
    expect(blocks[4]).toMatchObject({ kind: "list", ordered: true });
    expect(blocks[5]).toEqual({ kind: "code", language: "sh", text: "npm start" });
    expect(blocks[8]).toMatchObject({
      kind: "table",
      head: [[{ text: "Método" }], [{ text: "Ruta" }]],
      rows: [[[{ text: "GET" }], [{ text: "/api/citas" }]]],
    });
  });

  it("keeps raw HTML as text and never makes a script link", () => {
    const [p] = parseMarkdown(
      '<script>alert(1)</script> <img src=x onerror="alert(1)"> [clic](javascript:void0) [ok](https://example.com/a)',
    );
    expect(p).toEqual({
      kind: "paragraph",
      children: [
        { kind: "text", text: '<script>alert(1)</script> <img src=x onerror="alert(1)"> clic ' },
        { kind: "link", href: "https://example.com/a", children: [{ kind: "text", text: "ok" }] },
      ],
    });
    expect(safeHref("data:text/html,<b>")).toBeNull();
    expect(safeHref("docs/api.md")).toBeNull();
    expect(safeHref("mailto:ana@example.com")).toBe("mailto:ana@example.com");
  });

  it("shows images as their alt text, loads nothing", () => {
    expect(parseInline("![logo](https://tracker.example/pixel.png) hola")).toEqual([{ kind: "text", text: "logo hola" }]);
  });

  it("leaves unclosed markers as text", () => {
    expect(parseInline("2 * 3 = 6 and snake_case_name")).toEqual([{ kind: "text", text: "2 * 3 = 6 and snake_case_name" }]);
    expect(parseInline("*énfasis* y _otro_")).toEqual([
      { kind: "em", children: [{ kind: "text", text: "énfasis" }] },
      { kind: "text", text: " y " },
      { kind: "em", children: [{ kind: "text", text: "otro" }] },
    ]);
  });
});
