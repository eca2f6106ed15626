import { ResourceNotFoundError, ResourceTemplate } from "@modelcontextprotocol/server";
import type { McpServer, Variables } from "@modelcontextprotocol/server";
import { z } from "zod";
import { contentTypeFor } from "../lib/content-type";
import { ownedProject, recentProjects } from "../projects/lookup";
import { blobKey } from "../../workflows/files/storage";
import { mcpText } from "./i18n";
import { projectId } from "./project-tools";
import { answer, projectNotFound, refusal, unexpected } from "./results";
import type { McpSession } from "./session";

/** Projects whose files `resources/list` offers: the latest few, so the list stays readable. */
const LISTED_PROJECTS = 10;

/** `autocrea://<project>/<path>`, each path segment percent-encoded. */
export const FILE_URI = "autocrea://{project}/{+path}";

export function fileUri(project: string, path: string): string {
  return `autocrea://${project}/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** A project's files, as the tool `leer_archivo` and as resources. Every file a model writes is text. */
export function registerFiles(server: McpServer, session: McpSession): void {
  const { env, accountId, locale } = session;

  server.registerTool(
    "leer_archivo",
    {
      title: "Read a file (leer_archivo)",
      description: `Reads one file of a project, e.g. src/server.js. The same files are resources: ${FILE_URI}. Spanish for 'read file'.`,
      inputSchema: z.object({
        project: projectId,
        path: z.string().trim().min(1).max(400).describe("The file's path inside the project, as estado lists them."),
      }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ project, path }) => {
      try {
        const file = await readFile(session, project, path.replace(/^\.?\/+/, ""));
        if (file === "no_project") return projectNotFound(locale, true);
        if (file === "no_file") return refusal(mcpText(locale).fileNotFound(path), { code: "not_found", message: "file not found" });
        return answer(file.text);
      } catch (err) {
        return unexpected(err, locale);
      }
    },
  );

  server.registerResource(
    "project-file",
    new ResourceTemplate(FILE_URI, {
      list: async () => {
        const views = await recentProjects(env, accountId, LISTED_PROJECTS);
        return {
          resources: views.flatMap((view) =>
            view.files.map((file) => ({
              uri: fileUri(view.id, file.path),
              name: `${view.name}: ${file.path}`,
              mimeType: contentTypeFor(file.path),
              size: file.size,
            })),
          ),
        };
      },
    }),
    { title: "Project file", description: "A file of one of your projects, as the roles wrote it." },
    async (uri, variables) => {
      const project = single(variables.project);
      const path = decode(single(variables.path));
      const file = project && path ? await readFile(session, project, path) : "no_file";
      if (typeof file === "string") throw new ResourceNotFoundError(uri.href);
      return { contents: [{ uri: uri.href, mimeType: contentTypeFor(path ?? ""), text: file.text }] };
    },
  );
}

async function readFile(session: McpSession, project: string, path: string): Promise<{ text: string } | "no_project" | "no_file"> {
  const { env, accountId } = session;
  const view = await ownedProject(env, accountId, project);
  if (!view) return "no_project";
  const file = (await env.PROJECTS.getByName(project).currentFiles()).find((f) => f.path === path);
  const object = file ? await env.ARTIFACTS.get(blobKey(project, file.sha256)) : null;
  if (!object) return "no_file";
  return { text: await object.text() };
}

function single(value: Variables[string] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/** A malformed %-escape names no file. */
function decode(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return raw.split("/").map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
}
