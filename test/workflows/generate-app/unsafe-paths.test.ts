import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { blueprint } from "../../../workflows/blueprint";
import { UnsafeOutputError, foldName, safePath } from "../../../workflows/files/limits";
import { cleanPath, isPathLike } from "../../../workflows/files/parser-paths";
import { runRole } from "../../../workflows/roles/run-role";
import type { RoleReporter } from "../../../workflows/roles/run-role";
import { call, newSession } from "../../helpers/api";
import { rawProvider } from "../../helpers/models";
import { PATH_TRICKS } from "../../helpers/path-tricks";
import { getProject, startProject } from "../../helpers/projects";

/**
 * Model output with each path trick, sent by the fake model server over the wire
 * (test/fake/model-server.mjs, scenarios `unsafe-path` and `unsafe-audit`): the role that writes it
 * fails and nothing is stored under that name, so it can never land in the ZIP.
 */

/** The marker that makes the fake model write a file at `path` (base64url, as marker ids are words). */
const marker = (scenario: "unsafe-path" | "unsafe-audit", path: string) => {
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(path)));
  return `[[fake:${scenario}:${b64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}]]`;
};

/**
 * Whether the parser hands the name to safePath exactly as written. It trims decoration
 * (cleanPath: spaces, a BOM, quotes) and takes names with inner whitespace or <>"|?* for prose
 * (isPathLike): those blocks are not files, so the name cannot land; the rest must be refused.
 */
const readAsIs = (trick: string) => cleanPath(trick) === trick && isPathLike(trick);

const quiet: RoleReporter = { delta: async () => {}, file: async () => {} };

async function blobCount(projectId: string): Promise<number> {
  return (await env.ARTIFACTS.list({ prefix: `projects/${projectId}/blobs/` })).objects.length;
}

describe("path tricks in model output, end to end", () => {
  it.each(PATH_TRICKS)("the backend writing %j stores nothing under that name", async (trick, why) => {
    const projectId = randomId("prj");
    const architect = await runRole({
      role: "architect",
      projectId,
      idea: "una app de notas",
      attempt: 1,
      model: blueprint,
      bucket: env.ARTIFACTS,
      reporter: quiet,
      prior: [],
    });
    const before = await blobCount(projectId);
    const run = runRole({
      role: "backend",
      projectId,
      idea: `una app de notas ${marker("unsafe-path", trick)}`,
      attempt: 1,
      model: rawProvider("joxcoder"),
      bucket: env.ARTIFACTS,
      reporter: quiet,
      prior: [architect],
    });
    if (!readAsIs(trick)) {
      const outcome = await run.then(
        (manifest) => ({ manifest, error: null }),
        (error: unknown) => ({ manifest: null, error }),
      );
      // Refused under the name the parser read is as good as refused as written.
      if (outcome.error instanceof UnsafeOutputError) return;
      if (!outcome.manifest) throw outcome.error;
      const folded = foldName(trick);
      for (const file of outcome.manifest.files) {
        expect(() => safePath(file.path)).not.toThrow();
        expect(foldName(file.path)).not.toBe(folded);
      }
      return;
    }
    await expect(run).rejects.toThrowError(UnsafeOutputError);
    await expect(run).rejects.toThrowError(why);
    // The trick is the answer's first file: refused before anything was stored.
    expect(await blobCount(projectId)).toBe(before);
  });

  it.each([
    ["backend", ".GIT/config", "unsafe-path"],
    ["security", ".git./hooks/post-checkout", "unsafe-audit"],
    ["security", "src/cod\u202egnp.js", "unsafe-audit"],
  ] as const)("a run whose %s role writes %j fails, with no ZIP and no such file", async (role, trick, scenario) => {
    const { auth } = await newSession();
    const prompt = `una app de notas ${marker(scenario, trick)}`;
    const run = await startProject(auth, { prompt, model: "joxcoder" });
    try {
      await run.instance.waitForStatus("errored");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("failed");
    expect(view.error).toMatchObject({ role, code: "unsafe_path" });
    // The message shows invisible characters escaped, never raw.
    expect(view.error?.message).not.toMatch(/[\u202a-\u202e]/);
    for (const f of view.files) expect(() => safePath(f.path)).not.toThrow();
    const stored = await env.ARTIFACTS.list({ prefix: `projects/${run.id}/` });
    expect(stored.objects.filter((o) => o.key.endsWith("/project.zip"))).toEqual([]);
    expect((await call(`/api/projects/${run.id}/zip`, { headers: auth })).status).toBe(409);
    const file = await call(`/api/projects/${run.id}/files/${encodeURI(trick)}`, { headers: auth });
    expect(file.status).toBe(404);
  });
});
