import { selectSources } from "../../workflows/edits/context";
import { editFormat, runEditor } from "../../workflows/edits/editor";
import type { EditOutcome } from "../../workflows/edits/editor";
import { parseFiles } from "../../workflows/files/parser";
import type { SourceFile } from "../../workflows/files/source-file";
import type { ProviderName } from "../../workflows/models/errors";
import type { FollowUpKind, FollowUpTask, ModelUsage } from "../../workflows/models/model";
import { parsePlan } from "../../workflows/roles/architect";
import { DeltaBatcher } from "../../workflows/roles/delta-batcher";
import type { Plan } from "../../workflows/plan";
import { rawProvider, unique } from "./models";

const fixtures = import.meta.glob<string>("../fixtures/fake-project/*.{md,txt,json}", { query: "?raw", import: "default", eager: true });

function fixture(name: string): string {
  const text = fixtures[`../fixtures/fake-project/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
}

/** The project the fake models generate (test/fixtures/fake-project/), as the Workflow stores it. */
export function fakeProject(): { plan: Plan; files: SourceFile[] } {
  const plan = parsePlan(fixture("architect.json"));
  const files = new Map<string, string>([["docs/architecture.json", `${JSON.stringify(plan, null, 2)}\n`]]);
  for (const name of ["backend.txt", "backend-repair.txt", "frontend.md", "devops.md", "security.txt"]) {
    for (const file of parseFiles(fixture(name))) files.set(file.path, file.content);
  }
  return { plan, files: [...files].map(([path, content]) => ({ path, content })) };
}

/** A follow-up task on the fake project, its text carrying the fake server's marker (and a unique id). */
export function followUpTask(
  marker: string,
  text: string,
  kind: FollowUpKind = "edit",
  role: FollowUpTask["role"] = "editor",
): FollowUpTask {
  const { plan, files } = fakeProject();
  const followUp = { kind, text: `[[fake:${marker}:${unique()}]] ${text}` };
  return { role, followUp, plan, files, shown: selectSources(followUp, plan, files) };
}

export interface EditorRun {
  outcome: EditOutcome;
  deltas: string[];
  usage: ModelUsage;
  task: FollowUpTask;
}

/** The editor on one provider, against the fake servers, in the format that provider gets. */
export async function editWith(provider: ProviderName, marker: string, text = "añade una ruta de salud"): Promise<EditorRun> {
  const task = followUpTask(marker, text);
  const deltas: string[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };
  const ctx = { step: "editor", model: rawProvider(provider), batcher: new DeltaBatcher(async (t) => void deltas.push(t)), usage };
  const outcome = await runEditor(ctx, task, editFormat(provider));
  return { outcome, deltas, usage, task };
}
