import type { GithubExportEvent } from "../../shared/protocol";
import { projectHistory } from "../../workflows/git/publish";
import { log } from "../lib/log";
import { config } from "../config/config";
import { GitHubClient, GitHubError } from "./client";
import { ExportError, exportHistory } from "./export";

export interface GithubExportRequest {
  projectId: string;
  accountId: string;
  /** `owner/name`. */
  repo: string;
  branch: string;
  private: boolean;
  /** The project's name, for the repository's description when the export creates it. */
  projectName: string;
}

export type GithubExportOutcome = Extract<GithubExportEvent, { status: "pushed" | "failed" }>;

/**
 * One export, start to end: every step becomes an event in the project's log (the console and
 * API clients watch it), and the outcome is returned for the chat that asked. It never throws:
 * it runs after the response (waitUntil), where nobody would see an exception.
 */
export async function runGithubExport(env: Env, request: GithubExportRequest, token: string): Promise<GithubExportOutcome> {
  const room = env.PROJECTS.getByName(request.projectId);
  const started = Date.now();
  const [owner = "", name = ""] = request.repo.split("/");
  let outcome: GithubExportOutcome;
  try {
    const history = await projectHistory(env, request.projectId);
    const gh = new GitHubClient(config(env).GITHUB_API_BASE, token);
    const result = await exportHistory(
      gh,
      history,
      { owner, name, branch: request.branch, private: request.private, description: `${request.projectName} (built by AUTOCREA)` },
      (phase, detail) => room.githubExport({ type: "github", status: "running", repo: request.repo, phase, ...(detail ? { detail } : {}) }),
    );
    outcome = { type: "github", status: "pushed", ...result };
  } catch (err) {
    outcome = { type: "github", status: "failed", repo: request.repo, ...describe(err) };
  }
  try {
    await room.githubExport(outcome);
  } catch (err) {
    log("github.export", {
      project: request.projectId,
      outcome: "error",
      detail: `room: ${err instanceof Error ? err.message : "unknown"}`,
    });
  }
  log("github.export", {
    project: request.projectId,
    account: request.accountId,
    repo: request.repo,
    outcome: outcome.status === "pushed" ? "done" : "failed",
    ms: Date.now() - started,
    ...(outcome.status === "pushed"
      ? { branch: outcome.branch, diverged: outcome.diverged, created: outcome.created }
      : { code: outcome.code }),
  });
  return outcome;
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof GitHubError || err instanceof ExportError) return { code: err.code, message: err.message };
  return { code: "internal", message: "the export failed on our side; try again" };
}
