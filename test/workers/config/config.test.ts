import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULTS, config } from "../../../workers/config/config";

const withVars = (vars: Record<string, string | undefined>): Env => ({ ...env, ...vars });

describe("configuration", () => {
  it("gives every default when a var is unset", () => {
    const unset = withVars(Object.fromEntries(Object.keys(DEFAULTS).map((name) => [name, undefined])));
    const c = config(unset);
    for (const [name, value] of Object.entries(DEFAULTS)) expect(c[name as keyof typeof DEFAULTS], name).toBe(value);
    expect(config(withVars({ BILLING_PACKS: undefined, BILLING_PLANS: undefined })).BILLING_PACKS).toEqual([]);
  });

  it("agrees with wrangler.toml wherever the test setup does not override a var", () => {
    const c = config(env);
    const fromToml = [
      "TRIAL_CREDITS",
      "CREDITS_RESERVE",
      "GENERATIONS_PER_HOUR",
      "GENERATIONS_CONCURRENT",
      "BUY_URL",
      "PUBLIC_URL",
      "HEAL_AFTER_SECONDS",
      "HEAL_GIVE_UP_SECONDS",
      "HEAL_SWEEP_BATCH",
    ] as const;
    for (const name of fromToml) expect(c[name], name).toBe(DEFAULTS[name]);
    for (const name of ["OPENAI_MODEL", "ANTHROPIC_MODEL"] as const) expect(c[name], name).toBe(DEFAULTS[name]);
  });

  it("reads numbers from text and trims a public URL's trailing slash", () => {
    const c = config(withVars({ TRIAL_CREDITS: "7", PUBLIC_URL: "https://autocrea.example.com//" }));
    expect(c.TRIAL_CREDITS).toBe(7);
    expect(c.PUBLIC_URL).toBe("https://autocrea.example.com");
  });

  it("types secrets as optional: blank is unset", () => {
    const c = config(withVars({ STRIPE_SECRET_KEY: "", HF_TOKEN: "  ", TELEGRAM_BOT_TOKEN: undefined, OPENAI_API_KEY: " sk-x " }));
    expect(c.STRIPE_SECRET_KEY).toBeUndefined();
    expect(c.HF_TOKEN).toBeUndefined();
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(c.OPENAI_API_KEY).toBe("sk-x");
  });

  it("falls back to the chat APIs' defaults when their vars are blank, as `||` did", () => {
    const c = config(withVars({ DISCORD_API_BASE: "", TELEGRAM_API_ROOT: "" }));
    expect(c.DISCORD_API_BASE).toBe(DEFAULTS.DISCORD_API_BASE);
    expect(c.TELEGRAM_API_ROOT).toBe(DEFAULTS.TELEGRAM_API_ROOT);
  });

  it.each([
    ["TRIAL_CREDITS", "lots"],
    ["GENERATIONS_PER_HOUR", "-1"],
    ["BUY_URL", "not a url"],
    ["PUBLIC_URL", "autocrea.example.com"],
    ["BILLING_PACKS", "[{"],
    ["BILLING_PLANS", '[{"id":"gold","name":"Gold","credits":1,"price":1,"currency":"eur"}]'],
    ["TELEGRAM_BOT_INFO", '{"id":1}'],
    ["OPENAI_BASE_URL", "api.openai.com"],
    ["JOXCODER_ENDPOINT_URL", "nowhere"],
  ])("names the var in the error when %s is invalid", (name, value) => {
    const c = config(withVars({ [name]: value }));
    const read = () => Reflect.get(c, name);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(new RegExp(`^configuration: ${name}: `));
  });

  it("parses a var only when it is read, so one broken var fails only what needs it", () => {
    const c = config(withVars({ BILLING_PACKS: "not json" }));
    expect(c.TRIAL_CREDITS).toBe(DEFAULTS.TRIAL_CREDITS);
    expect(() => c.BILLING_PACKS).toThrow(/BILLING_PACKS: is not JSON/);
  });

  it("parses each var once per env", () => {
    const vars = withVars({ BILLING_PACKS: "[]" });
    const first = config(vars).BILLING_PACKS;
    expect(config(vars)).toBe(config(vars));
    expect(config(vars).BILLING_PACKS).toBe(first);
  });
});
