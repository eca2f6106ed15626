import { describe, expect, it } from "vitest";
import { isApiErrorCode } from "../../../shared/error-codes";
import { MAX_PROMPT_CHARS } from "../../../shared/limits";
import { GenerationLimitError, InsufficientCreditsError, RunSettledError } from "../../../workers/accounts/accounts";
import { PromptTooLongError } from "../../../workers/projects/start";
import { RunInProgressError } from "../../../workers/projects/start-run";
import { errorCodeOf, startErrorResponse } from "../../../workers/projects/start-errors";
import { ModelUnavailableError } from "../../../workflows/models/registry";

describe("errorCodeOf: what startProject throws, as API error codes", () => {
  it.each([
    [new PromptTooLongError(4321), 413, "prompt_too_long", { field: "prompt", length: 4321, max: MAX_PROMPT_CHARS }],
    [new ModelUnavailableError("gpt-9000", "known models are blueprint"), 400, "invalid_request", { field: "model" }],
    [
      new InsufficientCreditsError(10, 50, "https://buy.example/#/account"),
      402,
      "insufficient_credits",
      { balance: 10, estimate: 50, buyUrl: "https://buy.example/#/account" },
    ],
    [new GenerationLimitError("concurrent", 2, 30), 429, "rate_limited", { reason: "concurrent", limit: 2, retryAfter: 30 }],
    [new GenerationLimitError("hourly", 10, 600), 429, "rate_limited", { reason: "hourly", limit: 10, retryAfter: 600 }],
    [new RunSettledError({ projectId: "prj_x", runId: "r1" }), 409, "run_settled", {}],
    [new RunInProgressError("prj_x", "r2"), 409, "run_in_progress", { run: "r2" }],
  ])("%s -> %i %s", (err, status, code, details) => {
    const refusal = errorCodeOf(err);
    expect(refusal).toEqual({ status, code, message: err.message, details });
    expect(isApiErrorCode(code)).toBe(true);
  });

  it("leaves every other error alone: it stays a 500", () => {
    const bug = new Error("project id collision for prj_x");
    expect(errorCodeOf(bug)).toBeNull();
    expect(errorCodeOf("a string")).toBeNull();
    expect(startErrorResponse(bug)).toBe(bug);
  });

  it("answers a refusal with the error envelope, its details and Retry-After", async () => {
    const thrown = startErrorResponse(new GenerationLimitError("hourly", 10, 600));
    if (!(thrown instanceof Error) || !("getResponse" in thrown) || typeof thrown.getResponse !== "function") {
      throw new Error("expected an HTTPException");
    }
    const res: Response = thrown.getResponse();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("600");
    expect(await res.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringContaining("10 generations"), reason: "hourly", limit: 10, retryAfter: 600 },
    });
  });
});
