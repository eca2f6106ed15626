import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../../workers/console/session-cookie";
import { call, newSession } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { mcpClient } from "../../helpers/mcp";

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
});

function post(headers: Record<string, string>): Promise<Response> {
  return call("/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: INITIALIZE,
  });
}

describe("MCP: authentication", () => {
  it("refuses a request without a token with 401 and a Bearer challenge", async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="autocrea"');
    expect(((await res.json()) as ErrorJson).error.code).toBe("unauthorized");
  });

  it("refuses an unknown token, and says the token is the problem", async () => {
    const { accountId } = await newSession();
    const res = await post({ authorization: `Bearer ${accountId}.${"0".repeat(64)}` });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="autocrea", error="invalid_token"');
  });

  it("does not take the console's session cookie: only the Authorization header counts", async () => {
    const { token } = await newSession();
    expect((await post({ cookie: `${SESSION_COOKIE}=${token}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("refuses the SDK client with a bad token", async () => {
    await expect(mcpClient("acc_aaaaaaaaaaaaaaaaaaaa.nope")).rejects.toThrow(/401|Unauthorized/i);
  });

  it("checks the token on every request: a revoked token stops working within a connected client", async () => {
    const { token, accountId } = await newSession();
    await using client = await mcpClient(token);
    expect((await client.callTool({ name: "saldo", arguments: {} })).isError).toBeFalsy();
    await env.ACCOUNTS.getByName(accountId).revokeToken(token.slice(token.indexOf(".") + 1));
    await expect(client.callTool({ name: "saldo", arguments: {} })).rejects.toThrow(/401|Unauthorized/i);
  });
});
