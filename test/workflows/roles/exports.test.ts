import { describe, expect, it } from "vitest";
import { extractExports } from "../../../workflows/roles/exports";

describe("extractExports: what later roles learn about a file", () => {
  it("finds exported names, CommonJS exports and routes", () => {
    const js = [
      "export const store = {};",
      "  export async function handle(req) {}",
      "module.exports = { validate, render: renderPage };",
      'app.get("/api/items", list);',
      'const routes = ["POST /api/items"];',
    ].join("\n");
    expect(extractExports("src/a.js", js)).toEqual([
      "export store",
      "export handle",
      "export validate",
      "export render",
      "GET /api/items",
      "POST /api/items",
    ]);
    expect(extractExports("package.json", '{"scripts": {"start": "node x", "test": "node --test"}}')).toEqual([
      "npm run start",
      "npm run test",
    ]);
  });

  it("reads a file of a million blank lines in one linear pass", () => {
    // Guards the pattern's shape (no `\s*` across lines), which made this input quadratic.
    const text = `${"\n".repeat(1_000_000)}export const late = 1;\n`;
    expect(extractExports("big.js", text)).toEqual(["export late"]);
  });
});
