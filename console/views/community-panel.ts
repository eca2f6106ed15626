/**
 * A project's public life on its page. Owners choose who may see it (private, unlisted, public),
 * the name they publish under, and see why it is held back (a secret's place, a moderation
 * decision). Visitors of a visible project see its summary, author and counts, and when signed in
 * can star it, remix it or report it.
 */
import * as z from "zod/mini";
import { VISIBILITIES } from "../../shared/community";
import type { Visibility } from "../../shared/community";
import { getJson, sendJson } from "../api";
import { el, replace } from "../dom";
import type { Child } from "../dom";
import { errorContent } from "../error-text";
import { lang, t, tk } from "../i18n";
import { errorWording } from "../i18n-errors";
import { session } from "../session";

const visibility = z.enum(["private", "unlisted", "public"]);
const hold = z.union([
  z.object({ code: z.literal("secret_found"), path: z.string(), line: z.number() }),
  z.object({ code: z.literal("removed") }),
]);
const publication = z.object({
  visibility,
  requested: visibility,
  hold: z.nullable(hold),
  parent: z.nullable(z.object({ id: z.string(), name: z.string() })),
});
const infoSchema = z.object({
  visibility,
  parent: z.nullable(z.object({ id: z.string(), name: z.string() })),
  author: z.nullable(z.string()),
  summary: z.nullable(z.string()),
  stars: z.number(),
  starred: z.boolean(),
  clones: z.number(),
  views: z.number(),
  remixes: z.number(),
  publication: z.optional(publication),
});
type Info = z.infer<typeof infoSchema>;

/** Where a page leaves a message for the next one (main.ts shows it once). */
export const NOTICE_KEY = "autocrea.notice";
const remixed = z.object({
  project: z.object({ id: z.string() }),
  edit: z.nullable(z.object({ status: z.string(), code: z.optional(z.string()), message: z.optional(z.string()) })),
});

export interface CommunityOptions {
  id: string;
  /** `/api/projects/:id/community` for owners, `/p/:id/community[?s=]` for visitors. */
  path: string;
  owner: boolean;
}

export function communityPanel(options: CommunityOptions): HTMLElement {
  const panel = el("section", { class: "panel community", id: "community", "aria-labelledby": "community-title" });
  const status = el("p", { role: "status", class: "community-status", id: "community-status" });
  let info: Info | null = null;

  const draw = () => {
    if (!info) return;
    replace(
      panel,
      el("h2", { id: "community-title" }, t("community")),
      info.summary && !options.owner ? el("p", { class: "summary", id: "project-summary" }, info.summary) : null,
      byline(info),
      counts(info),
      options.owner ? ownerControls(info) : visitorControls(info),
      status,
    );
  };

  const load = async () => {
    try {
      info = infoSchema.parse(await getJson(options.path));
      draw();
    } catch (err) {
      replace(panel, el("h2", { id: "community-title" }, t("community")), el("p", { role: "alert" }, ...errorContent(err)));
    }
  };

  /** The three choices as radio buttons, each with what it means; the author's name beside them. */
  const ownerControls = (current: Info): HTMLElement => {
    const chosen = current.publication?.requested ?? current.visibility;
    const author = el("input", { id: "author-name", name: "author", maxlength: 40, autocomplete: "nickname", value: current.author ?? "" });
    const choices = el(
      "fieldset",
      { class: "visibility", id: "visibility" },
      el("legend", {}, t("visibility")),
      ...VISIBILITIES.map((v) =>
        el(
          "label",
          { class: "choice" },
          el("input", {
            type: "radio",
            name: "visibility",
            value: v,
            id: `visibility-${v}`,
            checked: v === chosen,
            onchange: () => void change(v, author.value),
          }),
          el("span", { class: "choice-name" }, tk("visibility", v)),
          el("span", { class: "hint" }, tk("visibilityHelp", v)),
        ),
      ),
    );
    const open = current.visibility !== "private";
    const url = new URL(`/p/${options.id}`, location.href).href;
    return el(
      "div",
      {},
      choices,
      holdNotice(current),
      open ? el("p", { id: "public-link" }, `${t("publicLink")}: `, el("a", { href: url }, url)) : null,
      el(
        "p",
        { class: "author" },
        el("label", { for: "author-name" }, t("authorName")),
        author,
        el("span", { class: "hint" }, t("authorHelp")),
      ),
      el(
        "p",
        { class: "actions" },
        el("button", { type: "button", id: "save-author", onclick: () => void change(chosen, author.value) }, t("saveAuthor")),
      ),
    );
  };

  const change = async (next: Visibility, author: string) => {
    replace(status);
    try {
      const name = author.trim();
      await sendJson("PATCH", `/api/projects/${encodeURIComponent(options.id)}`, { visibility: next, ...(name ? { author: name } : {}) });
      await load();
      document.getElementById(`visibility-${next}`)?.focus();
    } catch (err) {
      status.setAttribute("role", "alert");
      replace(status, ...errorContent(err));
    }
  };

  const visitorControls = (current: Info): HTMLElement => {
    if (!session().signedIn) return el("p", { class: "hint", id: "sign-in-to-act" }, t("signInToAct"));
    const instruction = el("input", { id: "remix-instruction", name: "instruction", maxlength: 4000 });
    const reason = el("textarea", { id: "report-reason", name: "reason", rows: 2, maxlength: 500, required: true });
    const report = el(
      "form",
      { class: "report", id: "report-form" },
      el("label", { for: "report-reason" }, t("reportReason")),
      reason,
      el("p", { class: "actions" }, el("button", { type: "submit", class: "danger" }, t("reportSend"))),
    );
    report.addEventListener("submit", (event) => {
      event.preventDefault();
      void send(reason.value);
    });
    return el(
      "div",
      {},
      el(
        "p",
        { class: "actions" },
        el(
          "button",
          {
            type: "button",
            id: "star",
            "aria-pressed": current.starred ? "true" : "false",
            onclick: () => void toggleStar(current.starred),
          },
          current.starred ? `★ ${t("unstar")}` : `☆ ${t("star")}`,
        ),
      ),
      el(
        "div",
        { class: "remix" },
        el("label", { for: "remix-instruction" }, t("remixInstruction")),
        instruction,
        el("p", { class: "hint" }, t("remixHelp")),
        el(
          "p",
          { class: "actions" },
          el("button", { type: "button", id: "remix", onclick: () => void remix(instruction.value) }, t("remix")),
        ),
      ),
      el("details", { class: "report-box" }, el("summary", {}, t("report")), report),
    );
  };

  const toggleStar = async (starred: boolean) => {
    try {
      await sendJson(starred ? "DELETE" : "PUT", `/api/projects/${encodeURIComponent(options.id)}/star`);
      await load();
      document.getElementById("star")?.focus();
    } catch (err) {
      replace(status, ...errorContent(err));
    }
  };

  const remix = async (instruction: string) => {
    replace(status, t("remixing"));
    try {
      const text = instruction.trim();
      const made = remixed.parse(
        await sendJson("POST", `/api/projects/${encodeURIComponent(options.id)}/remix`, text ? { instruction: text } : {}),
      );
      // The copy is made; its edit may not have started (credits, a change the offline model cannot make).
      if (made.edit?.status === "refused") {
        const why = errorWording(lang(), made.edit.code ?? "", made.edit.message ?? "");
        sessionStorage.setItem(NOTICE_KEY, `${t("remixEditRefused")} ${why}`);
      }
      location.assign(`/#/projects/${encodeURIComponent(made.project.id)}`);
    } catch (err) {
      status.setAttribute("role", "alert");
      replace(status, ...errorContent(err));
    }
  };

  const send = async (reason: string) => {
    try {
      await sendJson("POST", `/api/projects/${encodeURIComponent(options.id)}/report`, { reason });
      replace(status, t("reported"));
      panel.querySelector("details")?.removeAttribute("open");
    } catch (err) {
      status.setAttribute("role", "alert");
      replace(status, ...errorContent(err));
    }
  };

  replace(panel, el("h2", { id: "community-title" }, t("community")));
  void load();
  return panel;
}

/** "Remix of <parent> · by <author>". */
function byline(info: Info): HTMLElement | null {
  const parts: Child[] = [];
  if (info.parent)
    parts.push(`${t("remixOf")} `, el("a", { href: `/p/${encodeURIComponent(info.parent.id)}`, id: "parent-link" }, info.parent.name));
  if (info.author) parts.push(parts.length ? " · " : "", `${t("by")} `, el("span", { class: "author-name" }, info.author));
  return parts.length ? el("p", { class: "byline" }, ...parts) : null;
}

function counts(info: Info): HTMLElement {
  return el(
    "p",
    { class: "counts", id: "community-counts" },
    `★ ${info.stars} ${t("stars")} · ${info.views} ${t("views")} · ${info.clones} ${t("clones")} · ${info.remixes} ${t("remixes")}`,
  );
}

/** Why the project is less visible than its owner asked; said to the owner only. */
function holdNotice(info: Info): HTMLElement | null {
  const held = info.publication?.hold;
  if (!held) return null;
  if (held.code === "removed") return el("p", { role: "alert", id: "publication-hold" }, t("heldRemoved"));
  const where = held.path === "(idea)" ? t("theIdea") : held.path === "(name)" ? t("theName") : held.path;
  return el(
    "p",
    { role: "alert", id: "publication-hold" },
    `${t("heldSecret")} `,
    el("code", {}, where),
    `, ${t("heldLine")} ${held.line}.`,
  );
}
