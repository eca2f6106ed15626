import { ACCOUNT_ID, PROJECT_ID } from "../../shared/ids";
import type { ProjectView } from "../../shared/protocol";
import { secureEqual } from "../lib/secure-compare";
import { isPublic } from "../projects/visibility";

/** How a reader got in: the owner's API token, the clone token, a live share link, or public. */
export type GitGrant = "owner" | "clone-token" | "share" | "public";

export interface GitReader {
  id: string;
  view: ProjectView;
  grant: GitGrant;
}

/**
 * Who may read `/git/<id>.git`: everyone for a public project; otherwise HTTP Basic with any user
 * name and, as the password, the owner's API token, the project's clone token or its live share
 * link's token. Null for everything else, a project that does not exist included, so the answer
 * never tells a private project from a missing one.
 */
export async function gitReader(env: Env, id: string, authorization: string | undefined): Promise<GitReader | null> {
  if (!PROJECT_ID.test(id)) return null;
  const room = env.PROJECTS.getByName(id);
  const found = await room.read();
  if (!found) return null;
  const reader = (grant: GitGrant): GitReader => ({ id, view: found.view, grant });
  if (isPublic(found.publication)) return reader("public");
  const password = basicPassword(authorization);
  if (!password) return null;
  const dot = password.indexOf(".");
  if (dot > 0 && ACCOUNT_ID.test(password.slice(0, dot))) {
    const accountId = password.slice(0, dot);
    const secret = password.slice(dot + 1);
    if (accountId !== found.accountId || !/^[0-9a-f]{64}$/.test(secret)) return null;
    return (await env.ACCOUNTS.getByName(accountId).hasToken(secret)) ? reader("owner") : null;
  }
  if (secureEqual(password, await room.cloneToken())) return reader("clone-token");
  if (/^[0-9a-f]{64}$/.test(password) && (await room.hasShare(password))) return reader("share");
  return null;
}

/** The password of `Authorization: Basic base64(user:password)`, or null. */
export function basicPassword(authorization: string | undefined): string | null {
  const encoded = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i)?.[1];
  if (!encoded) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const colon = text.indexOf(":");
  return colon < 0 ? null : text.slice(colon + 1) || null;
}
