import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { requireAccount } from "../api/auth";
import { ownedProject } from "../artifacts/access";
import { readJson } from "../lib/body";
import { apiError } from "../lib/errors";
import { runGithubExport } from "./run-export";
import { branchSchema, repoSchema } from "./target";

const exportSchema = z.object({
  repo: repoSchema,
  branch: branchSchema.default("main"),
  /** A repository the export creates is private unless asked otherwise. */
  private: z.boolean().default(true),
});

/**
 * `POST /api/projects/:id/github`: pushes the project's history to GitHub with the owner's stored
 * token (`PUT /api/account/keys/github`). Answers 202 at once; the export runs after the
 * response and reports through the project's events (`github`).
 */
export const githubExport = new Hono<AppEnv>();

githubExport.use("*", requireAccount);

githubExport.post("/", async (c) => {
  const id = c.req.param("id") ?? "";
  const accountId = c.get("accountId");
  const view = await ownedProject(c.env, id, accountId);
  const body = await readJson(c, exportSchema);
  // A later run in progress does not stop it: the history up to the last completed run goes.
  if (!view.runs.some((r) => r.status === "completed")) {
    throw apiError(409, "not_ready", `the project is ${view.status}; it can be exported once a run has completed`);
  }
  const token = await c.env.ACCOUNTS.getByName(accountId).providerKey(accountId, "github");
  if (!token) {
    throw apiError(400, "github_token_missing", 'store a GitHub token first: PUT /api/account/keys/github {"apiKey": "ghp_…"}');
  }
  const request = { projectId: id, accountId, repo: body.repo, branch: body.branch, private: body.private, projectName: view.name };
  c.executionCtx.waitUntil(runGithubExport(c.env, request, token));
  return c.json({ status: "started", repo: body.repo, branch: body.branch, events: `/api/projects/${id}/events` }, 202);
});
