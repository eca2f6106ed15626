/**
 * What the run reports besides files: problems still open after the repair round, and a role's
 * switch to the user's own model provider. Both come from the Worker and the model, so they are
 * text only (dom.ts), like everything else on the page.
 */
import type { ProjectProblem } from "../../shared/protocol";
import { el, replace } from "../dom";
import { t, tk } from "../i18n";
import type { ModelChange } from "../project-state";

/** Fills the "Problems" panel, hidden while there are none. */
export function renderProblems(panel: HTMLElement, problems: readonly ProjectProblem[] | undefined): void {
  const list = [...(problems ?? [])].sort((a, b) => a.path.localeCompare(b.path) || a.role.localeCompare(b.role));
  panel.hidden = list.length === 0;
  if (list.length === 0) {
    replace(panel);
    return;
  }
  replace(
    panel,
    el("h2", { id: "problems-title" }, t("problems")),
    el(
      "ul",
      { class: "problem-list", "aria-labelledby": "problems-title" },
      ...list.map((p) =>
        el(
          "li",
          { class: "problem", "data-kind": p.kind, "data-path": p.path, "data-role": p.role },
          el("code", {}, p.path),
          ` · ${tk("problem", p.kind)} · ${tk("role", p.role)}: `,
          p.message,
        ),
      ),
    ),
  );
}

/** "Modelo cambiado a openai: <reason>", shown under the role that switched. */
export function modelNote(change: ModelChange | undefined): HTMLElement | null {
  if (!change) return null;
  return el("span", { class: "role-note", "data-model": change.to }, `${t("modelChanged")} ${change.to}: ${change.reason}`);
}
