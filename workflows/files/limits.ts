/**
 * Model output is untrusted: a path could climb out of the project, a file could be huge. These
 * checks run before anything is written to R2, and their errors are shown to the user as the
 * reason a step failed, so they say exactly what was wrong.
 */

export const LIMITS = {
  maxFiles: 200,
  maxFileBytes: 1024 * 1024,
  maxProjectBytes: 10 * 1024 * 1024,
  maxPathLength: 200,
} as const;

/** Model output broke a rule. Retrying the same prompt rarely helps, so the step stops. */
export class UnsafeOutputError extends Error {
  override readonly name = "UnsafeOutputError";
  constructor(
    readonly code: "unsafe_path" | "file_too_large" | "too_many_files" | "project_too_large",
    message: string,
  ) {
    super(message);
  }
}

/** Returns the normalized path (`./a//b` -> `a/b`) or throws with the rule it breaks. */
export function safePath(raw: string): string {
  const shown = JSON.stringify(raw.slice(0, 120));
  const reject = (why: string) => new UnsafeOutputError("unsafe_path", `unsafe file path ${shown}: ${why}`);
  if (raw.includes("\0")) throw reject("contains a NUL byte");
  if (raw.includes("\\")) throw reject("contains a backslash");
  // Control characters would corrupt archive listings and terminals that print them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw reject("contains a control character");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) throw reject("is absolute");
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0) throw reject("is empty");
  if (segments.includes("..")) throw reject("contains '..'");
  // `.GIT`, `.git.` and `git~1` are `.git` to case-insensitive or Windows file systems: git
  // refuses to check such paths out, and `git fsck` flags them.
  if (segments.some(isGitFolder)) throw reject("writes inside .git");
  const path = segments.join("/");
  if (path.length > LIMITS.maxPathLength) throw reject(`is longer than ${LIMITS.maxPathLength} characters`);
  return path;
}

function isGitFolder(segment: string): boolean {
  const name = segment.toLowerCase().replace(/[. ]+$/, "");
  return name === ".git" || name === "git~1";
}

export function checkFileSize(path: string, bytes: number): void {
  if (bytes > LIMITS.maxFileBytes) {
    throw new UnsafeOutputError(
      "file_too_large",
      `file ${path} is ${bytes} bytes; the limit is ${LIMITS.maxFileBytes} bytes (1 MiB) per file`,
    );
  }
}

/** Checks the whole project as it would be after this step: every path counted once. */
export function checkProjectTotals(files: ReadonlyMap<string, number>): void {
  if (files.size > LIMITS.maxFiles) {
    throw new UnsafeOutputError("too_many_files", `the project would have ${files.size} files; the limit is ${LIMITS.maxFiles}`);
  }
  let total = 0;
  for (const size of files.values()) total += size;
  if (total > LIMITS.maxProjectBytes) {
    throw new UnsafeOutputError(
      "project_too_large",
      `the project would be ${total} bytes; the limit is ${LIMITS.maxProjectBytes} bytes (10 MiB)`,
    );
  }
}
