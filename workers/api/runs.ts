import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { readJson } from "../lib/body";
import { notFound } from "../lib/errors";
import { PROJECT_ID } from "../../shared/ids";
import { startFollowUp } from "../projects/start-follow-up";
import { startErrorResponse } from "../projects/start-errors";
import { requireAccount } from "./auth";

const text = z.string().trim().min(1, "must not be empty");

/** What a follow-up run is asked: an instruction, a problem (error output or a description), or a question. */
const runSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("edit"), instruction: text }),
  z.object({ kind: z.literal("fix"), problem: text }),
  z.object({ kind: z.literal("explain"), question: text }),
]);

/**
 * `POST /api/projects/:id/runs`: an edit, a fix or an explanation of the owner's project, admitted
 * and billed like a generation. A run's own view (`GET .../runs/:run`) is an artifact of the
 * project (workers/artifacts/app.ts), served wherever the project is.
 */
export const runs = new Hono<AppEnv>();

runs.use("*", requireAccount);

runs.post("/", async (c) => {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) throw notFound("project");
  const body = await readJson(c, runSchema);
  const request = body.kind === "edit" ? body.instruction : body.kind === "fix" ? body.problem : body.question;
  try {
    const { run, view } = await startFollowUp(c.env, {
      accountId: c.get("accountId"),
      projectId: id,
      kind: body.kind,
      text: request,
      origin: "api",
    });
    return c.json({ run, project: view }, 202);
  } catch (err) {
    throw startErrorResponse(err);
  }
});
