import { config } from "../config/config";

/** Whether the account may restore or remove reported projects (ADMIN_ACCOUNTS). */
export function isAdmin(env: Env, accountId: string): boolean {
  return config(env).ADMIN_ACCOUNTS.includes(accountId);
}
