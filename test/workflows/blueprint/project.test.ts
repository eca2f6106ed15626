import { describe, expect, it } from "vitest";
import { blueprintProject } from "../../../workflows/blueprint/project";
import { planSchema } from "../../../workflows/plan";
import { call, newSession } from "../../helpers/api";
import { getProject, startProject } from "../../helpers/projects";

/**
 * Offline edits regenerate the project from its plan and keep what comes out the same: that only
 * works if the pure function gives exactly what a generation through the Workflow stored.
 */
describe("a blueprint project as a function of its plan", () => {
  it("is byte for byte what a generation through the Workflow delivers", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "app de tareas con usuarios y etiquetas", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    const read = async (path: string) => (await call(`/api/projects/${run.id}/files/${path}`, { headers: auth })).text();
    const plan = planSchema.parse(JSON.parse(await read("docs/architecture.json")));
    const expected = blueprintProject(plan);
    expect(view.files.map((file) => file.path).sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(await read(path), path).toBe(content);
  });
});
