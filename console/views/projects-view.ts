/** The signed-in home: the idea form ("Idea" / "Crear") and the account's projects. */
import * as z from "zod/mini";
import { MAX_PROMPT_CHARS } from "../../shared/limits";
import { getJson, sendJson } from "../api";
import { el, replace } from "../dom";
import { t, tk } from "../i18n";
import { errorContent } from "../error-text";

const list = z.object({
  projects: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), files: z.number(), createdAt: z.string() })),
});
const created = z.object({ id: z.string() });

export function projectsPage(root: HTMLElement): void {
  const idea = el("textarea", {
    id: "idea",
    name: "idea",
    required: true,
    maxlength: MAX_PROMPT_CHARS,
    rows: 3,
    placeholder: t("ideaHint"),
  });
  const submit = el("button", { type: "submit", id: "create" }, t("create"));
  const message = el("p", { role: "alert", class: "form-error" });
  const form = el(
    "form",
    { class: "panel idea-form", id: "idea-form" },
    el("label", { for: "idea" }, t("idea")),
    idea,
    el("p", { class: "actions" }, submit),
    message,
  );
  const items = el("ul", { class: "project-list", id: "project-list" });
  replace(
    root,
    el("p", { class: "tagline" }, t("tagline")),
    form,
    el("section", { class: "panel", "aria-labelledby": "projects-title" }, el("h2", { id: "projects-title" }, t("projects")), items),
  );

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void create();
  });
  // Ctrl/Cmd+Enter sends from inside the text area, as in chat apps.
  idea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  async function create(): Promise<void> {
    submit.disabled = true;
    replace(submit, t("creating"));
    replace(message);
    try {
      const project = created.parse(await sendJson("POST", "/api/projects", { prompt: idea.value }));
      location.hash = `#/projects/${project.id}`;
    } catch (err) {
      replace(message, ...errorContent(err));
      submit.disabled = false;
      replace(submit, t("create"));
    }
  }

  getJson("/api/projects").then(
    (value) => {
      const { projects } = list.parse(value);
      if (projects.length === 0) return replace(items, el("li", {}, t("noProjects")));
      replace(
        items,
        ...projects.map((p) =>
          el(
            "li",
            {},
            el("a", { href: `#/projects/${encodeURIComponent(p.id)}` }, p.name),
            el("span", { class: "meta" }, ` · ${tk("status", p.status)} · ${p.files} ${t("files")}`),
          ),
        ),
      );
    },
    (err: unknown) => replace(items, el("li", { role: "alert" }, ...errorContent(err))),
  );
}
