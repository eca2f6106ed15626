import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, newSession } from "../../helpers/api";
import { mcpClient } from "../../helpers/mcp";

const issued = z.object({ token: z.string(), createdAt: z.string() });

async function issue(auth: Record<string, string>): Promise<string> {
  const res = await call("/api/account/assistant-token", { method: "POST", headers: auth });
  expect(res.status).toBe(201);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return issued.parse(await res.json()).token;
}

describe("/api/account/assistant-token", () => {
  it("issues one long-lived token for an assistant; a new one revokes the old, DELETE revokes it", async () => {
    const { auth, accountId } = await newSession();
    expect(await (await call("/api/account/assistant-token", { headers: auth })).json()).toEqual({ active: false, createdAt: null });

    const first = await issue(auth);
    expect(first.startsWith(`${accountId}.`)).toBe(true);
    await using client = await mcpClient(first);
    expect((await client.callTool({ name: "saldo", arguments: {} })).isError).toBeFalsy();
    expect(await (await call("/api/account/assistant-token", { headers: auth })).json()).toMatchObject({ active: true });

    const second = await issue(auth);
    await expect(mcpClient(first)).rejects.toThrow(/401|Unauthorized/i);
    await using again = await mcpClient(second);
    expect((await again.callTool({ name: "saldo", arguments: {} })).isError).toBeFalsy();

    expect((await call("/api/account/assistant-token", { method: "DELETE", headers: auth })).status).toBe(204);
    await expect(mcpClient(second)).rejects.toThrow(/401|Unauthorized/i);
    expect(await (await call("/api/account/assistant-token", { headers: auth })).json()).toEqual({ active: false, createdAt: null });
    // The session that asked is untouched.
    expect((await call("/api/account", { headers: auth })).status).toBe(200);
  });

  it("needs an account", async () => {
    expect((await call("/api/account/assistant-token", { method: "POST" })).status).toBe(401);
  });
});
