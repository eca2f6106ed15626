/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FileStreamParser, parseFiles } from "../../../workflows/files/parser";
import type { ParsedFile } from "../../../workflows/files/parser";

const outputs = import.meta.glob<string>("../../fixtures/model-outputs/*.{md,txt}", {
  query: "?raw",
  import: "default",
  eager: true,
});
const expectations = import.meta.glob<unknown>("../../fixtures/model-outputs/*.expected.json", {
  import: "default",
  eager: true,
});

/** Short files are spelled out; long ones are pinned by their boundaries and a hash. */
const ExpectedFile = z.object({
  path: z.string(),
  complete: z.boolean(),
  lines: z.number().int(),
  content: z.string().optional(),
  first: z.string().optional(),
  last: z.string().optional(),
  sha256: z.string().optional(),
});
type ExpectedFile = z.infer<typeof ExpectedFile>;
const Expectation = z.object({ description: z.string(), files: z.array(ExpectedFile) });

const fixtures = Object.entries(outputs).map(([file, text]) => {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const expected = expectations[file.replace(/\.(md|txt)$/, ".expected.json")];
  return { name, text, expected: Expectation.parse(expected) };
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Renders a parsed file in the shape of its expectation, so a mismatch shows as a readable diff. */
async function summarize(file: ParsedFile, like: ExpectedFile | undefined): Promise<ExpectedFile> {
  const lines = file.content === "" ? [] : file.content.slice(0, -1).split("\n");
  const summary: ExpectedFile = { path: file.path, complete: file.complete, lines: lines.length };
  if (like?.sha256 === undefined) return { ...summary, content: file.content };
  return { ...summary, first: lines[0], last: lines.at(-1), sha256: await sha256(file.content) };
}

describe("the corpus of model outputs", () => {
  it("has at least 12 fixtures, each with its expectation", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(expectations)).toHaveLength(fixtures.length);
  });

  for (const { name, text, expected } of fixtures) {
    it(`${name}: ${expected.description}`, async () => {
      const files = parseFiles(text);
      const summaries = await Promise.all(files.map((file, i) => summarize(file, expected.files[i])));
      expect(summaries).toEqual(expected.files);
    });
  }

  it("takes every file's content verbatim from the output, except de-indented list fences", () => {
    for (const { name, text } of fixtures.filter((f) => f.name !== "indented-list-fences.md")) {
      const source = text.replaceAll("\r\n", "\n");
      for (const file of parseFiles(text)) {
        expect(source, `${name}: ${file.path}`).toContain(file.content.trimEnd());
      }
    }
  });

  it("gives the same files with Windows line endings", () => {
    for (const { name, text } of fixtures) {
      const crlf = text.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n");
      expect(parseFiles(crlf), name).toEqual(parseFiles(text));
    }
  });
});

const paths = (text: string): string[] => parseFiles(text).map((file) => file.path);

describe("canonical <file> tags", () => {
  it("reads double quotes, single quotes and extra attributes", () => {
    const text = '<file path="a.js" lang="js">\nA\n</file>\n<file role="x" path=\'b/c.ts\'>\nB\n</file>\n';
    expect(parseFiles(text)).toEqual([
      { path: "a.js", content: "A\n", complete: true },
      { path: "b/c.ts", content: "B\n", complete: true },
    ]);
  });

  it("keeps the exact lines between the tags, with exactly one trailing newline", () => {
    const text = '<file path="a.txt">\n\n  indented  \n\n\n</file>\n<file path="empty.txt">\n</file>\n';
    expect(parseFiles(text)).toEqual([
      { path: "a.txt", content: "\n  indented  \n", complete: true },
      { path: "empty.txt", content: "", complete: true },
    ]);
  });

  it("accepts content on the tag lines and a self-closing empty file", () => {
    const text = '<file path="a.js">one</file><file path="b.js">\ntwo }</file>\n<file path="c/.gitkeep" />\n';
    expect(parseFiles(text)).toEqual([
      { path: "a.js", content: "one\n", complete: true },
      { path: "b.js", content: "two }\n", complete: true },
      { path: "c/.gitkeep", content: "", complete: true },
    ]);
  });

  it("ends a file whose closing tag the model forgot at the next opening tag", () => {
    expect(parseFiles('<file path="a.js">\nA\n<file path="b.js">\nB\n</file>\n')).toEqual([
      { path: "a.js", content: "A\n", complete: true },
      { path: "b.js", content: "B\n", complete: true },
    ]);
  });

  it("keeps a <file> example inside a fence of the content as content", () => {
    const readme = '# Format\n```\n<file path="x.js">\nx\n</file>\n```\n';
    expect(parseFiles(`<file path="README.md">\n${readme}</file>\n`)).toEqual([{ path: "README.md", content: readme, complete: true }]);
  });

  it("unwraps content the model also put in a fence, but not a README that merely starts with one", () => {
    const wrapped = '<file path="a.js">\n```js\nA\n```\n</file>\n';
    const readme = '<file path="R.md">\n```sh\nnpm i\n```\nRun it.\n</file>\n';
    expect(parseFiles(wrapped + readme)).toEqual([
      { path: "a.js", content: "A\n", complete: true },
      { path: "R.md", content: "```sh\nnpm i\n```\nRun it.\n", complete: true },
    ]);
  });

  it("does not let an unclosed fence in the content hide the closing tag", () => {
    expect(parseFiles('<file path="a.md">\n```js\nx\n</file>\n<file path="b.js">\ny\n</file>\n')).toEqual([
      { path: "a.md", content: "```js\nx\n", complete: true },
      { path: "b.js", content: "y\n", complete: true },
    ]);
  });
});

describe("bolt actions", () => {
  it("reads file actions and skips shell and start actions", () => {
    const text = [
      '<boltArtifact id="app" title="App">',
      '<boltAction type="shell">\nnpm install\n</boltAction>',
      '<boltAction type="file" filePath="src/app.js">console.log(1);\n</boltAction>',
      '<boltAction type="start">npm start</boltAction>',
      "</boltArtifact>",
      "",
    ].join("\n");
    expect(parseFiles(text)).toEqual([{ path: "src/app.js", content: "console.log(1);\n", complete: true }]);
  });
});

describe("a path line before a fence", () => {
  it.each([
    ["**src/app.js**"],
    ["### src/app.js"],
    ["File: src/app.js"],
    ["`src/app.js`"],
    ["src/app.js:"],
    ["**File:** `src/app.js`"],
    ["### 2. `src/app.js`"],
    ["#### `src/app.js` — the server"],
    ["Create a file named `src/app.js`:"],
    ["1. Create **src/app.js**:"],
    ["Here's the updated `src/app.js`:"],
  ])("%s", (line) => {
    expect(parseFiles(`Intro.\n\n${line}\n\n\`\`\`js\nx\n\`\`\`\n`)).toEqual([{ path: "src/app.js", content: "x\n", complete: true }]);
  });

  it("survives a sentence or two between a title and its fence, but not a plain sentence", () => {
    expect(paths("### src/app.js\n\nThe server.\nIt listens on 3000.\n```js\nx\n```\n")).toEqual(["src/app.js"]);
    expect(paths("### src/app.js\nOne.\nTwo.\nThree.\n```js\nx\n```\n")).toEqual([]);
    expect(paths("Create `src/app.js`:\nThen more prose.\n```js\nx\n```\n")).toEqual([]);
  });

  it("does not name a shell fence after a non-script path, nor a snippet to merge", () => {
    expect(paths("- `package.json`\n\n```bash\nnpm install\n```\n")).toEqual([]);
    expect(paths("Update `package.json` to add a script:\n```json\n{}\n```\n")).toEqual([]);
    expect(paths("Add the following to `src/app.js`:\n```js\nx\n```\n")).toEqual([]);
    expect(paths("### Testing `src/app.js`\n```js\nx\n```\n")).toEqual([]);
    expect(paths("2. **app.js**: sets up the routes.\n```js\nx\n```\n")).toEqual([]);
    expect(paths("**.env**\n```bash\nPORT=3000\n```\n**setup.sh**\n```bash\nnpm i\n```\n")).toEqual([".env", "setup.sh"]);
  });
});

describe("a path comment on the first line of a fence", () => {
  it.each([
    ["// src/app.js", "src/app.js"],
    ["# Dockerfile", "Dockerfile"],
    ["<!-- index.html -->", "index.html"],
    ["/* styles.css */", "styles.css"],
    ["-- schema.sql", "schema.sql"],
    ["// File: src/app.js", "src/app.js"],
    ["# src/db.py - database helpers", "src/db.py"],
  ])("%s names %s and is not content", (comment, path) => {
    expect(parseFiles(`\`\`\`\n${comment}\nbody\n\`\`\`\n`)).toEqual([{ path, content: "body\n", complete: true }]);
  });

  it.each([
    ["// This module handles auth"],
    ["# Install deps"],
    ["// see https://example.com/a/b.js"],
    ["#!/usr/bin/env node"],
    ["// /api/users"],
    ["# syntax=docker/dockerfile:1"],
  ])("%s names nothing", (comment) => {
    expect(parseFiles(`\`\`\`\n${comment}\nbody\n\`\`\`\n`)).toEqual([]);
  });

  it("is dropped when it repeats the heading's path, and wins over a stale heading", () => {
    expect(parseFiles("**src/a.js**\n```js\n// a.js\nA\n```\n")).toEqual([{ path: "src/a.js", content: "A\n", complete: true }]);
    expect(paths("- `src/a.js`\n- `src/b.js`\n\n```js\n// src/a.js\nA\n```\n")).toEqual(["src/a.js"]);
  });

  it("stays content when the info string already names another file", () => {
    expect(parseFiles("```js src/a.js\n// src/b.js\nA\n```\n")).toEqual([
      { path: "src/a.js", content: "// src/b.js\nA\n", complete: true },
    ]);
  });
});

describe("a path in the fence info string", () => {
  it.each([
    ["js src/app.js"],
    ["src/app.js"],
    ["typescript:src/app.js"],
    ["js path=src/app.js"],
    ['js title="src/app.js"'],
    ["js filename='src/app.js'"],
  ])("```%s", (info) => {
    expect(paths(`\`\`\`${info}\nx\n\`\`\`\n`)).toEqual(["src/app.js"]);
  });

  it("treats a lone language word as a language, even one that is also a file name", () => {
    expect(paths("```dockerfile\nFROM node\n```\n```js {1,3}\nx\n```\n```node.js\nx\n```\n")).toEqual([]);
  });
});

describe("fences", () => {
  it("closes only on the same character, at least as long, with no info string", () => {
    const readme = "```bash\nnpm i\n```\n~~~\n```js\n";
    expect(parseFiles(`\`\`\`\`md README.md\n${readme}\`\`\`\`\n`)).toEqual([{ path: "README.md", content: readme, complete: true }]);
    expect(parseFiles("~~~ notes.txt\n```\n~~~~\n")).toEqual([{ path: "notes.txt", content: "```\n", complete: true }]);
  });

  it("nests same-length fences with an info string inside a Markdown file", () => {
    const readme = "# App\n```bash\nnpm start\n```\nDone.\n";
    expect(parseFiles(`**README.md**\n\`\`\`markdown\n${readme}\`\`\`\nAfter.\n`)).toEqual([
      { path: "README.md", content: readme, complete: true },
    ]);
  });

  it("removes the indentation of a fence inside a list item", () => {
    expect(parseFiles("1. `a.js`:\n\n   ```js\n   if (x) {\n     y();\n   }\n   ```\n")).toEqual([
      { path: "a.js", content: "if (x) {\n  y();\n}\n", complete: true },
    ]);
  });

  it("never reinterprets the content of a file fence", () => {
    const js = 'const a = 1;\n// src/x.js\n<file path="y.js">\n**z.js**\n';
    expect(parseFiles(`\`\`\`js app.js\n${js}\`\`\`\n`)).toEqual([{ path: "app.js", content: js, complete: true }]);
  });

  it("skips a fence that names no file, but reads <file> tags an answer was wrapped in", () => {
    expect(paths("Run:\n```bash\nnpm install\n```\n```\nsrc/\n  app.js\n```\n")).toEqual([]);
    expect(paths('```xml\n<file path="a.js">\nA\n</file>\n```\n**b.js**\n```js\nB\n```\n')).toEqual(["a.js", "b.js"]);
  });
});

describe("paths", () => {
  it("trims whitespace, quotes, backticks and bold markers", () => {
    expect(paths('<file path=" `a.js` ">\n</file>\n<file path="**b.js**">\n</file>\n<file path=\'"c.js"\'>\n</file>\n')).toEqual([
      "a.js",
      "b.js",
      "c.js",
    ]);
  });

  it("rejects empty paths, paths with spaces and URLs, and skips their blocks", () => {
    const text = '<file path="">\nA\n</file>\n<file path="my app.js">\nB\n</file>\n<file path="https://x.io/c.js">\nC\n</file>\n';
    expect(parseFiles(text)).toEqual([]);
  });

  it("leaves safety to the caller: absolute and parent paths pass through", () => {
    expect(paths('<file path="/etc/passwd">\n</file>\n<file path="../x.js">\n</file>\n')).toEqual(["/etc/passwd", "../x.js"]);
  });

  it.each([
    ["Dockerfile"],
    ["Makefile"],
    [".env.example"],
    [".gitignore"],
    ["docker-compose.yml"],
    [".github/workflows/ci.yml"],
    ["app/[id]/page.tsx"],
    ["src/__init__.py"],
  ])("recognises %s from a heading", (path) => {
    expect(paths(`### ${path}\n\`\`\`\nx\n\`\`\`\n`)).toEqual([path]);
  });

  it.each([["Node.js"], ["Express.js"], ["Setup"], ["v1.2"], ["src/"], ["Here is the backend:"]])(
    "does not take the heading %s for a file",
    (heading) => {
      expect(paths(`### ${heading}\n\`\`\`js\nx\n\`\`\`\n`)).toEqual([]);
    },
  );
});

describe("the end of the stream", () => {
  it("returns a file cut off mid-line as incomplete, from end()", () => {
    const parser = new FileStreamParser();
    expect(parser.push('<file path="a.js">\nA\n</file>\n<file path="b.js">\nconst b = "unfini')).toEqual([
      { path: "a.js", content: "A\n", complete: true },
    ]);
    expect(parser.end()).toEqual([{ path: "b.js", content: 'const b = "unfini\n', complete: false }]);
  });

  it("returns an incomplete fenced file, even one whose fence has no content yet", () => {
    expect(parseFiles("**a.js**\n```js\nlet a")).toEqual([{ path: "a.js", content: "let a\n", complete: false }]);
    expect(parseFiles("**a.js**\n```js\n")).toEqual([{ path: "a.js", content: "", complete: false }]);
  });

  it("closes a block whose closing line has no final newline", () => {
    expect(parseFiles('<file path="a.js">\nA\n</file>')).toEqual([{ path: "a.js", content: "A\n", complete: true }]);
    expect(parseFiles("```js a.js\nA\n```")).toEqual([{ path: "a.js", content: "A\n", complete: true }]);
  });

  it("returns the same path twice, in order", () => {
    expect(parseFiles('<file path="a.js">\n1\n</file>\n<file path="a.js">\n2\n</file>\n')).toEqual([
      { path: "a.js", content: "1\n", complete: true },
      { path: "a.js", content: "2\n", complete: true },
    ]);
  });

  it("finds no files in prose, JSON or an empty answer", () => {
    expect(parseFiles("")).toEqual([]);
    expect(parseFiles('{"files": [{"path": "a.js"}]}')).toEqual([]);
    expect(parseFiles("Here is the backend:\nNow let's create the frontend.\n")).toEqual([]);
  });

  it("starts afresh after end()", () => {
    const parser = new FileStreamParser();
    parser.push('<file path="a.js">\nA');
    parser.end();
    expect([...parser.push('<file path="b.js">\nB\n</file>\n'), ...parser.end()]).toEqual([
      { path: "b.js", content: "B\n", complete: true },
    ]);
  });
});
