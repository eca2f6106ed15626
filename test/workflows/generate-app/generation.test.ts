import { env } from "cloudflare:workers";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/ids";
import { blobKey, manifestKey } from "../../../workflows/files/storage";
import type { StepManifest } from "../../../workflows/files/storage";
import { planSchema } from "../../../workflows/plan";
import { ROLES } from "../../../shared/roles";
import { call, newSession } from "../../helpers/api";
import { getProject, startProject } from "../../helpers/projects";

/** A real run on the offline model, from the API to the ZIP, with nothing mocked. */
describe("a generation with the offline blueprint model", () => {
  it("builds a complete project, stores it in R2 and serves it as a ZIP", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "Una app de reservas para mi peluquería", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view).toMatchObject({ status: "completed", model: "blueprint" });
    // Everything the offline model writes parses and every planned file exists: nothing to report.
    expect(view.problems).toBeUndefined();
    expect(view.steps.map((s) => [s.role, s.status])).toEqual(ROLES.map((r) => [r, "done"]));
    expect(view.usage.promptTokens).toBeGreaterThan(0);
    expect(view.usage.completionTokens).toBeGreaterThan(0);
    const paths = view.files.map((f) => f.path);
    for (const expected of [
      "docs/architecture.json",
      "package.json",
      "Dockerfile",
      "docker-compose.yml",
      ".github/workflows/ci.yml",
      ".env.example",
      "README.md",
      "SECURITY_AUDIT.md",
    ]) {
      expect(paths).toContain(expected);
    }
    expect(paths.some((p) => p.startsWith("public/"))).toBe(true);
    expect(paths.some((p) => p.startsWith("test/"))).toBe(true);

    // The plan is valid and names the salon's entities.
    const planRes = await call(`/api/projects/${run.id}/files/docs/architecture.json`, { headers: auth });
    expect(planRes.headers.get("content-type")).toContain("application/json");
    const plan = planSchema.parse(await planRes.json());
    expect(plan.language).toBe("es");
    expect(view.name).toBe(plan.name);

    // R2: a manifest per role, and every listed blob holds exactly the bytes its hash names.
    for (const role of ROLES) {
      const object = await env.ARTIFACTS.get(manifestKey({ projectId: run.id, runId: "r1", legacy: false }, role));
      expect(object, `manifest of ${role}`).not.toBeNull();
      const manifest: StepManifest = await (object as R2ObjectBody).json();
      for (const file of manifest.files) {
        const blob = await env.ARTIFACTS.get(blobKey(run.id, file.sha256));
        const bytes = new Uint8Array(await (blob as R2ObjectBody).arrayBuffer());
        expect(await sha256Hex(bytes)).toBe(file.sha256);
        expect(bytes.byteLength).toBe(file.size);
      }
    }

    // The ZIP holds exactly the project's files, at the root, with the served contents.
    const zipRes = await call(`/api/projects/${run.id}/zip`, { headers: auth });
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers.get("content-type")).toBe("application/zip");
    expect(zipRes.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+\.zip"$/);
    const zip = await JSZip.loadAsync(await zipRes.arrayBuffer());
    const entries = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(entries).toEqual([...paths].sort());
    for (const path of ["README.md", "package.json", "SECURITY_AUDIT.md"]) {
      const served = await (await call(`/api/projects/${run.id}/files/${path}`, { headers: auth })).text();
      expect(await zip.file(path)?.async("string")).toBe(served);
    }
  });

  it("serves generated HTML as an inert, sandboxed document", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "an app to track my plants", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const res = await call(`/api/projects/${run.id}/files/public/index.html`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const missing = await call(`/api/projects/${run.id}/files/nope.txt`, { headers: auth });
    expect(missing.status).toBe(404);
    const list = await call("/api/projects", { headers: auth });
    const { projects } = (await list.json()) as { projects: Array<{ id: string; status: string }> };
    expect(projects[0]).toMatchObject({ id: run.id, status: "completed" });
  });
});
