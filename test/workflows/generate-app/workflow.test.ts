import { NonRetryableError } from "cloudflare:workflows";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProjectRoom } from "../../../durable-objects/project-room/project-room";
import type { ProjectEvent } from "../../../shared/protocol";
import { ROLES } from "../../../shared/roles";
import { call, newSession } from "../../helpers/api";
import { getProject, startProject } from "../../helpers/projects";
import { connect } from "../../helpers/sockets";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GenerateApp Workflow", () => {
  it("runs architect, backend, frontend, devops, security, then package, each returning a small manifest", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "Una app de tareas con usuarios y etiquetas", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
      for (const role of ROLES) {
        const manifest = (await run.instance.waitForStepResult({ name: role })) as {
          role: string;
          files: Array<{ path: string; sha256: string }>;
        };
        expect(manifest.role).toBe(role);
        expect(manifest.files.length).toBeGreaterThan(0);
        // Manifests carry hashes, never file contents.
        expect(JSON.stringify(manifest).length).toBeLessThan(64 * 1024);
      }
      expect(await run.instance.getOutput()).toMatchObject({ key: `projects/${run.id}/runs/r1/project.zip` });
      const events = await history(run.id, auth);
      const running = events.filter((e) => e.type === "step" && e.status === "running").map((e) => e.type === "step" && e.role);
      expect(running).toEqual([...ROLES]);
      expect(events.at(-1)).toMatchObject({ type: "status", status: "completed" });
    } finally {
      await run.dispose();
    }
  });

  it("marks the project failed with the role and reason when a step fails for good", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "una tienda de plantas", model: "blueprint" }, async (m) => {
      await m.mockStepError({ name: "frontend" }, new NonRetryableError("boom"));
    });
    try {
      await run.instance.waitForStatus("errored");
      const view = await getProject(run.id, auth);
      expect(view.status).toBe("failed");
      expect(view.error).toMatchObject({ role: "frontend", code: "step_failed" });
      expect(view.steps.map((s) => s.status)).toEqual(["done", "done", "failed", "pending", "pending"]);
      const events = await history(run.id, auth);
      expect(events.at(-1)).toMatchObject({ type: "status", status: "failed", error: { role: "frontend" } });
      const zip = await call(`/api/projects/${run.id}/zip`, { headers: auth });
      expect(zip.status).toBe(409);
    } finally {
      await run.dispose();
    }
  });

  it("retries a step that failed after writing files without duplicating anything", async () => {
    const original = ProjectRoom.prototype.stepFinished;
    let failures = 0;
    vi.spyOn(ProjectRoom.prototype, "stepFinished").mockImplementation(function (this: ProjectRoom, ...args) {
      if (args[1] === "backend" && failures++ === 0) throw new Error("storage hiccup after the files were written");
      return original.apply(this, args);
    });
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: "a booking app for my barbershop", model: "blueprint" });
    try {
      await run.instance.waitForStatus("complete");
      expect(failures).toBe(2);
      const view = await getProject(run.id, auth);
      expect(view.steps.find((s) => s.role === "backend")).toMatchObject({ status: "done", attempt: 2 });
      const events = await history(run.id, auth);
      const files = events.filter((e) => e.type === "file").map((e) => (e.type === "file" ? `${e.role}:${e.path}` : ""));
      // Attempt 2 wrote the same content as attempt 1, so each file was announced once.
      expect(files).toEqual([...new Set(files)]);
      const paths = view.files.map((f) => f.path);
      expect(new Set(paths).size).toBe(paths.length);
      const stepDone = events.filter((e) => e.type === "step" && e.role === "backend" && e.status === "done");
      expect(stepDone).toHaveLength(1);
    } finally {
      await run.dispose();
    }
  });
});

async function history(id: string, auth: Record<string, string>): Promise<ProjectEvent[]> {
  const token = auth.authorization?.replace("Bearer ", "") ?? "";
  const res = await call(`/api/projects/${id}/events?after=0&token=${token}`, { headers: { Upgrade: "websocket" } });
  const viewer = await connect(res);
  const view = await getProject(id, auth);
  // The log ends with the final status event; wait until it has arrived.
  const deadline = Date.now() + 5_000;
  while (!viewer.messages.some((m) => m.type === "status" && m.status === view.status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 50));
  viewer.close();
  return viewer.messages.filter((m): m is ProjectEvent => m.type !== "snapshot");
}
