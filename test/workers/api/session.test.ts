import { describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";

describe("GET /api/session", () => {
  it("answers 200 whether or not anyone is signed in, so the console's first load logs no 401", async () => {
    const anonymous = await call("/api/session");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ signedIn: false, development: true });

    const { auth, accountId } = await newSession();
    const signed = await call("/api/session", { headers: auth });
    expect(await signed.json()).toEqual({ signedIn: true, accountId, admin: false, development: true });
  });

  it("treats a wrong or malformed token as no session, never as an error", async () => {
    const { accountId } = await newSession();
    for (const token of [`${accountId}.${"0".repeat(64)}`, "garbage", `${accountId}.short`]) {
      const res = await call("/api/session", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ signedIn: false });
    }
  });
});
