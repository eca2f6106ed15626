import { describe, expect, it } from "vitest";
import { newSession } from "../../helpers/api";
import { mcpClient, resultText } from "../../helpers/mcp";

describe("MCP: tools", () => {
  it("lists the bots' commands as tools, described in English", async () => {
    const { token } = await newSession();
    await using client = await mcpClient(token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "arreglar",
      "cambiar",
      "crear",
      "estado",
      "explicar",
      "leer_archivo",
      "proyectos",
      "saldo",
    ]);
    const crear = tools.find((t) => t.name === "crear");
    expect(crear?.description).toMatch(/^Creates an app from an idea/);
    expect(crear?.inputSchema.required).toEqual(["idea"]);
    expect(Object.keys(crear?.inputSchema.properties ?? {}).sort()).toEqual(["idea", "model", "name"]);
  });

  it("answers saldo in the bots' words, in English when the client asks for it", async () => {
    const { token } = await newSession();
    await using es = await mcpClient(token);
    const spanish = await es.callTool({ name: "saldo", arguments: {} });
    expect(resultText(spanish)).toContain("Tienes 100 créditos.");
    expect(spanish.structuredContent).toEqual({ credits: 100, plan: null });
    await using en = await mcpClient(token, { "accept-language": "en-GB,en;q=0.9" });
    expect(resultText(await en.callTool({ name: "saldo", arguments: {} }))).toContain("You have 100 credits.");
  });
});
