import { z } from "zod";

/** `owner/name` as GitHub allows them; a trailing `.git` (pasted from a clone URL) is dropped. */
export const repoSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/^https:\/\/github\.com\//, "").replace(/\.git$/, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "must be owner/name"));

/** A branch name git and GitHub accept (no `..`, no leading or trailing `/` or `.`). */
export const branchSchema = z
  .string()
  .trim()
  .regex(/^(?!.*\.\.)(?!\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/-]{1,100}$/, "must be a branch name such as main");
