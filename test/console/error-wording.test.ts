import { describe, expect, it } from "vitest";
import { ERRORS, errorWording } from "../../console/i18n-errors";
import { API_ERROR_CODES } from "../../shared/error-codes";

describe("the console words every API error code", () => {
  it.each(API_ERROR_CODES)("%s, in Spanish and in English", (code) => {
    const es = ERRORS.es[code]({ code, message: "server text" });
    const en = ERRORS.en[code]({ code, message: "server text" });
    expect(es.length).toBeGreaterThan(10);
    expect(en.length).toBeGreaterThan(10);
    expect(es).not.toBe(en);
  });

  it("shows its own words for a known code instead of the server's message", () => {
    const text = errorWording("es", "insufficient_credits", "not enough credits: you have 3", { balance: 3, estimate: 50 });
    expect(text).toBe("No tienes créditos suficientes: tienes 3 y una generación necesita 50.");
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(errorWording("en", "teapot", "I'm a teapot")).toBe("I'm a teapot");
    expect(errorWording("es", "http_error", "502 Bad Gateway")).toBe("502 Bad Gateway");
  });
});
