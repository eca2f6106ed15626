import { z } from "zod";
import { ACCOUNT_ID } from "../../shared/ids";

/**
 * The community's settings (docs/configuration.md), parsed rather than trusted: a typo in a
 * deployed var fails loudly, naming it, instead of hiding projects after zero reports or making
 * nobody (or everybody) an admin.
 */
const schema = z.object({
  /** Distinct reporters that take a project out of the gallery until an admin decides. */
  REPORTS_TO_HIDE: z.coerce.number().int().min(1).default(3),
  /** Comma-separated account ids; empty means no admins. */
  ADMIN_ACCOUNTS: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    )
    .pipe(z.array(z.string().regex(ACCOUNT_ID, "must be account ids (acc_…), comma-separated"))),
});

export type CommunityConfig = z.infer<typeof schema>;

export class CommunityConfigError extends Error {
  override readonly name = "CommunityConfigError";
}

export function communityConfig(env: Env): CommunityConfig {
  const parsed = schema.safeParse({ REPORTS_TO_HIDE: env.REPORTS_TO_HIDE || undefined, ADMIN_ACCOUNTS: env.ADMIN_ACCOUNTS });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CommunityConfigError(`community configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

export function isAdmin(env: Env, accountId: string): boolean {
  return communityConfig(env).ADMIN_ACCOUNTS.includes(accountId);
}
