import { McpServer } from "@modelcontextprotocol/server";
import pkg from "../../package.json";
import { registerCreate } from "./create-tool";
import { registerFiles } from "./files";
import { registerFollowUpTools } from "./follow-up-tools";
import { registerProjectTools } from "./project-tools";
import type { McpSession } from "./session";

const INSTRUCTIONS = [
  "AUTOCREA builds complete, runnable apps from an idea: call crear with the user's idea and it reports",
  "each of the five roles' progress until the project is ready. estado, proyectos and saldo read",
  "a project, the user's projects and their credits; leer_archivo (or the autocrea:// resources) reads",
  "a project's files. cambiar, arreglar and explicar change, fix or explain an existing project as a new run.",
  "Tool names are the Spanish commands of AUTOCREA's Discord and Telegram bots.",
].join(" ");

/**
 * The MCP server for one request, as `createMcpHandler` wants it: a fresh instance each time, its
 * tools bound to the account this request's token belongs to.
 */
export function autocreaServer(session: McpSession): McpServer {
  const server = new McpServer({ name: "autocrea", version: pkg.version }, { instructions: INSTRUCTIONS });
  registerCreate(server, session);
  registerProjectTools(server, session);
  registerFiles(server, session);
  registerFollowUpTools(server, session);
  return server;
}
