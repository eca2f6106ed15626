import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ModelUnavailableError, chooseModel, configuredModels } from "../../../workflows/models/registry";
import { call } from "../../helpers/api";

describe("model selection", () => {
  it("defaults to joxcoder when its endpoint is set, and lists what is configured", async () => {
    expect(configuredModels(env)).toEqual(["joxcoder", "blueprint"]);
    expect(chooseModel(env, undefined)).toBe("joxcoder");
    expect(chooseModel({ ...env, JOXCODER_ENDPOINT_URL: "" } as Env, undefined)).toBe("blueprint");
    expect(() => chooseModel(env, "openai")).toThrowError(ModelUnavailableError);
    expect(chooseModel(env, "openai", ["openai"])).toBe("openai");
    expect(chooseModel({ ...env, OPENAI_API_KEY: "sk-deploy" } as Env, "openai")).toBe("openai");
    const health = await (await call("/health")).json();
    expect(health).toMatchObject({ models: ["joxcoder", "blueprint"] });
  });
});
