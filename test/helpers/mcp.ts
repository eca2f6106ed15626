import { exports } from "cloudflare:workers";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { BASE } from "./api";

/**
 * The official MCP SDK client, connected to the Worker's `/mcp` through its own fetch handler, as
 * an assistant would connect over the network. `await using` closes it.
 */
export async function mcpClient(token: string, headers: Record<string, string> = {}): Promise<Client & AsyncDisposable> {
  const client = new Client({ name: "autocrea-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}`, ...headers } },
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
  });
  await client.connect(transport);
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

/** The text blocks of a tool result, joined. */
export function resultText(result: Record<string, unknown>): string {
  const blocks: unknown[] = Array.isArray(result.content) ? result.content : [];
  return blocks
    .map((b: unknown) => (typeof b === "object" && b !== null && "text" in b && typeof b.text === "string" ? b.text : ""))
    .join("\n");
}
