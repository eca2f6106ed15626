/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { FileStreamParser, parseFiles } from "../../../workflows/files/parser";
import type { ParsedFile } from "../../../workflows/files/parser";

const outputs = import.meta.glob<string>("../../fixtures/model-outputs/*.{md,txt}", {
  query: "?raw",
  import: "default",
  eager: true,
});
const fixtures = Object.entries(outputs).map(([file, text]) => ({ name: file.slice(file.lastIndexOf("/") + 1), text }));

function parseChunks(chunks: Iterable<string>): ParsedFile[] {
  const parser = new FileStreamParser();
  const files: ParsedFile[] = [];
  for (const chunk of chunks) files.push(...parser.push(chunk));
  files.push(...parser.end());
  return files;
}

/** mulberry32: a seeded generator, so a failing chunking can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chunks of 1 to `max` characters, the way model tokens arrive: often tiny, sometimes large. */
function* randomChunks(text: string, next: () => number, max: number): Generator<string> {
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(next() ** 2 * max);
    yield text.slice(at, at + size);
    at += size;
  }
}

function* characters(text: string): Generator<string> {
  for (let at = 0; at < text.length; at++) yield text.slice(at, at + 1);
}

describe("streaming gives the files of the whole text", () => {
  for (const { name, text } of fixtures) {
    it(`${name}, split once at every position`, () => {
      const whole = parseFiles(text);
      for (let at = 0; at <= text.length; at++) {
        const files = parseChunks([text.slice(0, at), text.slice(at)]);
        if (JSON.stringify(files) !== JSON.stringify(whole)) expect(files, `split at ${at}`).toEqual(whole);
      }
    });

    it(`${name}, one character at a time and in 200 seeded random chunkings`, () => {
      const whole = parseFiles(text);
      expect(parseChunks(characters(text))).toEqual(whole);
      for (let seed = 1; seed <= 200; seed++) {
        expect(parseChunks(randomChunks(text, random(seed), 80)), `seed ${seed}`).toEqual(whole);
      }
    });
  }

  it("the whole corpus as one stream, with Windows line endings, in seeded random chunkings", () => {
    const corpus = fixtures
      .map((f) => f.text)
      .join("\n")
      .replaceAll("\r\n", "\n")
      .replaceAll("\n", "\r\n");
    const whole = parseFiles(corpus);
    expect(whole.length).toBeGreaterThan(50);
    for (let seed = 1; seed <= 20; seed++) {
      expect(parseChunks(randomChunks(corpus, random(seed), 400)), `seed ${seed}`).toEqual(whole);
    }
  });
});

describe("files arrive as soon as their block closes", () => {
  it("returns each file from the push that completes its closing line", () => {
    const parser = new FileStreamParser();
    expect(parser.push('<file path="a.js">\nA\n</fi')).toEqual([]);
    expect(parser.push("le>\n**b.js**\n```js\nB\n")).toEqual([{ path: "a.js", content: "A\n", complete: true }]);
    expect(parser.push("``")).toEqual([]);
    expect(parser.push("`\r")).toEqual([]);
    expect(parser.push("\nprose")).toEqual([{ path: "b.js", content: "B\n", complete: true }]);
    expect(parser.end()).toEqual([]);
  });

  it("emits each fixture file before the rest of the answer is pushed", () => {
    const { text } = fixtures.find((f) => f.name === "gpt4-bold-headings.md") ?? { text: "" };
    const parser = new FileStreamParser();
    const arrivals = text.split("\n").flatMap((line, index) => parser.push(`${line}\n`).map((file) => ({ index, file })));
    expect(arrivals.map((a) => a.file)).toEqual(parseFiles(text));
    const lines = text.split("\n");
    for (const { index } of arrivals) expect(lines[index]).toMatch(/^(```|````)$/);
  });
});

describe("cost", () => {
  it("stays linear when a long line arrives one character at a time", () => {
    const body = "x".repeat(300_000);
    const files = parseChunks(characters(`<file path="big.txt">\n${body}\n</file>\n`));
    expect(files).toEqual([{ path: "big.txt", content: `${body}\n`, complete: true }]);
  });

  it("reads a line of thousands of tags without exhausting the stack", () => {
    const line = '<file path="a.js">x</file>'.repeat(20_000);
    const files = parseFiles(`${line}\n`);
    expect(files).toHaveLength(20_000);
    expect(files.at(-1)).toEqual({ path: "a.js", content: "x\n", complete: true });
  });

  it("stays linear for many short lines in tiny chunks", () => {
    const body = "const a = 1; // not a path\n".repeat(20_000);
    const files = parseChunks(randomChunks(`\`\`\`js big.js\n${body}\`\`\`\n`, random(7), 8));
    expect(files).toEqual([{ path: "big.js", content: body, complete: true }]);
  });
});
