/**
 * The project view as the Worker sends it, checked before the page relies on it. Typed against
 * protocol.ts's `ProjectView`, so a change there that this schema misses fails the type check.
 */
import * as z from "zod/mini";
import { ROLES } from "../shared/roles";
import { RUN_KINDS } from "../shared/protocol";
import type { ProjectView } from "../shared/protocol";

const usage = z.object({ promptTokens: z.number(), completionTokens: z.number() });
const role = z.enum(ROLES);
const status = z.enum(["queued", "running", "completed", "failed"]);
const error = z.object({ role: z.optional(role), code: z.string(), message: z.string() });

export const projectViewSchema: z.ZodMiniType<ProjectView> = z.object({
  id: z.string(),
  name: z.string(),
  prompt: z.string(),
  model: z.string(),
  status,
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(
    z.object({
      role,
      status: z.enum(["pending", "running", "done", "failed"]),
      attempt: z.number(),
      startedAt: z.optional(z.string()),
      finishedAt: z.optional(z.string()),
      usage,
      error: z.optional(error),
    }),
  ),
  files: z.array(z.object({ path: z.string(), size: z.number(), role })),
  usage,
  error: z.optional(error),
  problems: z.optional(z.array(z.object({ role, kind: z.enum(["invalid_file", "missing_file"]), path: z.string(), message: z.string() }))),
  runs: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(RUN_KINDS),
      status,
      createdAt: z.string(),
      finishedAt: z.nullable(z.string()),
      commit: z.nullable(z.string()),
    }),
  ),
});
