import { z } from "zod";

/**
 * The architect's plan. It is model output, so it is untrusted: every later role, the ZIP and the
 * README rely on it, and it is validated here before anything else reads it.
 */

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "must be a camelCase identifier starting with a lowercase letter");

export const FIELD_TYPES = ["string", "text", "integer", "number", "boolean", "date", "email"] as const;

export const fieldSchema = z.object({
  name: identifier,
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(true),
  label: z.string().min(1).max(60).optional(),
});

export const entitySchema = z.object({
  /** Singular, camelCase: `cita`, `product`. */
  name: identifier,
  /** Plural, used in URLs: `/api/citas`. */
  plural: identifier,
  label: z.string().min(1).max(60).optional(),
  fields: z.array(fieldSchema).min(1).max(30),
});

export const endpointSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  path: z.string().regex(/^\/[A-Za-z0-9_\-/:{}.]*$/, "must be an absolute URL path"),
  description: z.string().max(200).default(""),
});

export const pageSchema = z.object({
  path: z.string().regex(/^\/[A-Za-z0-9_\-/:.]*$/, "must be an absolute URL path"),
  title: z.string().min(1).max(80),
  description: z.string().max(200).default(""),
});

export const plannedFileSchema = z.object({
  path: z.string().min(1).max(200),
  purpose: z.string().max(200).default(""),
});

export const planSchema = z.object({
  name: z.string().min(1).max(80),
  /** Package and folder name: lowercase, digits and dashes. */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "must be lowercase letters, digits and dashes"),
  summary: z.string().min(1).max(600),
  language: z.enum(["es", "en"]),
  /** The README's language when it is not the app's: a follow-up edit can switch it alone. */
  readmeLanguage: z.enum(["es", "en"]).optional(),
  stack: z.object({
    runtime: z.string().min(1).max(60),
    backend: z.string().min(1).max(60),
    frontend: z.string().min(1).max(60),
    database: z.string().min(1).max(60),
  }),
  entities: z.array(entitySchema).min(1).max(12),
  api: z.array(endpointSchema).max(100),
  pages: z.array(pageSchema).max(30),
  /** The files each later role must write. The security role's output depends on what it finds. */
  files: z.object({
    backend: z.array(plannedFileSchema).min(1).max(80),
    frontend: z.array(plannedFileSchema).min(1).max(80),
    devops: z.array(plannedFileSchema).min(1).max(40),
  }),
});

export type Plan = z.infer<typeof planSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type Field = z.infer<typeof fieldSchema>;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Where the plan is saved inside the generated project. */
export const PLAN_PATH = "docs/architecture.json";

/** The plan file's content, as the architect's step stores it. */
export function planFileContent(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
