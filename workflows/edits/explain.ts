/**
 * The explainer: an answer about the project's code, streamed to the viewers as it is written and
 * stored with the run. It reads the files chosen for the question (edits/context.ts) and cites, of
 * the project's files, those its answer names. Nothing changes.
 */
import type { FollowUpTask } from "../models/model";
import { answer } from "./answer";
import type { AnswerContext } from "./answer";
import { explainRequest } from "./prompts";

export interface Explanation {
  text: string;
  /** The files the model was shown. */
  read: string[];
  /** Project files the answer names, in the order it first names them. */
  cited: string[];
}

export async function explain(ctx: AnswerContext, task: FollowUpTask): Promise<Explanation> {
  const text = await answer(ctx, explainRequest(task));
  return {
    text,
    read: [...task.shown],
    cited: citedPaths(
      text,
      task.files.map((file) => file.path),
    ),
  };
}

/** Paths of the project an answer names: in full, or by a file name only one path has. */
export function citedPaths(text: string, paths: readonly string[]): string[] {
  const found: Array<{ path: string; at: number }> = [];
  const names = new Map<string, string[]>();
  for (const path of paths) {
    const name = path.split("/").pop() ?? path;
    names.set(name, [...(names.get(name) ?? []), path]);
  }
  for (const path of paths) {
    let at = text.indexOf(path);
    if (at < 0) {
      const name = path.split("/").pop() ?? path;
      if (name.includes(".") && names.get(name)?.length === 1)
        at = text.search(new RegExp(`(^|[^\\w./-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w/-])`));
    }
    if (at >= 0) found.push({ path, at });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.path);
}
