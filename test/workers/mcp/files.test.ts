import { beforeAll, describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";
import { mcpClient, resultText } from "../../helpers/mcp";
import { startProject } from "../../helpers/projects";

/** One finished project (through the REST API, the Workflow run to the end), read over MCP. */
let owner: { token: string; auth: Record<string, string> };
let projectId: string;

beforeAll(async () => {
  owner = await newSession();
  const run = await startProject(owner.auth, { prompt: "Una app de tareas con etiquetas", name: "Tareas" });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  projectId = run.id;
});

describe("MCP: project files and status", () => {
  it("lists the project's files as autocrea:// resources and reads one, byte for byte as the API serves it", async () => {
    await using client = await mcpClient(owner.token);
    const { resources } = await client.listResources();
    const readme = resources.find((r) => r.uri === `autocrea://${projectId}/README.md`);
    expect(readme).toMatchObject({ name: "Tareas: README.md", mimeType: "text/markdown; charset=utf-8" });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(["autocrea://{project}/{+path}"]);

    const served = await (await call(`/api/projects/${projectId}/files/README.md`, { headers: owner.auth })).text();
    const read = await client.readResource({ uri: `autocrea://${projectId}/README.md` });
    expect(read.contents).toEqual([{ uri: `autocrea://${projectId}/README.md`, mimeType: "text/markdown; charset=utf-8", text: served }]);
    expect(served).toMatch(/^# /);
  });

  it("reads a nested file with leer_archivo, and says so when the file does not exist", async () => {
    await using client = await mcpClient(owner.token);
    const files = (await (await call(`/api/projects/${projectId}`, { headers: owner.auth })).json()) as { files: Array<{ path: string }> };
    const nested = files.files.find((f) => f.path.includes("/"));
    if (!nested) throw new Error("the project has no nested file");
    const served = await (await call(`/api/projects/${projectId}/files/${nested.path}`, { headers: owner.auth })).text();
    const result = await client.callTool({ name: "leer_archivo", arguments: { project: projectId, path: nested.path } });
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toBe(served);

    const missing = await client.callTool({ name: "leer_archivo", arguments: { project: projectId, path: "no/such.js" } });
    expect(missing.isError).toBe(true);
    expect(resultText(missing)).toContain("Ese proyecto no tiene el archivo no/such.js.");
  });

  it("answers estado with the bots' progress text and links, latest project by default", async () => {
    await using client = await mcpClient(owner.token);
    const result = await client.callTool({ name: "estado", arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ project: projectId, status: "completed", name: "Tareas" });
    expect(resultText(result)).toContain("✅ «Tareas» está listo");
    const list = await client.callTool({ name: "proyectos", arguments: {} });
    expect(resultText(list)).toContain(`✅ Tareas — ${projectId}`);
  });

  it("shows another account nothing of the project: not as a tool, not as a resource", async () => {
    const stranger = await newSession();
    await using client = await mcpClient(stranger.token);
    const status = await client.callTool({ name: "estado", arguments: { project: projectId } });
    expect(status.isError).toBe(true);
    expect(resultText(status)).toContain("No encuentro ese proyecto entre los tuyos.");
    const file = await client.callTool({ name: "leer_archivo", arguments: { project: projectId, path: "README.md" } });
    expect(resultText(file)).toContain("No encuentro ese proyecto entre los tuyos.");
    await expect(client.readResource({ uri: `autocrea://${projectId}/README.md` })).rejects.toThrow(/not found/i);
    expect((await client.listResources()).resources).toEqual([]);
  });
});
