import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WorkflowEvent, WorkflowStep } from "cloudflare:workers";
import { vi } from "vitest";
import { GenerateApp } from "../../workflows/generate-app/generate-app";
import type { StoredParams } from "../../workflows/generate-app/params";

/**
 * What the local Workflow engine sees when workerd dies mid-run, without killing workerd: the next
 * run of GenerateApp stops dead when it reaches `stepName` (that step and everything after it never
 * start) and the engine is told its run was aborted, with the reason it uses when it stops itself.
 * The engine then keeps the instance `running` in storage with nothing running and nothing that
 * will ever re-enter it: exactly its state after a restart. Later runs (a replay) are untouched.
 */
export function crashAtStep(stepName: string): void {
  const original = GenerateApp.prototype.run;
  let armed = true;
  vi.spyOn(GenerateApp.prototype, "run").mockImplementation(function (
    this: GenerateApp,
    event: WorkflowEvent<StoredParams>,
    step: WorkflowStep,
  ) {
    if (!armed) return original.call(this, event, step);
    armed = false;
    return new Promise((resolve, reject) => {
      const crashing = {
        do: ((name: string, ...rest: unknown[]) => {
          if (name !== stepName) return Reflect.apply(step.do, step, [name, ...rest]);
          reject(new Error("Aborting engine: Grace period complete"));
          // The dead process never comes back to this run.
          return new Promise(() => {});
        }) as WorkflowStep["do"],
        // GenerateApp only calls `do`; the rest pass through (an RPC stub has no `bind`).
        sleep: (name, duration) => step.sleep(name, duration),
        sleepUntil: (name, timestamp) => step.sleepUntil(name, timestamp),
        waitForEvent: ((name: string, options: { type: string }) => step.waitForEvent(name, options)) as WorkflowStep["waitForEvent"],
      } as WorkflowStep;
      original.call(this, event, crashing).then(resolve, reject);
    });
  });
}

/**
 * Moves every event of the project's log `ms` into the past: the run looks as if it had made no
 * progress for that long, so the healer's real threshold applies without a test waiting for it.
 */
export async function backdate(projectId: string, ms: number): Promise<void> {
  await runInDurableObject(env.PROJECTS.getByName(projectId), (_room, state) => {
    const rows = state.storage.sql.exec<{ seq: number; at: string }>("SELECT seq, at FROM events").toArray();
    for (const row of rows) {
      state.storage.sql.exec("UPDATE events SET at = ? WHERE seq = ?", new Date(Date.parse(row.at) - ms).toISOString(), row.seq);
    }
  });
}
