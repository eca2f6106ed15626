import type { Visibility } from "../../shared/community";
import { listGallery } from "../community/gallery-db";
import { NotOwnerError, RemovedError, changeVisibility } from "../community/publish";
import { NothingToRemixError, remixProject } from "../community/remix";
import { idFromSeed } from "../../shared/ids";
import { config } from "../config/config";
import { findProject } from "../projects/lookup";
import { errorText, t } from "./i18n";
import type { Locale } from "./i18n";
import { tc } from "./i18n-community";
import type { ChatMessage } from "./progress";

/** A community command's answer: `private` when only the user should see it (a secret's place). */
export interface CommunityReply {
  message: ChatMessage;
  private: boolean;
}

const text = (message: string, isPrivate = true): CommunityReply => ({ message: { text: message, buttons: [] }, private: isPrivate });

/**
 * `/publicar [proyecto]` (public) and `/ocultar [proyecto]` (private): the user's latest project
 * unless they name one. The chat profile's name is offered as the author's the first time.
 */
export async function setProjectVisibility(
  env: Env,
  accountId: string,
  locale: Locale,
  project: string | undefined,
  visibility: Visibility,
  displayName: string | undefined,
): Promise<CommunityReply> {
  const view = await findProject(env, accountId, project);
  if (!view) return text(project ? t(locale).projectNotFound : t(locale).noProjects);
  const m = tc(locale);
  try {
    const publication = await changeVisibility(env, {
      projectId: view.id,
      accountId,
      visibility,
      ...(displayName ? { authorFallback: displayName } : {}),
    });
    const url = `${config(env).PUBLIC_URL}/p/${view.id}`;
    if (publication.visibility === "private") return text(m.hidden(view.name), false);
    // Where a secret is stays between the bot and its owner.
    if (publication.hold) return text(m.held(view.name, publication.hold, url));
    return text(publication.visibility === "public" ? m.published(view.name, url) : m.unlisted(view.name, url), false);
  } catch (err) {
    if (err instanceof NotOwnerError) return text(t(locale).projectNotFound);
    if (err instanceof RemovedError) return text(errorText(locale, "project_removed"));
    throw err;
  }
}

/** `/galeria [búsqueda]`: the five most popular public projects (matching the search), with links. */
export async function galleryTop(env: Env, locale: Locale, query: string | undefined): Promise<CommunityReply> {
  const m = tc(locale);
  const q = query?.trim() || undefined;
  const page = await listGallery(env.DB, { sort: "popular", q: q ?? null, cursor: null, limit: 5 });
  const base = config(env).PUBLIC_URL;
  const link = `${base}/#/explorar${q ? `?q=${encodeURIComponent(q)}` : ""}`;
  if (page.entries.length === 0)
    return { message: { text: m.galleryEmpty(q), buttons: [{ label: m.openGallery, url: link }] }, private: false };
  const lines = page.entries.map((entry) => m.galleryEntry(entry, `${base}${entry.path}`));
  return { message: { text: [m.galleryTitle(q), ...lines].join("\n\n"), buttons: [{ label: m.openGallery, url: link }] }, private: false };
}

/**
 * `/remix <proyecto> [instrucción]`: a copy of a public or unlisted project (or the user's own)
 * in their account, with a link to it. The project id is derived from the chat delivery, so a
 * redelivered command lands on the copy it already made.
 */
export async function remixFromChat(
  env: Env,
  accountId: string,
  locale: Locale,
  command: { project: string; instruction?: string; deliveryId: string },
): Promise<CommunityReply> {
  const m = tc(locale);
  // The id, or the public link /galeria answered with (`…/p/<id>`): people paste what they were shown.
  const typed = command.project.trim();
  const project = /\/p\/(prj_[a-z2-9]{20})\b/.exec(typed)?.[1] ?? typed;
  if (!project) return text(m.remixNeedsProject);
  try {
    const remix = await remixProject(env, {
      sourceId: project,
      accountId,
      ...(command.instruction?.trim() ? { instruction: command.instruction.trim() } : {}),
      id: await idFromSeed("prj", command.deliveryId),
      origin: "chat",
    });
    const lines = [m.remixed(remix.view.name, remix.parent.name)];
    if (remix.edit?.status === "started") lines.push(m.remixEditing);
    if (remix.edit?.status === "refused")
      lines.push(m.remixEditRefused(errorText(locale, { code: remix.edit.code, message: remix.edit.message })));
    const url = `${config(env).PUBLIC_URL}/#/projects/${remix.view.id}`;
    return { message: { text: lines.join("\n"), buttons: [{ label: t(locale).openConsole, url }] }, private: false };
  } catch (err) {
    if (err instanceof NotOwnerError) return text(m.remixNotFound);
    if (err instanceof RemovedError) return text(errorText(locale, "project_removed"));
    if (err instanceof NothingToRemixError) return text(m.remixNotReady);
    throw err;
  }
}
