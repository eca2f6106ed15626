import { describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";

describe("GET /api/account", () => {
  it("shows credits, identities and which providers have a key, never the key", async () => {
    const { auth, accountId } = await newSession();
    const secret = "sk-test-0123456789abcdefWXYZ";
    const put = await call("/api/account/keys/openai", {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ apiKey: secret }),
    });
    expect(put.status).toBeLessThan(300);
    const res = await call("/api/account", { headers: auth });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain("0123456789");
    const body = JSON.parse(text) as { id: string; credits: number; keys: Array<{ provider: string; last4: string }> };
    expect(body).toMatchObject({ id: accountId, credits: 100 });
    expect(body.keys).toEqual([{ provider: "openai", last4: "WXYZ" }]);

    await call("/api/account/keys/openai", { method: "DELETE", headers: auth });
    const after = (await (await call("/api/account", { headers: auth })).json()) as { keys: unknown[] };
    expect(after.keys).toEqual([]);
  });
});
