import { describe, expect, it } from "vitest";
import { selectSources } from "../../../workflows/edits/context";
import { explain } from "../../../workflows/edits/explain";
import { updatePlan } from "../../../workflows/edits/plan-update";
import { reaudit } from "../../../workflows/edits/reaudit";
import { DeltaBatcher } from "../../../workflows/roles/delta-batcher";
import { fakeProject, followUpTask } from "../../helpers/edits";
import { PROVIDERS, rawProvider, unique } from "../../helpers/models";
import type { ProviderName } from "../../../workflows/models/errors";

function context(provider: ProviderName, step: string) {
  const deltas: string[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };
  return { deltas, ctx: { step, model: rawProvider(provider), batcher: new DeltaBatcher(async (t) => void deltas.push(t)), usage } };
}

describe.each(PROVIDERS)("the follow-up steps on %s", (provider) => {
  it("architect: no plan change unless the change needs one, then a validated plan", async () => {
    const { plan } = fakeProject();
    const task = (marker: string) => ({
      role: "architect" as const,
      idea: "notas",
      plan,
      produced: [],
      followUp: { kind: "edit" as const, text: `[[fake:${marker}:${unique()}]] cambia algo` },
    });
    expect(await updatePlan(context(provider, "architect").ctx, task("edit-none"))).toBeNull();
    const changed = await updatePlan(context(provider, "architect").ctx, task("plan-change"));
    expect(changed?.entities[0]?.fields.map((f) => f.name)).toContain("telefono");
  });

  it("security: re-audits only the changed files, and SECURITY_AUDIT.md gains a section only when it found something", async () => {
    const { plan, files } = fakeProject();
    const followUp = { kind: "edit" as const, text: `[[fake:reaudit-fix:${unique()}]] cambia algo` };
    const { ctx } = context(provider, "security");
    const fixed = await reaudit(ctx, { idea: "notas", plan, followUp, files, changed: ["src/server.js"], label: "r2" });
    expect([...fixed.changed.keys()].sort()).toEqual(["SECURITY_AUDIT.md", "src/server.js"]);
    expect(fixed.changed.get("src/server.js")).toMatch(/^\/\/ reviewed by the security role\n/);
    expect(fixed.changed.get("SECURITY_AUDIT.md")).toContain("## Revisión tras el cambio (r2)");
    expect(fixed.changed.get("SECURITY_AUDIT.md")).toContain("Corregidos: `src/server.js`.");

    const quiet = await reaudit(context(provider, "security").ctx, {
      idea: "notas",
      plan,
      followUp: { kind: "edit", text: `[[fake:edit-none:${unique()}]] nada` },
      files,
      changed: ["public/app.js"],
      label: "r3",
    });
    expect(quiet.changed.size).toBe(0);
  });

  it("explainer: streams an answer and cites the project's files it names", async () => {
    const task = followUpTask("explain", "¿cómo se guardan las notas?", "explain", "explainer");
    const { ctx, deltas } = context(provider, "explainer");
    const answer = await explain(ctx, task);
    expect(deltas.join("")).toBe(answer.text);
    expect(answer.cited).toEqual(["src/db.js", "src/server.js", "public/app.js"]);
    expect(answer.read).toEqual(selectSources(task.followUp, task.plan, task.files));
  });
});
