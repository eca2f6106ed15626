import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../workers/app";

const [toml = ""] = Object.values(import.meta.glob<string>("../../../wrangler.toml", { query: "?raw", import: "default", eager: true }));

/** `NAME = "value"` lines of one table of wrangler.toml (`[vars]`, `[env.production.vars]`). */
function varsOf(table: string): Record<string, string> {
  const lines = toml.split("\n");
  const start = lines.indexOf(`[${table}]`);
  if (start < 0) throw new Error(`wrangler.toml has no [${table}]`);
  const vars: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("[")) break;
    const match = /^([A-Z0-9_]+)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = match[2] ?? match[3] ?? "";
  }
  return vars;
}

/** The bindings a plain `wrangler deploy` would get: wrangler.toml's top-level vars, nothing else. */
const plainDeploy = { ...env, ...varsOf("vars") };

describe("safe by default: what a plain `wrangler deploy` publishes is production", () => {
  it("has ENVIRONMENT = production at the top level and in [env.production]", () => {
    expect(varsOf("vars").ENVIRONMENT).toBe("production");
    expect(varsOf("env.production.vars").ENVIRONMENT).toBe("production");
  });

  it("refuses the development sign-in routes with the top-level configuration", async () => {
    // From an address of its own, as Cloudflare's edge would say: the top-level rate limits apply.
    const init = { method: "POST", headers: { "cf-connecting-ip": `192.0.2.${Math.floor(Math.random() * 250) + 1}` } };
    const session = await app.request("/api/session", init, plainDeploy);
    expect(session.status).toBe(404);
    const devLink = await app.request("/auth/dev-link", init, plainDeploy);
    expect(devLink.status).toBe(404);
    const health: { environment: string } = await (await app.request("/health", {}, plainDeploy)).json();
    expect(health.environment).toBe("production");
  });

  it("is development only where the tests (and npm start) select it", async () => {
    expect(env.ENVIRONMENT).toBe("development");
    expect((await app.request("/api/session", { method: "POST" }, env)).status).toBe(201);
    expect((await app.request("/auth/dev-link", { method: "POST" }, env)).status).toBe(201);
  });
});
