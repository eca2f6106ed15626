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

/** Tags for a socket from the room's internal upgrade URL, which only the Worker builds. */
export function tagsFor(url: URL): string[] {
  const tags: string[] = [];
  const via = url.searchParams.get("via");
  if (via === SHARE_TAG || via === PUBLIC_TAG) tags.push(via);
  if (url.searchParams.get("viewers") === "1") tags.push(VIEWERS_TAG);
  return tags;
}
