import { describe, expect, it } from "vitest";
import { API_ERROR_CODES } from "../../../shared/error-codes";
import type { ApiErrorBody } from "../../../shared/error-codes";
import { errorText } from "../../../workers/chat/i18n";

describe("the bots word every API error code", () => {
  it.each(API_ERROR_CODES)("%s, in Spanish and in English", (code) => {
    const es = errorText("es", code);
    const en = errorText("en", code);
    expect(es.length).toBeGreaterThan(10);
    expect(en.length).toBeGreaterThan(10);
    expect(es).not.toBe(en);
  });

  it.each<[ApiErrorBody, string, string]>([
    [
      { code: "insufficient_credits", message: "", balance: 10, estimate: 50 },
      "No tienes créditos suficientes: tienes 10 y una generación necesita 50.",
      "You don't have enough credits: you have 10 and a generation needs 50.",
    ],
    [
      { code: "prompt_too_long", message: "", length: 4001, max: 4000 },
      "La idea tiene 4001 caracteres; el máximo es 4000. Acórtala y vuelve a intentarlo.",
      "The idea is 4001 characters long; the limit is 4000. Shorten it and try again.",
    ],
    [
      { code: "rate_limited", message: "", reason: "hourly", limit: 10, retryAfter: 61 },
      "Ya empezaste 10 generaciones en la última hora. Podrás empezar otra en 2 min.",
      "You started 10 generations in the last hour. You can start another in 2 min.",
    ],
    [
      { code: "rate_limited", message: "", reason: "concurrent", limit: 2, retryAfter: 30 },
      "Ya tienes 2 generaciones en marcha. Espera a que termine una y vuelve a intentarlo.",
      "You already have 2 generations running. Wait for one to finish and try again.",
    ],
  ])("uses what %j carries", (error, es, en) => {
    expect(errorText("es", error)).toBe(es);
    expect(errorText("en", error)).toBe(en);
  });
});
