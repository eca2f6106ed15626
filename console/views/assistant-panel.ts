/**
 * How to add AUTOCREA to an AI assistant as an MCP server: the URL, a token made for it (shown
 * once, like a share link) and the configuration to paste. A new token revokes the previous one.
 */
import * as z from "zod/mini";
import { getJson, sendJson } from "../api";
import { el, replace } from "../dom";
import { errorContent } from "../error-text";
import { t } from "../i18n";

const BASE = "/api/account/assistant-token";
const state = z.object({ active: z.boolean() });
const created = z.object({ token: z.string() });

export function assistantPanel(): HTMLElement {
  const url = `${location.origin}/mcp`;
  const body = el("div", { class: "assistant-body" });
  const panel = el(
    "section",
    { class: "panel assistant", id: "account-mcp", "aria-labelledby": "mcp-title" },
    el("h2", { id: "mcp-title" }, t("mcpTitle")),
    el("p", { class: "hint" }, t("mcpHelp")),
    field("mcp-url", t("mcpUrl"), url),
    body,
  );

  const show = (active: boolean, token?: string) => {
    replace(
      body,
      token ? field("mcp-token", t("mcpToken"), token) : el("p", { id: "mcp-state" }, active ? t("mcpTokenActive") : t("mcpTokenNone")),
      token ? el("p", { class: "hint", role: "status" }, t("mcpTokenOnce")) : null,
      token ? el("h3", {}, t("mcpConfig")) : null,
      token ? el("pre", { id: "mcp-config" }, configJson(url, token)) : null,
      token
        ? el("pre", { id: "mcp-claude" }, `claude mcp add --transport http autocrea ${url} --header "Authorization: Bearer ${token}"`)
        : null,
      el(
        "p",
        { class: "actions" },
        el("button", { type: "button", id: "mcp-create", onclick: () => void make() }, active || token ? t("mcpRenew") : t("mcpCreate")),
        active || token
          ? el("button", { type: "button", id: "mcp-revoke", class: "danger", onclick: () => void revoke() }, t("mcpRevoke"))
          : null,
      ),
    );
  };
  const fail = (err: unknown) => replace(body, el("p", { role: "alert" }, ...errorContent(err)));
  const make = async () => {
    try {
      show(true, created.parse(await sendJson("POST", BASE)).token);
      document.getElementById("mcp-token")?.focus();
    } catch (err) {
      fail(err);
    }
  };
  const revoke = async () => {
    try {
      await sendJson("DELETE", BASE);
      show(false);
      document.getElementById("mcp-create")?.focus();
    } catch (err) {
      fail(err);
    }
  };
  getJson(BASE).then((value) => show(state.parse(value).active), fail);
  return panel;
}

/** A read-only field that selects itself, for copying. */
function field(id: string, label: string, value: string): HTMLElement {
  return el(
    "p",
    {},
    el("label", { for: id }, label),
    " ",
    el("input", {
      id,
      type: "text",
      readonly: true,
      spellcheck: "false",
      value,
      onfocus: (e) => e.target instanceof HTMLInputElement && e.target.select(),
    }),
  );
}

/** What Cursor, VS Code and most clients take for a remote server with a header. */
function configJson(url: string, token: string): string {
  return JSON.stringify({ mcpServers: { autocrea: { url, headers: { Authorization: `Bearer ${token}` } } } }, null, 2);
}
