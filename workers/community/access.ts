import type { Context } from "hono";
import { isPublic } from "../projects/visibility";
import { PROJECT_ID } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import type { AppEnv } from "../app-env";
import type { ArtifactsEnv } from "../artifacts/app";
import { optionalAccount } from "../api/auth";
import { communityInfo } from "./info";
import { log } from "../lib/log";
import { recordView } from "./counters";

/** How a visitor without the owner's credentials got in. */
export type VisitorVia = "share" | "public";

export interface VisitorAccess {
  view: ProjectView;
  accountId: string;
  via: VisitorVia;
  /** Listed in the gallery: the only pages search engines may index. */
  listed: boolean;
}

/**
 * Whether someone who is not the owner may see the project: with its live share link (`?s=`), or
 * without any token while the project is unlisted or public (and not removed). Read from the
 * project's own object on every request, so a change of visibility counts from the next one.
 */
export async function visitorAccess(env: Env, id: string, token: string): Promise<VisitorAccess | null> {
  if (!PROJECT_ID.test(id)) return null;
  const room = env.PROJECTS.getByName(id);
  if (/^[0-9a-f]{64}$/.test(token) && (await room.hasShare(token))) {
    const found = await room.read();
    return found ? { view: found.view, accountId: found.accountId, via: "share", listed: false } : null;
  }
  // A wrong token is a wrong link, even for a public project: the link said it carries one.
  if (token !== "") return null;
  const found = await room.read();
  if (!found || !isPublic(found.publication)) return null;
  return { view: found.view, accountId: found.accountId, via: "public", listed: found.publication.visibility === "public" };
}

/**
 * Counts one view of a project's page: one per account, or per anonymous visitor (their address,
 * hashed with a salt of the day), per project and day; the owner's own visits are not views. A
 * failure to count never fails the page.
 */
export async function countView<E extends AppEnv>(c: Context<E>, access: VisitorAccess): Promise<void> {
  try {
    const viewer = await optionalAccount(c);
    if (viewer === access.accountId) return;
    const visitor = viewer ? { account: viewer } : { address: c.req.header("cf-connecting-ip") ?? "unknown" };
    await recordView(c.env.DB, access.view.id, visitor);
  } catch (err) {
    log("community.view", { project: access.view.id, outcome: "error", detail: err instanceof Error ? err.message : "unknown" });
  }
}

/**
 * `GET /p/:id/community`: stars, counts and the parent for the page, with `starred` when the
 * visitor is signed in. Never the owner's hold: it may say where a secret is.
 */
export async function visitorCommunity(c: Context<ArtifactsEnv>): Promise<Response> {
  const { id } = c.var.project;
  const { removed: _removed, ...publication } = await c.env.PROJECTS.getByName(id).publication();
  const viewer = await optionalAccount(c);
  const info = await communityInfo(c.env, id, { ...publication, hold: null }, viewer, false);
  return c.json(info, 200, { "cache-control": "no-store" });
}
