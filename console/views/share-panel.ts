/** The owner's share controls: make a read-only link, see it once, revoke it. */
import * as z from "zod/mini";
import { getJson, sendJson } from "../api";
import { el, replace } from "../dom";
import { t } from "../i18n";
import { errorContent } from "../error-text";

const created = z.object({ url: z.string(), path: z.string() });
const info = z.object({ active: z.boolean() });

export function sharePanel(projectId: string): HTMLElement {
  const base = `/api/projects/${encodeURIComponent(projectId)}/share`;
  const body = el("div", { class: "share-body" });
  const panel = el(
    "section",
    { class: "panel share", "aria-labelledby": "share-title" },
    el("h2", { id: "share-title" }, t("share")),
    body,
  );

  const show = (active: boolean, url?: string) => {
    const makeLabel = active || url ? t("shareRenew") : t("shareCreate");
    replace(
      body,
      url
        ? el(
            "p",
            {},
            el("label", { for: "share-url" }, t("shareLink")),
            " ",
            el("input", {
              id: "share-url",
              type: "url",
              readonly: true,
              value: url,
              onfocus: (e) => e.target instanceof HTMLInputElement && e.target.select(),
            }),
          )
        : el("p", {}, active ? t("shareActive") : t("shareNone")),
      el(
        "p",
        { class: "actions" },
        el("button", { type: "button", id: "share-create", onclick: () => void make() }, makeLabel),
        active || url
          ? el("button", { type: "button", id: "share-revoke", class: "danger", onclick: () => void revoke() }, t("shareRevoke"))
          : null,
      ),
    );
  };
  const fail = (err: unknown) => replace(body, el("p", { role: "alert" }, ...errorContent(err)));
  const make = async () => {
    try {
      const link = created.parse(await sendJson("POST", base));
      show(true, link.url);
      document.getElementById("share-url")?.focus();
    } catch (err) {
      fail(err);
    }
  };
  const revoke = async () => {
    try {
      await sendJson("DELETE", base);
      show(false);
      document.getElementById("share-create")?.focus();
    } catch (err) {
      fail(err);
    }
  };
  getJson(base).then((value) => show(info.parse(value).active), fail);
  return panel;
}
