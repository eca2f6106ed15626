/**
 * `#/explorar`: the gallery of public projects, with search, sorting and "load more" paging.
 * The search and the sort live in the URL (`#/explorar?q=…&sort=…`), so a link or a reload shows
 * the same list; the server's opaque cursor fetches each next page.
 */
import * as z from "zod/mini";
import type { GallerySortName } from "../gallery-query";
import { GALLERY_SORT_NAMES, galleryQuery, galleryRoute } from "../gallery-query";
import { getJson } from "../api";
import { el, replace } from "../dom";
import { errorContent } from "../error-text";
import { lang, t, tk } from "../i18n";

const entrySchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  language: z.string(),
  model: z.string(),
  files: z.number(),
  stars: z.number(),
  remixes: z.number(),
  clones: z.number(),
  views: z.number(),
  author: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  parent: z.nullable(z.string()),
  path: z.string(),
});
const pageSchema = z.object({ entries: z.array(entrySchema), next: z.nullable(z.string()) });
type Entry = z.infer<typeof entrySchema>;

export function galleryPage(root: HTMLElement, hash: string): void {
  const { q, sort } = galleryQuery(hash);
  const search = el("input", { id: "gallery-q", type: "search", name: "q", value: q, placeholder: t("searchHint"), maxlength: 200 });
  const order = el(
    "select",
    { id: "gallery-sort", name: "sort" },
    ...GALLERY_SORT_NAMES.map((s) => el("option", { value: s, selected: s === sort }, tk("sort", s))),
  );
  const form = el(
    "form",
    { class: "panel gallery-form", id: "gallery-form", role: "search" },
    el("label", { for: "gallery-q" }, t("search")),
    search,
    el("label", { for: "gallery-sort" }, t("sortBy")),
    order,
    el("p", { class: "actions" }, el("button", { type: "submit", id: "gallery-search" }, t("search"))),
  );
  const list = el("ol", { class: "gallery-list", id: "gallery-list", "aria-live": "polite" });
  const more = el("p", { class: "actions" });
  const message = el("p", { id: "gallery-message" });
  replace(
    root,
    el("h1", {}, t("galleryTitle")),
    el("p", { class: "tagline" }, t("galleryIntro")),
    form,
    el(
      "section",
      { class: "panel", "aria-labelledby": "gallery-results" },
      el("h2", { id: "gallery-results", class: "sr-only" }, t("galleryTitle")),
      message,
      list,
      more,
    ),
  );

  const apply = () => {
    const next = galleryRoute(search.value.trim(), toSort(order.value));
    // The same route again (nothing changed) would not fire hashchange: load it here instead.
    if (location.hash === next) void load(null);
    else location.hash = next;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  order.addEventListener("change", apply);

  const load = async (cursor: string | null) => {
    const params = new URLSearchParams({ sort });
    if (q) params.set("q", q);
    if (cursor) params.set("cursor", cursor);
    replace(more);
    try {
      const page = pageSchema.parse(await getJson(`/api/gallery?${params}`));
      if (!cursor) replace(list);
      for (const entry of page.entries) list.appendChild(card(entry));
      replace(message, list.childElementCount === 0 ? (q ? t("galleryNoMatch") : t("galleryEmpty")) : "");
      if (page.next) {
        const next = page.next;
        replace(more, el("button", { type: "button", id: "gallery-more", onclick: () => void load(next) }, t("loadMore")));
      }
    } catch (err) {
      replace(message, el("span", { role: "alert" }, ...errorContent(err)));
    }
  };
  void load(null);
}

function card(entry: Entry): HTMLElement {
  const when = new Date(entry.publishedAt);
  return el(
    "li",
    { class: "gallery-entry", "data-project": entry.id },
    el("h3", {}, el("a", { href: entry.path }, entry.name)),
    el("p", { class: "summary" }, entry.summary),
    el(
      "p",
      { class: "meta" },
      `${t("by")} ${entry.author} · `,
      el("time", { datetime: entry.publishedAt }, when.toLocaleDateString(lang(), { year: "numeric", month: "short", day: "numeric" })),
    ),
    el(
      "p",
      { class: "meta counts" },
      `${entry.language} · ${entry.model} · ${entry.files} ${t("files")} · ★ ${entry.stars} ${t("stars")} · ${entry.remixes} ${t("remixes")} · ${entry.clones} ${t("clones")}`,
    ),
  );
}

function toSort(value: string): GallerySortName {
  return GALLERY_SORT_NAMES.find((s) => s === value) ?? "recent";
}
