/**
 * Hibernatable WebSockets carry tags chosen when they are accepted; they survive hibernation, so
 * the room can find a group of viewers later without keeping state in memory.
 */

/** Sockets opened through a share link: closed when the owner revokes it. */
export const SHARE_TAG = "share";
/** Sockets opened through a public or unlisted project's page: closed when it goes private. */
export const PUBLIC_TAG = "public";
/** Sockets that asked (`?viewers=1`) to be told the number of viewers. */
export const VIEWERS_TAG = "viewers";

/**
 * Sockets opened through a share link or a public page from one client: `client:<hash of its
 * address>` (the Worker hashes it, so the tag shows no address in plain text), counted against
 * MAX_SHARE_VIEWERS_PER_IP.
 */
export function clientTag(url: URL): string | null {
  const client = url.searchParams.get("client");
  const via = url.searchParams.get("via");
  return (via === SHARE_TAG || via === PUBLIC_TAG) && client && /^[0-9a-f]{16}$/.test(client) ? `client:${client}` : null;
}

/** Tags for a socket from the room's internal upgrade URL, which only the Worker builds. */
export function tagsFor(url: URL): string[] {
  const tags: string[] = [];
  const via = url.searchParams.get("via");
  if (via === SHARE_TAG || via === PUBLIC_TAG) tags.push(via);
  if (url.searchParams.get("viewers") === "1") tags.push(VIEWERS_TAG);
  const client = clientTag(url);
  if (client) tags.push(client);
  return tags;
}

/** Close code for a viewer turned away because the project (or its address) has too many. */
export const TOO_MANY_VIEWERS = 4429;
