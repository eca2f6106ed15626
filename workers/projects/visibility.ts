import type { ProjectView } from "../../shared/protocol";

/**
 * Whether anyone may read a project without credentials (clone it, for now). Every project is
 * private until the gallery lets owners publish theirs; this is the one place that will change.
 */
export function isPublic(_project: ProjectView): boolean {
  return false;
}
