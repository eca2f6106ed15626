import { z } from "zod";

/**
 * Settings of the hardening limits, read from the Worker's vars and parsed with zod, so a typo in
 * a deployed var fails loudly instead of silently lifting a limit. Numbers are strings in vars.
 */
const configSchema = z.object({
  /** How long a chat's ZIP link works after it was made or last renewed by `/estado`. */
  DOWNLOAD_LINK_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(72),
  /** Sockets one project accepts at once (owner and share viewers together). */
  MAX_VIEWERS_PER_PROJECT: z.coerce.number().int().positive().default(200),
  /** Sockets one address may hold open through a project's share link. */
  MAX_SHARE_VIEWERS_PER_IP: z.coerce.number().int().positive().default(10),
});

export type SecurityConfig = z.infer<typeof configSchema>;

export class SecurityConfigError extends Error {
  override readonly name = "SecurityConfigError";
}

export function securityConfig(env: Env): SecurityConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SecurityConfigError(`configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
