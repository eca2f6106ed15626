import type { ProjectView, StepView } from "../../shared/protocol";
import { cloneCommand } from "../../shared/git";
import { roleName, t } from "./i18n";
import type { Locale } from "./i18n";

/** A link button under a chat message. */
export interface LinkButton {
  label: string;
  url: string;
}

/** One chat message, platform-neutral: plain text plus link buttons. */
export interface ChatMessage {
  text: string;
  buttons: LinkButton[];
}

const ICONS: Record<StepView["status"], string> = { pending: "▫️", running: "⏳", done: "✅", failed: "❌" };

/**
 * A chat's ZIP link. The token rides in the fragment, which browsers never send: the page at
 * `/dl/<id>` reads it and POSTs it, so no access log (which prints the path and query) and no link
 * preview ever sees it (workers/api/downloads.ts).
 */
export function downloadUrl(base: string, projectId: string, token: string): string {
  return `${base}/dl/${projectId}#${token}`;
}

export interface ProgressLinks {
  zip?: string;
  console?: string;
  /** The read-only clone URL with its token; shown as a `git clone` command once completed. */
  clone?: string;
}

/**
 * The progress message a chat shows for a project, rebuilt from the project's current view each
 * time: the same view always gives the same text, so an unchanged view never causes an edit.
 */
export function renderProgress(view: ProjectView, locale: Locale, links: ProgressLinks): ChatMessage {
  const m = t(locale);
  const lines: string[] = [];
  if (view.status === "completed") lines.push(m.completed(view.name, view.files.length));
  else if (view.status === "failed") lines.push(m.failed(view.name, view.error?.message ?? "?"));
  else lines.push(m.building(view.name, view.model));
  lines.push("");
  for (const step of view.steps) lines.push(stepLine(step, view.files.filter((f) => f.role === step.role).length, locale));
  // In the text, not a button: a clone URL is for a terminal, and buttons only open browsers.
  if (links.clone && view.runs.some((r) => r.status === "completed")) lines.push("", m.cloneWith(cloneCommand(links.clone)));
  const buttons: LinkButton[] = [];
  if (view.status === "completed" && links.zip) buttons.push({ label: m.downloadZip, url: links.zip });
  if ((view.status === "completed" || view.status === "failed") && links.console) {
    buttons.push({ label: m.openConsole, url: links.console });
  }
  return { text: lines.join("\n"), buttons };
}

/** One role's line: `✅ Backend (12 archivos)`, `⏳ Frontend (reintento 2)`. The MCP server's progress says the same. */
export function stepLine(step: Pick<StepView, "role" | "status" | "attempt">, files: number, locale: Locale): string {
  const m = t(locale);
  const details: string[] = [];
  if (files > 0) details.push(m.files(files));
  if (step.status === "running" && step.attempt > 1) details.push(m.retrying(step.attempt));
  return `${ICONS[step.status]} ${roleName(locale, step.role)}${details.length ? ` (${details.join(", ")})` : ""}`;
}

const STATUS_ICONS: Record<ProjectView["status"], string> = { queued: "🕓", running: "⏳", completed: "✅", failed: "❌" };

/** A project in a list (`proyectos`): `✅ Reservas — prj_…`. */
export function projectLine(view: Pick<ProjectView, "status" | "name" | "id">): string {
  return `${STATUS_ICONS[view.status]} ${view.name} — ${view.id}`;
}

export function isFinal(view: ProjectView): boolean {
  return view.status === "completed" || view.status === "failed";
}
