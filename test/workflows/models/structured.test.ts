import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePlan } from "../../../workflows/roles/architect";
import { buildRequest } from "../../../workflows/roles/prompts";
import { refusesStructured } from "../../../workflows/models/structured";
import { ModelCallError } from "../../../workflows/models/errors";
import type { ModelRequest } from "../../../workflows/models/model";
import { PROVIDERS, collect, rawProvider, recorded, recovering, unique } from "../../helpers/models";

afterEach(() => {
  vi.restoreAllMocks();
});

/** The architect's real request, as the role runner builds it, with a fake-server marker in the idea. */
function architectRequest(marker: string): ModelRequest {
  return buildRequest({ role: "architect", idea: `Una app de notas ${marker}`, produced: [] });
}

const KIND = { joxcoder: "json", openai: "json_schema", anthropic: "tool" } as const;

describe.each(PROVIDERS)("structured output on %s", (provider) => {
  it("asks for the plan with the provider's own structured-output parameter, carrying the plan's schema", async () => {
    const marker = `[[fake:structured:${unique()}]]`;
    const { text, done } = await collect(rawProvider(provider), architectRequest(marker));
    expect(done?.finishReason).toBe("stop");
    // The JSON alone (for Anthropic, the forced tool's input), and a valid plan.
    expect(text.trim().startsWith("{")).toBe(true);
    expect(parsePlan(text).entities[0]?.name).toBe("nota");
    const [seen] = await recorded(marker);
    expect(seen?.structured).toMatchObject({ kind: KIND[provider], valid: true });
    if (provider !== "joxcoder") expect(seen?.structured?.name).toBe("plan");
    expect(seen?.structured?.keys).toEqual(expect.arrayContaining(["entities", "rules", "notBuilt", "files"]));
  });

  it("falls back to prompt-only when the endpoint refuses it, logs that once, and stays prompt-only", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    const marker = `[[fake:structured-refused:${unique()}]]`;
    const { model } = recovering(provider);
    const { text } = await collect(model, architectRequest(marker));
    expect(parsePlan(text).name).toBe("Notas Rápidas");
    // A refused parameter is not a failure to retry: one refusal, one prompt-only answer.
    expect((await recorded(marker)).map((call) => call.structured?.kind ?? null)).toEqual([KIND[provider], null]);
    const refusals = lines.filter((line) => line.includes('"event":"model.structured_refused"'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`"provider":"${provider}"`);
    expect(refusals[0]).toContain('"fallback":"prompt-only"');
    // The next request of the same model (a re-asked plan) does not ask again.
    const again = `[[fake:structured-refused:${unique()}]]`;
    await collect(model, architectRequest(again));
    expect((await recorded(again)).map((call) => call.structured)).toEqual([null]);
  });

  it("leaves other roles' requests and continuations without it", async () => {
    const marker = `[[fake:normal:${unique()}]]`;
    const backend = buildRequest({ role: "backend", idea: marker, produced: [] });
    expect(backend.structured).toBeUndefined();
    await collect(rawProvider(provider), { ...architectRequest(marker), continuation: '{"name": "No' });
    const [seen] = await recorded(marker);
    expect(seen?.structured).toBeNull();
  });
});

describe("what counts as refusing structured output", () => {
  it("is a 400 or 422 that names the parameter, nothing else", () => {
    const error = (status: number, message: string) => new ModelCallError("openai", "invalid", message, status);
    expect(refusesStructured(error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported"))).toBe(true);
    expect(refusesStructured(error(422, "Input validation error: grammar is not supported"))).toBe(true);
    expect(refusesStructured(error(400, "tools: this deployment does not support tool use"))).toBe(true);
    expect(refusesStructured(error(400, "max_tokens is too large"))).toBe(false);
    expect(refusesStructured(error(401, "response_format requires a paid plan"))).toBe(false);
    expect(refusesStructured(new Error("response_format"))).toBe(false);
  });
});
