import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { ROLES } from "../../../shared/roles";
import { MAIN, projectHistory } from "../../../workflows/git/publish";
import type { ErrorJson } from "../../helpers/api";
import { call, newSession, postJson } from "../../helpers/api";
import { fakeRepo, nthOutcome, raceNextRefUpdate, seedRepo, setFakeRef } from "../../helpers/github";
import { startProject } from "../../helpers/projects";

/** One generated project; its owner stores a token for the fake GitHub user "alice". */
let project: { id: string; token: string; auth: Record<string, string>; head: string };
let exports = 0;

beforeAll(async () => {
  const session = await newSession();
  const run = await startProject(session.auth, { prompt: "An online store for handmade candles", model: "blueprint" });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  const head = (await env.PROJECTS.getByName(run.id).gitRef(MAIN)) ?? "";
  project = { id: run.id, token: session.token, auth: session.auth, head };
  await storeToken(session.auth, "ghp_user_alice_0123456789abcdef");
}, 120_000);

async function storeToken(auth: Record<string, string>, token: string) {
  const res = await call("/api/account/keys/github", {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ apiKey: token }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ provider: "github", last4: token.slice(-4) });
}

/** Starts an export and waits for its outcome event. */
async function exportTo(body: Record<string, unknown>) {
  const res = await postJson(`/api/projects/${project.id}/github`, body, project.auth);
  expect(res.status).toBe(202);
  exports += 1;
  return nthOutcome(project.id, project.token, exports);
}

const uniqueRepo = (owner = "alice") => `${owner}/${randomId("app").replace("_", "-")}`;

describe("POST /api/projects/:id/github", () => {
  it("creates a missing repository and pushes the five role commits with the clone's ids, authors and files", async () => {
    const repo = uniqueRepo();
    const { outcome, events } = await exportTo({ repo });
    expect(outcome).toMatchObject({ status: "pushed", repo, branch: "main", created: true, diverged: false, commit: project.head });
    if (outcome.status !== "pushed") throw new Error("not pushed");
    expect(outcome.url).toBe(`https://github.test/${repo}/tree/main`);
    expect(events.filter((e) => e.status === "running").map((e) => e.status === "running" && e.phase)).toEqual([
      "repository",
      "objects",
      "ref",
    ]);

    const remote = await fakeRepo(repo);
    expect(remote.private).toBe(true);
    expect(remote.refs["refs/heads/main"]).toBe(project.head);
    const chain: string[] = [];
    for (let sha: string | undefined = project.head; sha; ) {
      const commit = remote.commits.find((c) => c.sha === sha);
      if (!commit) throw new Error(`commit ${sha} missing on GitHub`);
      chain.unshift(commit.author.split(" <")[0] ?? "");
      sha = commit.parents[0];
    }
    // GitHub's README commit was replaced, not built upon: the history starts at the architect.
    expect(chain).toEqual(
      ROLES.map(
        (r) =>
          `${{ architect: "Architect", backend: "Backend", frontend: "Frontend", devops: "DevOps", security: "Security" }[r]} (AUTOCREA)`,
      ),
    );
    const history = await projectHistory(env, project.id);
    const blobs = [...history.objects.values()].filter((o) => o.type === "blob").map((o) => o.id);
    for (const id of blobs) expect(Object.keys(remote.blobs)).toContain(id);
  });

  it("finds an export already there up to date, and fast-forwards a branch holding an earlier part of the history", async () => {
    const repo = uniqueRepo();
    await exportTo({ repo });
    const again = await exportTo({ repo });
    expect(again.outcome).toMatchObject({ status: "pushed", branch: "main", upToDate: true, created: false });
    const history = await projectHistory(env, project.id);
    const backend = history.commits[1]?.id ?? "";
    await setFakeRef(repo, "refs/heads/main", backend);
    const forward = await exportTo({ repo });
    expect(forward.outcome).toMatchObject({ status: "pushed", branch: "main", upToDate: false, diverged: false });
    expect((await fakeRepo(repo)).refs["refs/heads/main"]).toBe(project.head);
  });

  it("never forces over commits someone else pushed: the history goes to autocrea/<run> instead", async () => {
    const repo = uniqueRepo();
    await seedRepo(repo, { foreign: "main" });
    const before = (await fakeRepo(repo)).refs["refs/heads/main"];
    const { outcome } = await exportTo({ repo });
    expect(outcome).toMatchObject({ status: "pushed", branch: "autocrea/r1", diverged: true, created: false });
    const remote = await fakeRepo(repo);
    expect(remote.refs["refs/heads/main"]).toBe(before);
    expect(remote.refs["refs/heads/autocrea/r1"]).toBe(project.head);
  });

  it("goes to autocrea/<run> when the branch moves between the look and the update (422)", async () => {
    const repo = uniqueRepo();
    await exportTo({ repo });
    const history = await projectHistory(env, project.id);
    await setFakeRef(repo, "refs/heads/main", history.commits[2]?.id ?? "");
    await raceNextRefUpdate(repo, "main");
    const { outcome } = await exportTo({ repo });
    expect(outcome).toMatchObject({ status: "pushed", branch: "autocrea/r1", diverged: true });
    const remote = await fakeRepo(repo);
    expect(remote.refs["refs/heads/main"]).not.toBe(project.head);
    expect(remote.commits.find((c) => c.sha === remote.refs["refs/heads/main"])?.message).toBe("Pushed meanwhile\n");
  });

  it("gives an empty repository (409 on the Git Data API) a first commit, then replaces it with the history", async () => {
    const repo = uniqueRepo();
    await seedRepo(repo, { empty: true });
    const { outcome } = await exportTo({ repo, branch: "main" });
    expect(outcome).toMatchObject({ status: "pushed", branch: "main", diverged: false });
    expect((await fakeRepo(repo)).refs["refs/heads/main"]).toBe(project.head);
  });

  it("creates the repository in an organisation, on the branch asked for", async () => {
    const repo = uniqueRepo("acme");
    const { outcome } = await exportTo({ repo, branch: "generated/v1", private: false });
    expect(outcome).toMatchObject({ status: "pushed", branch: "generated/v1", created: true });
    const remote = await fakeRepo(repo);
    expect(remote.private).toBe(false);
    expect(remote.refs["refs/heads/generated/v1"]).toBe(project.head);
  });

  it("reports a revoked token (401) and a used-up rate limit (403) as failed events that say what to do", async () => {
    await storeToken(project.auth, "ghp_revoked_000000000000abcd");
    const revoked = await exportTo({ repo: uniqueRepo() });
    expect(revoked.outcome).toMatchObject({ status: "failed", code: "github_unauthorized" });
    if (revoked.outcome.status === "failed") expect(revoked.outcome.message).toContain("PUT /api/account/keys/github");
    await storeToken(project.auth, "ghp_limited_000000000000abcd");
    const limited = await exportTo({ repo: uniqueRepo() });
    expect(limited.outcome).toMatchObject({ status: "failed", code: "github_rate_limited" });
    if (limited.outcome.status === "failed") expect(limited.outcome.message).toContain("2026-01-01T01:00:00.000Z");
    // No event, failed or not, ever carries the token.
    const all = JSON.stringify(await nthOutcome(project.id, project.token, exports));
    expect(all).not.toContain("ghp_");
    await storeToken(project.auth, "ghp_user_alice_0123456789abcdef");
  });

  it("refuses before starting: no token, a bad repository name, someone else's project, an unfinished project", async () => {
    const other = await newSession();
    const noToken = await postJson(`/api/projects/${project.id}/github`, { repo: "alice/x" }, other.auth);
    expect(noToken.status).toBe(404);
    const own = randomId("prj");
    await env.PROJECTS.getByName(own).create({ id: own, accountId: other.accountId, name: "Unfinished", prompt: "x", model: "blueprint" });
    const unfinished = await postJson(`/api/projects/${own}/github`, { repo: "alice/x" }, other.auth);
    expect(unfinished.status).toBe(409);
    const bad = await postJson(`/api/projects/${project.id}/github`, { repo: "not a repo" }, project.auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.field).toBe("repo");
    await call("/api/account/keys/github", { method: "DELETE", headers: project.auth });
    const missing = await postJson(`/api/projects/${project.id}/github`, { repo: "alice/x" }, project.auth);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorJson).error.code).toBe("github_token_missing");
    await storeToken(project.auth, "ghp_user_alice_0123456789abcdef");
  });
});
