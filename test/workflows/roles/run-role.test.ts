import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { UnsafeOutputError } from "../../../workflows/files/limits";
import { mergeManifests } from "../../../workflows/files/storage";
import type { StepManifest } from "../../../workflows/files/storage";
import type { Model, ModelEvent } from "../../../workflows/models/model";
import { blueprint } from "../../../workflows/blueprint";
import { describeFailure } from "../../../workflows/roles/failures";
import { loadPlan, runRole } from "../../../workflows/roles/run-role";
import type { RoleReporter } from "../../../workflows/roles/run-role";

/** A model double for this test only: it streams exactly `text`, in small chunks. */
function scripted(text: string, finishReason: "stop" | "length" = "stop"): Model {
  return {
    name: "blueprint",
    async *stream(): AsyncIterable<ModelEvent> {
      for (let i = 0; i < text.length; i += 7) yield { type: "text", text: text.slice(i, i + 7) };
      yield { type: "done", finishReason, usage: { promptTokens: 1, completionTokens: 1 } };
    },
  };
}

/** Records what a role reports, as the project's room would receive it. */
class Recorder implements RoleReporter {
  files: string[] = [];
  deltas = "";
  async delta(text: string) {
    this.deltas += text;
  }
  async file(file: { path: string }) {
    this.files.push(file.path);
  }
}

/** A real architect step first, so later roles have a plan to read. */
async function planned(projectId: string): Promise<StepManifest[]> {
  const manifest = await runRole({
    role: "architect",
    projectId,
    idea: "una app de notas",
    attempt: 1,
    model: blueprint,
    bucket: env.ARTIFACTS,
    reporter: new Recorder(),
    prior: [],
  });
  return [manifest];
}

async function blobCount(projectId: string): Promise<number> {
  return (await env.ARTIFACTS.list({ prefix: `projects/${projectId}/blobs/` })).objects.length;
}

describe("runRole: model output is untrusted", () => {
  it.each([
    ['<file path="../../etc/passwd">\nroot\n</file>\n', "contains '..'"],
    ['<file path="/etc/hosts">\nx\n</file>\n', "is absolute"],
    ['<file path="src\\\\app.js">\nx\n</file>\n', "backslash"],
  ])("fails the step on %j and writes nothing", async (text, why) => {
    const projectId = randomId("prj");
    const prior = await planned(projectId);
    const before = await blobCount(projectId);
    const reporter = new Recorder();
    const run = runRole({
      role: "backend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted(text),
      bucket: env.ARTIFACTS,
      reporter,
      prior,
    });
    await expect(run).rejects.toThrowError(UnsafeOutputError);
    await expect(run).rejects.toThrowError(why);
    expect(await blobCount(projectId)).toBe(before);
    expect(reporter.files).toEqual([]);
    const failure = describeFailure(await run.catch((e: unknown) => e), "backend");
    expect(failure).toMatchObject({ permanent: true, error: { role: "backend", code: "unsafe_path" } });
  });

  it("refuses a file over 1 MiB before storing it", async () => {
    const projectId = randomId("prj");
    const prior = await planned(projectId);
    const text = `<file path="big.txt">\n${"x".repeat(1024 * 1024 + 1)}\n</file>\n`;
    const run = runRole({
      role: "backend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted(text),
      bucket: env.ARTIFACTS,
      reporter: new Recorder(),
      prior,
    });
    await expect(run).rejects.toThrowError(/1 MiB/);
  });

  it("stores good files content-addressed, streams the text, and reports each file as it closes", async () => {
    const projectId = randomId("prj");
    const prior = await planned(projectId);
    const reporter = new Recorder();
    const text =
      'Aquí va:\n<file path="./src/a.js">\nexport const a = 1;\n</file>\n<file path="src/b.js">\nexport function b() {}\n</file>\n';
    const manifest = await runRole({
      role: "backend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted(text),
      bucket: env.ARTIFACTS,
      reporter,
      prior,
    });
    // Files are reported as their blocks close. The plan promised files this answer lacks, so the
    // repair pass asks once more; this model answers the same again.
    expect(reporter.files).toEqual(["src/a.js", "src/b.js", "src/a.js", "src/b.js"]);
    expect(reporter.deltas.startsWith(text)).toBe(true);
    expect(manifest.files.map((f) => [f.path, f.exports])).toEqual([
      ["src/a.js", ["export a"]],
      ["src/b.js", ["export b"]],
    ]);
    expect([...mergeManifests([...prior, manifest]).keys()]).toEqual(["docs/architecture.json", "src/a.js", "src/b.js"]);
  });

  it("treats output cut off mid-file or at the length limit as worth a retry", async () => {
    const projectId = randomId("prj");
    const prior = await planned(projectId);
    const cut = runRole({
      role: "frontend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted('<file path="a.js">\nconst a'),
      bucket: env.ARTIFACTS,
      reporter: new Recorder(),
      prior,
    });
    await expect(cut).rejects.toThrowError(/ended inside a.js/);
    expect(describeFailure(await cut.catch((e: unknown) => e), "frontend").permanent).toBe(false);
    const length = runRole({
      role: "frontend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted('<file path="a.js">\nx\n</file>\n', "length"),
      bucket: env.ARTIFACTS,
      reporter: new Recorder(),
      prior,
    });
    await expect(length).rejects.toThrowError(/length limit/);
  });

  it("keeps the plan the architect's: a later role's copy of docs/architecture.json is ignored", async () => {
    const projectId = randomId("prj");
    const prior = await planned(projectId);
    const text =
      '<file path="docs/architecture.json">\n{"name": "hijacked"}\n</file>\n<file path="src/a.js">\nexport const a = 1;\n</file>\n';
    const manifest = await runRole({
      role: "backend",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted(text),
      bucket: env.ARTIFACTS,
      reporter: new Recorder(),
      prior,
    });
    expect(manifest.files.map((f) => f.path)).not.toContain("docs/architecture.json");
    const plan = await loadPlan(env.ARTIFACTS, projectId, [...prior, manifest]);
    expect(plan.name).not.toBe("hijacked");
  });

  it("rejects an architect answer that is not a valid plan, saying what is wrong", async () => {
    const projectId = randomId("prj");
    const run = runRole({
      role: "architect",
      projectId,
      idea: "x",
      attempt: 1,
      model: scripted('{"name": "x"}'),
      bucket: env.ARTIFACTS,
      reporter: new Recorder(),
      prior: [],
    });
    await expect(run).rejects.toThrowError(/plan is invalid: .*slug/);
  });
});
