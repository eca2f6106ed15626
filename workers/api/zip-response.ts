import type { ProjectView } from "../../shared/protocol";

/** The ZIP as a download named after the project. */
export function zipResponse(object: R2ObjectBody, view: ProjectView): Response {
  return new Response(object.body, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(object.size),
      "content-disposition": `attachment; filename="${slug(view.name) || view.id}.zip"`,
    },
  });
}

function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}
