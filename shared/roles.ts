/** The five roles, in the order the GenerateApp Workflow runs them. Step names are these strings. */
export const ROLES = ["architect", "backend", "frontend", "devops", "security"] as const;
export type Role = (typeof ROLES)[number];

/** Roles that write files from the architect's plan (the architect writes the plan itself). */
export type BuilderRole = Exclude<Role, "architect">;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
