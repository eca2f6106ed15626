/** The five roles of a generation, in the order the GenerateApp Workflow runs them. Step names are these strings. */
export const ROLES = ["architect", "backend", "frontend", "devops", "security"] as const;
export type GenerationRole = (typeof ROLES)[number];

/**
 * Roles of later runs of a project: the editor changes files (an edit or a fix), the explainer
 * answers a question about the code. An edit or a fix runs architect, editor, security; an
 * explanation the explainer alone.
 */
export const FOLLOW_UP_ROLES = ["editor", "explainer"] as const;
export type FollowUpRole = (typeof FOLLOW_UP_ROLES)[number];

/** Whoever runs a step of a run, and authors what it writes. */
export type Role = GenerationRole | FollowUpRole;

/**
 * Every role in the order steps run within any run. Where two runs' roles would write the same
 * path, the later one here wins: the security role's fixes always come last.
 */
export const STEP_ORDER: readonly Role[] = ["architect", "backend", "frontend", "devops", "editor", "explainer", "security"];

/** Roles that write files from the architect's plan (the architect writes the plan itself). */
export type BuilderRole = Exclude<GenerationRole, "architect">;

export function isRole(value: string): value is Role {
  return (STEP_ORDER as readonly string[]).includes(value);
}

export function isGenerationRole(value: string): value is GenerationRole {
  return (ROLES as readonly string[]).includes(value);
}
