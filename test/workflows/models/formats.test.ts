/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { FileStreamParser, parseFiles } from "../../../workflows/files/parser";
import type { ParsedFile } from "../../../workflows/files/parser";
import { PROVIDERS, rawProvider, request } from "../../helpers/models";

const outputs = import.meta.glob<string>("../../fixtures/model-outputs/*.{md,txt}", {
  query: "?raw",
  import: "default",
  eager: true,
});
const fixtures = Object.entries(outputs).map(([file, text]) => ({ name: file.slice(file.lastIndexOf("/") + 1), text }));

/**
 * Every recorded output shape, streamed by a real SDK from a fake server in 7-character SSE chunks,
 * parsed as it arrives: the files are exactly those of the whole text.
 */
describe("each file format, streamed through a provider", () => {
  fixtures.forEach(({ name, text }, i) => {
    const provider = PROVIDERS[i % PROVIDERS.length] ?? "openai";
    it(`${name} through ${provider}`, async () => {
      const parser = new FileStreamParser();
      const files: ParsedFile[] = [];
      let chunks = 0;
      const marker = `[[fake:fixture:${name.replace(/\.(md|txt)$/, "-$1")}]]`;
      for await (const event of rawProvider(provider).stream(request(marker))) {
        if (event.type !== "text") continue;
        chunks++;
        files.push(...parser.push(event.text));
      }
      files.push(...parser.end());
      expect(chunks).toBeGreaterThan(text.length / 8);
      expect(files).toEqual(parseFiles(text));
    });
  });
});
