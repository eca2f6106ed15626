/** The clone command with a copy button, and the latest GitHub export's outcome. */
import * as z from "zod/mini";
import type { GithubExportEvent, ProjectView } from "../../shared/protocol";
import { HttpError, getJson } from "../api";
import { el, replace } from "../dom";
import { t } from "../i18n";

const info = z.object({ command: z.string() });

export class GitPanel {
  readonly element: HTMLElement;
  private readonly body = el("div", { class: "git-body" });
  private readonly github = el("p", { class: "github-status", id: "github-status", role: "status" });
  private command: string | null = null;
  private loading = false;
  private last: { view: ProjectView; github: GithubExportEvent | null } | null = null;

  constructor(
    private readonly path: string,
    private readonly shared: boolean,
  ) {
    this.element = el(
      "section",
      { class: "panel git", "aria-labelledby": "git-title" },
      el("h2", { id: "git-title" }, t("git")),
      this.body,
      this.github,
    );
  }

  update(view: ProjectView, github: GithubExportEvent | null): void {
    this.last = { view, github };
    replace(this.github, github ? githubText(github) : "");
    this.github.hidden = github === null;
    // Any completed run has a history to clone, even while a later run is in progress.
    if (!view.runs.some((r) => r.status === "completed")) {
      replace(this.body, el("p", {}, t("gitWaiting")));
      return;
    }
    if (this.command === null) {
      void this.load();
      return;
    }
    if (this.body.querySelector("#clone-command")) return;
    const input = el("input", {
      id: "clone-command",
      type: "text",
      readonly: true,
      value: this.command,
      spellcheck: "false",
      onfocus: (e) => e.target instanceof HTMLInputElement && e.target.select(),
    });
    const state = el("span", { class: "copy-state", role: "status" });
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        // No clipboard (an insecure origin): leave the text selected for Ctrl+C.
        input.focus();
        input.select();
        return;
      }
      replace(state, t("copied"));
    };
    replace(
      this.body,
      el(
        "p",
        { class: "clone" },
        el("label", { for: "clone-command", class: "sr-only" }, t("git")),
        input,
        " ",
        el("button", { type: "button", id: "copy-clone", onclick: () => void copy() }, t("copy")),
        " ",
        state,
      ),
      el("p", { class: "hint" }, t(this.shared ? "gitHelpShared" : "gitHelp")),
    );
  }

  private async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      this.command = info.parse(await getJson(this.path)).command;
    } catch (err) {
      replace(this.body, el("p", { role: "alert" }, `${t("error")}: ${err instanceof HttpError ? err.message : String(err)}`));
      return;
    } finally {
      this.loading = false;
    }
    this.body.replaceChildren();
    if (this.last) this.update(this.last.view, this.last.github);
  }
}

function githubText(event: GithubExportEvent): string {
  if (event.status === "running") return `${t("githubRunning")} ${event.repo}…`;
  if (event.status === "failed") return `${t("githubFailed")} ${event.repo}: ${event.message}`;
  return `${t("githubPushed")} ${event.repo} (${event.branch}): ${event.url}`;
}
