/**
 * One project, live: the current run's roles as a progress bar, the current role's output
 * streaming, the files as a tree, a code viewer, the ZIP, the clone command, the README rendered,
 * the project's runs and an explanation's answer. Owners also get the change box and the share and
 * visibility panels; share-link viewers get the same view, read-only; visitors of a public or
 * unlisted project get it read-only too, with its summary, author, counts, stars and remix.
 */
import type { Role } from "../../shared/roles";
import type { ProjectView, RunView } from "../../shared/protocol";
import { HttpError, getJson, request } from "../api";
import { projectViewSchema } from "../project-schema";
import { el, replace } from "../dom";
import { baseName, buildTree } from "../file-tree";
import type { TreeFolder } from "../file-tree";
import { highlight } from "../highlight";
import { t, tk } from "../i18n";
import { LiveProject } from "../live";
import type { LinkStatus } from "../live";
import type { ProjectPaths } from "../paths";
import type { ProjectState } from "../project-state";
import { OutputPanel } from "./output-panel";
import { GitPanel } from "./git-panel";
import { modelNote, renderProblems } from "./project-notes";
import { changePanel } from "./change-panel";
import { sharePanel } from "./share-panel";
import { communityPanel } from "./community-panel";
import { renderMarkdown } from "./readme-view";

const README = "README.md";
import { errorContent } from "../error-text";

export interface ProjectViewOptions {
  id: string;
  paths: ProjectPaths;
  readOnly: boolean;
  /** Which community panel the page shows: the owner's controls, a visitor's, or none (share links). */
  community: "owner" | "visitor" | "none";
}

export class ProjectPage {
  private live: LiveProject;
  /** A role the user picked to read its output; otherwise the output follows the running role. */
  private pickedRole: Role | null = null;
  private link: LinkStatus = "connecting";
  private selected: string | null = null;
  private stopped = false;
  private filesKey = "";
  private readmeKey = "";
  private git: GitPanel | null = null;
  private readonly parts = {
    title: el("h1", { id: "project-name" }),
    status: el("p", { class: "status", id: "project-status", role: "status" }),
    viewers: el("p", { class: "viewers", id: "viewer-count", "aria-live": "polite" }),
    progress: el("progress", { id: "progress", max: 5, value: 0 }),
    roles: el("ol", { class: "roles", id: "roles" }),
    outputTitle: el("h2", { id: "output-title" }),
    output: new OutputPanel(),
    tree: el("nav", { class: "tree", id: "file-tree" }),
    viewerTitle: el("h2", { id: "viewer-title" }),
    viewer: el("pre", { class: "code", id: "viewer", tabindex: 0 }),
    zip: el("p", { class: "zip" }),
    problems: el("section", { class: "panel problems", id: "problems", hidden: true }),
    answer: el("section", { class: "panel answer", id: "answer", hidden: true, "aria-labelledby": "answer-title" }),
    runs: el("ol", { class: "runs", id: "runs" }),
    link: el("p", { class: "link-status", role: "status" }),
    readme: el("section", { class: "panel readme", id: "readme", "aria-labelledby": "readme-title", hidden: true }),
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly options: ProjectViewOptions,
  ) {
    this.live = this.connect(null);
    this.render();
    void this.load();
  }

  /** The project's facts first, so the whole log can be replayed onto them (every role's output). */
  private async load(): Promise<void> {
    let project: ProjectView | null = null;
    try {
      project = projectViewSchema.parse(await getJson(this.options.paths.project));
    } catch (err) {
      // Without them a snapshot still shows the current state.
      if (err instanceof HttpError && err.status !== 404) replace(this.parts.link, ...errorContent(err));
    }
    if (this.stopped) return;
    this.live = this.connect(project);
    this.live.start();
  }

  private connect(project: ProjectView | null): LiveProject {
    return new LiveProject({
      path: this.options.paths.events,
      projectPath: this.options.paths.project,
      project,
      onChange: (state) => this.update(state),
      onStatus: (status) => {
        this.link = status;
        this.update(this.live.state);
      },
    });
  }

  unmount(): void {
    this.stopped = true;
    this.live.stop();
  }

  /** Lays out the page (again after a language switch), then fills it from the current state. */
  render(): void {
    const p = this.parts;
    const header = el(
      "header",
      { class: "project-head" },
      this.options.readOnly
        ? el("p", { class: "badge" }, this.options.community === "visitor" ? t("publicProject") : t("readOnly"))
        : el("a", { href: "#/", class: "back" }, t("back")),
      p.title,
      p.status,
      p.viewers,
      p.link,
    );
    const progress = el(
      "section",
      { class: "panel", "aria-labelledby": "roles-title" },
      el("h2", { id: "roles-title" }, t("roles")),
      el("label", { class: "sr-only", for: "progress" }, t("roles")),
      p.progress,
      p.roles,
    );
    const output = el("section", { class: "panel" }, p.outputTitle, p.output.element);
    const files = el(
      "section",
      { class: "panel files", "aria-labelledby": "files-title" },
      el("h2", { id: "files-title" }, t("fileTree")),
      p.tree,
      p.zip,
    );
    const viewer = el("section", { class: "panel viewer" }, p.viewerTitle, p.viewer);
    p.output.element.setAttribute("aria-labelledby", "output-title");
    p.output.reset();
    p.viewer.setAttribute("aria-labelledby", "viewer-title");
    const share = this.options.readOnly ? null : sharePanel(this.options.id);
    const change = this.options.readOnly ? null : changePanel(this.options.id);
    const runs = el("section", { class: "panel", "aria-labelledby": "runs-title" }, el("h2", { id: "runs-title" }, t("runs")), p.runs);
    this.git = new GitPanel(this.options.paths.git, this.options.readOnly);
    const community =
      this.options.community === "none"
        ? null
        : communityPanel({ id: this.options.id, path: this.options.paths.community, owner: this.options.community === "owner" });
    replace(
      this.root,
      header,
      community,
      el("div", { class: "grid" }, progress, output, files, viewer),
      p.answer,
      p.readme,
      p.problems,
      change,
      runs,
      this.git.element,
      share,
    );
    this.filesKey = "";
    this.readmeKey = "";
    if (!this.selected) replace(p.viewerTitle, t("viewer"));
    if (!this.selected) replace(p.viewer, t("pickFile"));
    this.update(this.live.state);
  }

  private update(state: ProjectState): void {
    const p = this.parts;
    replace(p.link, linkText(this.link));
    p.viewers.hidden = state.viewers === null;
    replace(p.viewers, state.viewers === null ? "" : `${state.viewers} ${t("viewers")}`);
    const view = state.view;
    if (!view) return;
    replace(p.title, view.name);
    document.title = `${view.name} · AUTOCREA`;
    replace(
      p.status,
      tk("status", view.status),
      view.error ? ` — ${view.error.message}` : "",
      state.heal
        ? el(
            "span",
            { class: "heal-note", "data-heal": state.heal.action, title: state.heal.reason },
            ` · ${tk("heal", state.heal.action)}`,
          )
        : "",
    );
    p.status.dataset.status = view.status;
    this.updateRoles(view, state);
    this.updateAnswer(view);
    replace(p.runs, ...view.runs.map(runLine));
    renderProblems(p.problems, view.problems);
    const role = this.pickedRole ?? state.activeRole;
    replace(p.outputTitle, role ? `${t("outputOf")} ${tk("role", role)}` : t("output"));
    p.output.show(role ? (state.output[role]?.text ?? "") : "");
    this.updateFiles(view);
    this.updateReadme(view);
    this.git?.update(view, state.github);
    replace(
      p.zip,
      view.status === "completed"
        ? el("a", { href: this.options.paths.zip, download: "", id: "download-zip", class: "button" }, t("download"))
        : null,
    );
  }

  private updateRoles(view: ProjectView, state: ProjectState): void {
    const done = view.steps.filter((s) => s.status === "done").length;
    this.parts.progress.max = view.steps.length;
    this.parts.progress.value = done;
    this.parts.progress.setAttribute("aria-valuetext", `${done} / ${view.steps.length}`);
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.showRole : undefined;
    // Each role is a button: pressing it shows that role's output; pressing it again follows the run.
    replace(
      this.parts.roles,
      ...view.steps.map((step) =>
        el(
          "li",
          { class: `role ${step.status}`, "data-role": step.role, "data-status": step.status },
          el(
            "button",
            {
              type: "button",
              class: "role-button",
              "data-show-role": step.role,
              "aria-pressed": this.pickedRole === step.role ? "true" : "false",
              onclick: () => {
                this.pickedRole = this.pickedRole === step.role ? null : step.role;
                this.update(this.live.state);
              },
            },
            el("span", { class: "role-name" }, tk("role", step.role)),
            el("span", { class: "role-state" }, tk("step", step.status), step.attempt > 1 ? ` (${step.attempt})` : ""),
          ),
          modelNote(state.models[step.role]),
        ),
      ),
    );
    if (focused) this.parts.roles.querySelector<HTMLElement>(`[data-show-role="${CSS.escape(focused)}"]`)?.focus();
  }

  /** An explanation's answer, with the files it cites as buttons that open them in the viewer. */
  private updateAnswer(view: ProjectView): void {
    const answer = view.answer;
    this.parts.answer.hidden = !answer;
    if (!answer) return;
    const known = new Set(view.files.map((f) => f.path));
    replace(
      this.parts.answer,
      el("h2", { id: "answer-title" }, t("answer")),
      el("p", { class: "answer-text", id: "answer-text" }, answer.text),
      answer.cited.length > 0
        ? el(
            "p",
            { class: "cited" },
            `${t("cited")}: `,
            ...answer.cited.map((path) =>
              known.has(path)
                ? el("button", { type: "button", class: "cited-file", "data-cited": path, onclick: () => void this.open(path) }, path)
                : el("code", {}, path),
            ),
          )
        : null,
    );
  }

  /** The README, rendered, read again only when it changes. */
  private updateReadme(view: ProjectView): void {
    const file = view.files.find((f) => f.path === README);
    const key = file ? `${file.size}:${file.role}:${view.runs.at(-1)?.id ?? ""}` : "";
    if (key === this.readmeKey) return;
    this.readmeKey = key;
    if (!file) {
      this.parts.readme.hidden = true;
      return;
    }
    void request(this.options.paths.file(README)).then(
      async (res) => {
        const text = await res.text();
        if (this.readmeKey !== key) return;
        replace(this.parts.readme, el("h2", { id: "readme-title" }, t("readme")), renderMarkdown(text));
        this.parts.readme.hidden = false;
      },
      () => {
        this.parts.readme.hidden = true;
      },
    );
  }

  /** Rebuilt only when the file list changes, keeping keyboard focus on the same file. */
  private updateFiles(view: ProjectView): void {
    const key = view.files.map((f) => `${f.path}:${f.size}:${f.role}`).join("|");
    if (key === this.filesKey) return;
    this.filesKey = key;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.path : undefined;
    if (view.files.length === 0) {
      replace(this.parts.tree, el("p", {}, t("noFiles")));
      return;
    }
    replace(this.parts.tree, this.folderList(buildTree(view.files)));
    if (focused) this.parts.tree.querySelector<HTMLElement>(`[data-path="${CSS.escape(focused)}"]`)?.focus();
  }

  private folderList(folder: TreeFolder): HTMLUListElement {
    return el(
      "ul",
      {},
      ...folder.folders.map((child) =>
        el("li", { class: "folder" }, el("details", { open: true }, el("summary", {}, `${child.name}/`), this.folderList(child))),
      ),
      ...folder.files.map((file) =>
        el(
          "li",
          { class: "file" },
          el(
            "button",
            {
              type: "button",
              class: file.path === this.selected ? "file-button selected" : "file-button",
              "data-path": file.path,
              "aria-current": file.path === this.selected ? "true" : undefined,
              title: `${file.path} · ${file.size} B · ${tk("role", file.role)}`,
              onclick: () => void this.open(file.path),
            },
            baseName(file.path),
          ),
        ),
      ),
    );
  }

  private async open(path: string): Promise<void> {
    this.selected = path;
    this.filesKey = "";
    const view = this.live.state.view;
    if (view) this.updateFiles(view);
    replace(this.parts.viewerTitle, path);
    // `data-path` names what the viewer holds, set only once it holds it.
    delete this.parts.viewer.dataset.path;
    replace(this.parts.viewer, "…");
    try {
      const res = await request(this.options.paths.file(path));
      const type = res.headers.get("content-type") ?? "";
      if (this.selected !== path) return;
      if (!type.startsWith("text/") && !type.startsWith("application/json")) {
        replace(this.parts.viewer, `${path} (${type})`);
        return;
      }
      const source = await res.text();
      if (this.selected !== path) return;
      const code = el("code", {});
      for (const token of highlight(source, path)) {
        code.appendChild(
          token.kind === "text" ? document.createTextNode(token.text) : el("span", { class: `tok-${token.kind}` }, token.text),
        );
      }
      replace(this.parts.viewer, code);
      this.parts.viewer.dataset.path = path;
    } catch (err) {
      replace(this.parts.viewer, ...errorContent(err));
    }
  }
}

/** One run in the list: `r2 · Cambiar · terminado · 4 archivos cambiados`. */
function runLine(run: RunView): HTMLLIElement {
  const parts = [run.id, tk("kind", run.kind), tk("status", run.status)];
  if (run.status === "completed" && run.kind !== "generate" && run.kind !== "explain" && run.changed !== null) {
    parts.push(run.changed === 0 ? t("noChanges") : `${run.changed} ${t("changedFiles")}`);
  }
  return el("li", { class: `run ${run.status}`, "data-run": run.id, "data-kind": run.kind }, parts.join(" · "));
}

function linkText(link: LinkStatus): string {
  if (link === "reconnecting") return t("reconnecting");
  if (link === "revoked") return t("revoked");
  if (link === "full") return t("full");
  if (link === "signed-out") return t("sessionEnded");
  if (link === "gone") return t("gone");
  return "";
}
