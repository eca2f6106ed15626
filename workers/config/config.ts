import type { z } from "zod";
import { VARS } from "./vars";
import type { VarName } from "./vars";

export { DEFAULTS } from "./defaults";
export type { Pack, Plan, VarName } from "./vars";

/**
 * The one way to read configuration: `config(env).TRIAL_CREDITS`. Each var is parsed with its zod
 * schema (vars.ts) the first time it is read from a given `env`, then kept: the Worker's, a Durable
 * Object's and the Workflow's `env` each live as long as their isolate, so a request or step pays
 * for a var once. Reading a var lazily keeps a broken var from failing requests that never use it;
 * reading it through here makes a typo fail loudly, naming the var, instead of silently granting
 * the wrong amount.
 */
export type Config = { readonly [K in VarName]: z.output<(typeof VARS)[K]> };

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly variable: VarName,
    reason: string,
  ) {
    super(`configuration: ${variable}: ${reason}`);
  }
}

const cache = new WeakMap<object, Config>();

export function config(env: Env): Config {
  const known = cache.get(env);
  if (known) return known;
  const parsed: Partial<Record<VarName, unknown>> = {};
  const view = {} as Config;
  for (const name of Object.keys(VARS) as VarName[]) {
    Object.defineProperty(view, name, {
      enumerable: true,
      get() {
        if (!(name in parsed)) parsed[name] = parseVar(name, Reflect.get(env, name));
        return parsed[name];
      },
    });
  }
  cache.set(env, view);
  return view;
}

function parseVar(name: VarName, raw: unknown): unknown {
  const result = VARS[name].safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new ConfigError(name, `${where}${issue?.message ?? "invalid value"}`);
}
