import { isOpen } from "../../shared/community";
import type { Visibility } from "../../shared/community";

/**
 * Whether anyone may read a project without credentials: its page, files, ZIP, live events and
 * `git clone`. True while its owner has it unlisted or public and no admin removed it
 * (docs/community.md). Every way in asks this, with the room's publication of that request, so
 * a change of visibility counts from the next request everywhere at once.
 */
export function isPublic(publication: { visibility: Visibility; removed: boolean }): boolean {
  return isOpen(publication.visibility) && !publication.removed;
}
