/**
 * The one file format every role prompt asks for. Models do not always follow it; the parser in
 * `parser.ts` also accepts the other shapes they produce instead.
 */
export const FILE_FORMAT_INSTRUCTIONS = [
  "Write every file as a block of this exact form, one after another, and nothing else between them:",
  '<file path="relative/path/to/file.ext">',
  "...the complete file content...",
  "</file>",
  "Paths are relative to the project root, use forward slashes and never start with / or contain ..",
].join("\n");

/** Renders one file in the canonical format; the offline model writes through this. */
export function formatFile(path: string, content: string): string {
  const body = content.endsWith("\n") ? content : `${content}\n`;
  return `<file path="${path}">\n${body}</file>\n`;
}
