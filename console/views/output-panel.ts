/**
 * A role's output as the reader wants it: the model's prose as text, and each file it writes as
 * a collapsible block named by its path (console/output-parts.ts splits them), never the raw
 * `<file path="…">` wrappers. The file being written right now stays open; the reader's own
 * opening and closing of blocks survives the next streamed chunk.
 */
import { el, replace } from "../dom";
import { t } from "../i18n";
import { splitOutput } from "../output-parts";

export class OutputPanel {
  readonly element = el("div", { class: "output", id: "output", tabindex: 0 });
  private shown: string | null = null;
  /** Paths the reader opened (true) or closed (false) by hand. */
  private readonly choices = new Map<string, boolean>();

  show(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    const box = this.element;
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 24;
    const parts = text ? splitOutput(text) : [];
    if (parts.length === 0) {
      replace(box, el("p", { class: "prose waiting" }, t("waiting")));
      return;
    }
    replace(
      box,
      ...parts.map((part) => {
        if (part.kind === "prose") return el("p", { class: "prose" }, part.text);
        const details = el(
          "details",
          { class: "output-file", "data-file": part.path, open: this.choices.get(part.path) ?? !part.complete },
          el("summary", {}, part.path, part.complete ? "" : ` · ${t("writing")}`),
          el("pre", {}, part.text),
        );
        details.addEventListener("toggle", () => this.choices.set(part.path, details.open));
        return details;
      }),
    );
    if (stick) box.scrollTop = box.scrollHeight;
  }

  /** Forgets what was drawn, so the next `show` draws again (after a language switch). */
  reset(): void {
    this.shown = null;
  }
}
