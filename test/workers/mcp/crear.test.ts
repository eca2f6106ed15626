import { env } from "cloudflare:workers";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, newSession } from "../../helpers/api";
import { getAccountJson } from "../../helpers/billing";
import { mcpClient, resultText } from "../../helpers/mcp";

const projectData = z.object({
  project: z.string(),
  name: z.string(),
  status: z.string(),
  files: z.number(),
  links: z.object({ console: z.string(), zip: z.string().optional(), clone: z.string().optional() }),
});

const ROLE_NAMES = ["Arquitecto", "Backend", "Frontend", "DevOps", "Seguridad"];

describe("MCP: crear", () => {
  it("builds a project, reports each of the five roles as progress, and answers with its links", async () => {
    const { token, auth } = await newSession();
    await using client = await mcpClient(token);
    const updates: Progress[] = [];
    const result = await client.callTool(
      { name: "crear", arguments: { idea: "Una app de reservas para mi peluquería", name: "Reservas" } },
      undefined,
      { onprogress: (p) => updates.push(p), timeout: 60_000 },
    );

    expect(result.isError).toBeFalsy();
    const data = projectData.parse(result.structuredContent);
    expect(data).toMatchObject({ status: "completed", name: "Reservas" });
    expect(data.files).toBeGreaterThan(5);
    // The chat's ZIP link: the token in the fragment, which the page at /dl/<id> POSTs.
    expect(data.links.zip).toMatch(new RegExp(`/dl/${data.project}#[0-9a-f]{48}$`));
    expect(data.links.console).toMatch(new RegExp(`/#/projects/${data.project}$`));
    const text = resultText(result);
    expect(text).toContain("✅ «Reservas» está listo");
    expect(text).toContain(`Descargar ZIP: ${data.links.zip}`);
    // The clone command, with the project's clone token, as the bots' final message shows it.
    expect(data.links.clone).toMatch(new RegExp(`^http://[^/]+:[^@/]+@[^/]+/git/${data.project}\\.git$`));
    expect(text).toContain(`git clone ${data.links.clone}`);

    // Each role starts and finishes once, in order; progress only grows and ends at the total.
    expect(updates.map((u) => u.message)).toEqual(
      ROLE_NAMES.flatMap((name) => [`⏳ ${name}`, expect.stringMatching(new RegExp(`^✅ ${name}`))]),
    );
    expect(updates.map((u) => u.progress)).toEqual([...updates.map((u) => u.progress)].sort((a, b) => a - b));
    expect(new Set(updates.map((u) => u.progress)).size).toBe(updates.length);
    expect(updates.every((u) => u.total === 10)).toBe(true);
    expect(updates.at(-1)?.progress).toBe(10);

    // The same metering as every front-end: the run is charged to this account, once.
    const account = await getAccountJson(auth);
    expect(account.ledger.entries.filter((e) => e.ref === `${data.project}/r1` && e.kind === "charge")).toHaveLength(1);
    expect(account.credits).toBeLessThan(100);
    // And the project is the account's, as the REST API sees it.
    expect((await call(`/api/projects/${data.project}`, { headers: auth })).status).toBe(200);
  });

  it("answers an account without enough credits with the bots' words, as a tool error, and starts nothing", async () => {
    const { token, accountId } = await newSession();
    expect(await env.ACCOUNTS.getByName(accountId).adjust("spent", -70, "test: most credits spent")).toBe(true);
    await using client = await mcpClient(token);
    const result = await client.callTool({ name: "crear", arguments: { idea: "una app de notas" } });
    expect(result.isError).toBe(true);
    const text = resultText(result);
    expect(text).toContain("No tienes créditos suficientes: tienes 30 y una generación necesita 50.");
    expect(text).toMatch(/Comprar créditos: https?:\/\//);
    expect(result.structuredContent).toMatchObject({ code: "insufficient_credits", balance: 30, estimate: 50 });
    const list = await client.callTool({ name: "proyectos", arguments: {} });
    expect(list.structuredContent).toEqual({ projects: [] });
  });

  it("words a prompt that is too long as the bots do", async () => {
    const { token } = await newSession();
    await using client = await mcpClient(token, { "accept-language": "en" });
    const result = await client.callTool({ name: "crear", arguments: { idea: "x".repeat(4001) } });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain("The idea is 4001 characters long; the limit is 4000. Shorten it and try again.");
  });
});
