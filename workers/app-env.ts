/** Hono's typing for this Worker: bindings, and what the auth middleware sets. */
export interface AppEnv {
  Bindings: Env;
  Variables: { accountId: string };
}
