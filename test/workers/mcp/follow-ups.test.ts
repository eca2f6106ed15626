import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, newSession } from "../../helpers/api";
import { generated } from "../../helpers/follow-ups";
import { mcpClient, resultText } from "../../helpers/mcp";

const runData = z.object({
  project: z.string(),
  status: z.string(),
  run: z.string(),
  changed: z.number().nullable(),
  answer: z.object({ text: z.string(), read: z.array(z.string()), cited: z.array(z.string()) }).optional(),
});

/** cambiar, arreglar and explicar: the bots' follow-up commands as MCP tools, on the offline model. */
describe("MCP: follow-up runs", () => {
  it("lists cambiar, arreglar and explicar, each with its text and an optional project", async () => {
    const { token } = await newSession();
    await using client = await mcpClient(token);
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get("cambiar")?.inputSchema.required).toEqual(["instruction"]);
    expect(byName.get("arreglar")?.inputSchema.required).toEqual(["problem"]);
    expect(byName.get("explicar")?.inputSchema.required).toEqual(["question"]);
    expect(Object.keys(byName.get("cambiar")?.inputSchema.properties ?? {}).sort()).toEqual(["instruction", "project"]);
  });

  it("cambiar changes the latest project as a new run, reporting the run's own three steps as progress", async () => {
    const { token, auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    await using client = await mcpClient(token);
    const updates: Progress[] = [];
    const result = await client.callTool(
      { name: "cambiar", arguments: { instruction: "añade un campo teléfono a los servicios" } },
      undefined,
      { onprogress: (p) => updates.push(p), timeout: 60_000 },
    );
    expect(result.isError).toBeFalsy();
    const data = runData.parse(result.structuredContent);
    expect(data).toMatchObject({ project: project.id, status: "completed", run: "r2", changed: 3 });
    // Architect, editor, security: a start and a finish each, never the generation's five roles.
    expect(updates.map((u) => u.total)).toEqual(updates.map(() => 6));
    expect(updates).toHaveLength(6);
    expect(updates.at(-1)?.progress).toBe(6);
    const entities = await (await call(`/api/projects/${project.id}/files/src/entities.js`, { headers: auth })).text();
    expect(entities).toContain('"telefono"');
  });

  it("explicar answers about the code, citing files, and changes nothing", async () => {
    const { token, auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    await using client = await mcpClient(token);
    const result = await client.callTool({
      name: "explicar",
      arguments: { question: "¿cómo se guardan las reservas?", project: project.id },
    });
    expect(result.isError).toBeFalsy();
    const data = runData.parse(result.structuredContent);
    expect(data).toMatchObject({ run: "r2", changed: 0 });
    expect(data.answer?.cited.length).toBeGreaterThan(0);
    expect(resultText(result)).toContain(data.answer?.cited[0] ?? "-");
  });

  it("answers a change the offline model cannot make as a tool error, in the bots' words, starting nothing", async () => {
    const { token, auth } = await newSession();
    const project = await generated(auth, "Una app de reservas para mi peluquería");
    await using client = await mcpClient(token);
    const result = await client.callTool({
      name: "arreglar",
      arguments: { problem: "haz que la app vuele a la luna", project: project.id },
    });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("No puedo hacer ese cambio sin conexión.");
    expect(result.structuredContent).toMatchObject({ code: "unsupported_edit" });
    const view = (await (await call(`/api/projects/${project.id}`, { headers: auth })).json()) as { runs: unknown[] };
    expect(view.runs).toHaveLength(1);
  });

  it("refuses another account's project exactly like a missing one", async () => {
    const owner = await newSession();
    const project = await generated(owner.auth, "app de tareas con usuarios y etiquetas");
    const stranger = await newSession();
    await using client = await mcpClient(stranger.token);
    const result = await client.callTool({ name: "explicar", arguments: { question: "¿qué hace?", project: project.id } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ code: "not_found" });
  });
});
