import { z } from "zod";

/**
 * The slice of GitHub's REST API an export needs, over fetch. `GITHUB_API_BASE` moves it (a fake
 * in the tests, `https://<host>/api/v3` for GitHub Enterprise). Failures become `GitHubError`s
 * whose code says what the user can do about them.
 */

export type GitHubErrorCode =
  | "github_unauthorized"
  | "github_rate_limited"
  | "github_forbidden"
  | "github_not_found"
  | "github_empty_repository"
  | "github_unprocessable"
  | "github_unavailable";

export class GitHubError extends Error {
  override readonly name = "GitHubError";
  constructor(
    readonly code: GitHubErrorCode,
    readonly status: number,
    message: string,
    /** When GitHub's rate limit resets (ISO 8601), for `github_rate_limited`. */
    readonly resetAt?: string,
  ) {
    super(message);
  }
}

const messageSchema = z.object({ message: z.string() }).loose();

export class GitHubClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    let res: Response;
    try {
      res = await fetch(`${this.base.replace(/\/+$/, "")}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
          // GitHub refuses requests without a User-Agent.
          "user-agent": "AUTOCREA",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new GitHubError(
        "github_unavailable",
        0,
        `GitHub could not be reached: ${err instanceof Error ? err.message : "network error"}`,
      );
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw toError(res, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GitHubError("github_unavailable", res.status, `GitHub answered ${method} ${path} with an unexpected body`);
    return parsed.data;
  }

  /** Like `request`, but a 404 is null (a repository or a branch that does not exist yet). */
  async optional<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S> | null> {
    try {
      return await this.request(method, path, schema, body);
    } catch (err) {
      if (err instanceof GitHubError && err.code === "github_not_found") return null;
      throw err;
    }
  }
}

function toError(res: Response, json: unknown): GitHubError {
  const said = messageSchema.safeParse(json);
  const message = said.success ? said.data.message : `${res.status} ${res.statusText}`;
  const remaining = res.headers.get("x-ratelimit-remaining");
  const reset = Number(res.headers.get("x-ratelimit-reset"));
  if ((res.status === 403 || res.status === 429) && (remaining === "0" || res.headers.has("retry-after"))) {
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : undefined;
    const when = resetAt ? ` until ${resetAt}` : "";
    return new GitHubError(
      "github_rate_limited",
      res.status,
      `GitHub's rate limit for this token is used up${when}: try again then`,
      resetAt,
    );
  }
  switch (res.status) {
    case 401:
      return new GitHubError(
        "github_unauthorized",
        401,
        `GitHub refused the token (${message}): store a new one with PUT /api/account/keys/github`,
      );
    case 403:
      return new GitHubError(
        "github_forbidden",
        403,
        `GitHub refused the request (${message}): the token needs write access to the repository`,
      );
    case 404:
      return new GitHubError("github_not_found", 404, `GitHub says not found (${message})`);
    case 409:
      return new GitHubError("github_empty_repository", 409, `GitHub refused the request (${message})`);
    case 422:
      return new GitHubError("github_unprocessable", 422, `GitHub refused the request (${message})`);
    default:
      return new GitHubError("github_unavailable", res.status, `GitHub answered ${res.status} (${message})`);
  }
}
