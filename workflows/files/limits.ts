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

/**
 * Characters no file name needs and that deceive: C0/C1 controls, format characters (the
 * bidirectional overrides U+202A-U+202E, U+2066-U+2069, the marks U+200E/U+200F/U+061C, and the
 * zero-width ones macOS ignores when it compares names, so `.g\u200cit` is `.git` there), line and
 * paragraph separators, and lone surrogates.
 */
const DECEPTIVE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** Characters Windows refuses in a file name (controls are refused above). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/** Device names Windows reserves in every folder, with any extension (`nul.txt` is NUL). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/;
/** The 8.3 short name Windows gives `.git` (`GIT~1`), which git itself refuses. */
const GIT_SHORT_NAME = /^git~\d+$/;

/**
 * A name as a case-insensitive, normalising disk compares it: NFC (macOS stores decomposed names
 * and matches either form), then upper- and lower-cased, which folds case the way NTFS's upcase
 * table does too (dotless `ı` upcases to `I`, so `.gıt` is `.git` on Windows).
 */
export function foldName(name: string): string {
  return name.normalize("NFC").toUpperCase().toLowerCase();
}

/** Returns the normalized path (`./a//b` -> `a/b`) or throws with the rule it breaks. */
export function safePath(raw: string): string {
  const shown = printable(raw.slice(0, 120));
  const reject = (why: string) => new UnsafeOutputError("unsafe_path", `unsafe file path ${shown}: ${why}`);
  if (raw.includes("\0")) throw reject("contains a NUL byte");
  if (raw.includes("\\")) throw reject("contains a backslash");
  // Controls corrupt archive listings and terminals; bidirectional and zero-width characters make
  // a name read as something else, to people and to macOS.
  if (/\p{Cc}/u.test(raw)) throw reject("contains a control character");
  if (DECEPTIVE.test(raw)) throw reject("contains a bidirectional or invisible character");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) throw reject("is absolute");
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0) throw reject("is empty");
  for (const segment of segments) {
    const why = unsafeSegment(segment);
    if (why) throw reject(why);
  }
  const path = segments.join("/");
  if (path.length > LIMITS.maxPathLength) throw reject(`is longer than ${LIMITS.maxPathLength} characters`);
  return path;
}

/**
 * What is wrong with one folder or file name, or null. Names are checked as the most lenient
 * disk a user may unzip onto would read them: case-insensitive, normalising, and Windows
 * ignoring trailing dots and spaces, so `.GIT`, `.Git/`, `.git.` and `git~1` all mean `.git`.
 */
function unsafeSegment(segment: string): string | null {
  if (segment === "..") return "contains '..'";
  const folded = foldName(segment);
  const trimmed = folded.replace(/[. ]+$/, "");
  if (trimmed === ".git" || GIT_SHORT_NAME.test(trimmed)) return "writes inside .git";
  if (trimmed === "" || trimmed === ".") return "contains a name made only of dots and spaces";
  if (trimmed !== folded) return "has a name ending in a dot or a space, which Windows cannot hold";
  if (WINDOWS_FORBIDDEN.test(segment)) return 'contains one of <>:"|?*, which Windows cannot hold';
  const device = folded.split(".")[0]?.trimEnd() ?? "";
  if (WINDOWS_DEVICE.test(device)) return `uses ${JSON.stringify(segment)}, a device name Windows reserves`;
  return null;
}

/** The path as an error message shows it: quoted, with every deceptive character escaped. */
function printable(text: string): string {
  const escaped = text.replace(new RegExp(DECEPTIVE.source, "gu"), (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
  return `"${escaped.replaceAll('"', '\\"')}"`;
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
