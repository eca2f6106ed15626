/**
 * The owner's "Cambiar" / "Change" box: a change, a fix or a question about the project, sent as
 * a follow-up run (POST /api/projects/:id/runs). The run itself shows up above like any other,
 * live; this box only says whether it started, or why not.
 */
import { sendJson } from "../api";
import { el, replace } from "../dom";
import { t, tk } from "../i18n";
import { errorContent } from "../error-text";

const KINDS = ["edit", "fix", "explain"] as const;
type Kind = (typeof KINDS)[number];

/** The body each kind is sent with (docs/api.md). */
function body(kind: Kind, text: string): Record<string, string> {
  if (kind === "edit") return { kind, instruction: text };
  if (kind === "fix") return { kind, problem: text };
  return { kind, question: text };
}

export function changePanel(projectId: string): HTMLElement {
  const path = `/api/projects/${encodeURIComponent(projectId)}/runs`;
  let kind: Kind = "edit";
  const text = el("textarea", { id: "change-text", name: "text", rows: 3, maxlength: 4000, required: true, placeholder: tk("hint", kind) });
  const note = el("p", { class: "change-note", id: "change-note", role: "status" });
  const send = el("button", { type: "submit", id: "change-send" }, t("changeSend"));
  const choices = el(
    "fieldset",
    { class: "change-kinds" },
    el("legend", {}, t("changeKind")),
    ...KINDS.map((value) =>
      el(
        "label",
        {},
        el("input", {
          type: "radio",
          name: "change-kind",
          value,
          id: `change-kind-${value}`,
          checked: value === kind,
          onchange: () => {
            kind = value;
            text.placeholder = tk("hint", value);
          },
        }),
        ` ${tk("kind", value)}`,
      ),
    ),
  );
  const form = el(
    "form",
    {
      class: "change-form",
      onsubmit: (event) => {
        event.preventDefault();
        void submit();
      },
    },
    choices,
    el("label", { for: "change-text", class: "sr-only" }, t("change")),
    text,
    el("p", { class: "actions" }, send),
    note,
  );
  const submit = async () => {
    const value = text.value.trim();
    if (!value) return;
    send.disabled = true;
    replace(send, t("changeSending"));
    try {
      await sendJson("POST", path, body(kind, value));
      text.value = "";
      replace(note, t("changeStarted"));
    } catch (err) {
      replace(note, ...errorContent(err));
    } finally {
      send.disabled = false;
      replace(send, t("changeSend"));
    }
  };
  return el("section", { class: "panel change", "aria-labelledby": "change-title" }, el("h2", { id: "change-title" }, t("change")), form);
}
