/// <reference types="vite/client" />
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFiles } from "../../../workflows/files/parser";
import { planSchema } from "../../../workflows/plan";
import { ROLES } from "../../../shared/roles";
import type { ProjectEvent } from "../../../shared/protocol";
import { call, newSession } from "../../helpers/api";
import { recorded, unique } from "../../helpers/models";
import { getProject, startProject } from "../../helpers/projects";
import { connect } from "../../helpers/sockets";

const script = import.meta.glob<string>("../../fixtures/fake-project/*", { query: "?raw", import: "default", eager: true });
const answer = (name: string): string => {
  const text = script[`../../fixtures/fake-project/${name}`];
  if (text === undefined) throw new Error(`no fake answer ${name}`);
  return text;
};

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the fake wrote, role after role (a later role's version of a path wins). */
function expectedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of ["backend.txt", "backend-repair.txt", "frontend.md", "devops.md", "security.txt"]) {
    for (const file of parseFiles(answer(name))) files.set(file.path, file.content);
  }
  return files;
}

describe("a generation through joxcoder against the fake Hugging Face endpoint", () => {
  it("writes exactly the fake's files, repaired where they were broken, with the security role's fixes in place", async () => {
    const { auth } = await newSession();
    // No `model`: with JOXCODER_ENDPOINT_URL set, joxcoder is the default.
    const run = await startProject(auth, { prompt: "Una app de notas rápidas" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view).toMatchObject({ status: "completed", model: "joxcoder" });
    expect(view.problems).toBeUndefined();
    expect(view.steps.map((s) => [s.role, s.status, s.attempt])).toEqual(ROLES.map((r) => [r, "done", 1]));
    // Usage is the server's own count: 50/25 per answer; the architect was re-asked once and the
    // backend asked once more for its missing and broken files.
    const twice = { promptTokens: 100, completionTokens: 50 };
    const once = { promptTokens: 50, completionTokens: 25 };
    expect(view.steps.map((s) => s.usage)).toEqual([twice, twice, once, once, once]);

    const expected = expectedFiles();
    const paths = view.files.map((f) => f.path).sort();
    expect(paths).toEqual([...expected.keys(), "docs/architecture.json"].sort());
    const read = async (path: string) => (await call(`/api/projects/${run.id}/files/${path}`, { headers: auth })).text();
    for (const [path, content] of expected) {
      if (path === "SECURITY_AUDIT.md") continue;
      expect(await read(path), path).toBe(content);
    }
    // The auditor's versions replaced the originals.
    expect(await read("src/server.js")).not.toContain("eval(");
    expect(await read("public/app.js")).toContain("textContent");
    expect(view.files.find((f) => f.path === "src/server.js")?.role).toBe("security");
    // The plan is the fake's second (valid) answer.
    const plan = planSchema.parse(JSON.parse(await read("docs/architecture.json")));
    expect(plan.slug).toBe("notas-rapidas");
    expect(view.name).toBe("Notas Rápidas");

    // SECURITY_AUDIT.md: the auditor's report, then the scanner's findings and what became of them.
    const audit = await read("SECURITY_AUDIT.md");
    expect(audit.startsWith((expected.get("SECURITY_AUDIT.md") ?? "").trimEnd())).toBe(true);
    expect(audit).toContain("## Análisis automático");
    for (const finding of ["eval() or new Function()", "SQL built by string concatenation", "innerHTML (or document.write)"]) {
      expect(audit).toMatch(new RegExp(`${finding.replace(/[()]/g, "\\$&")}.*\\| corregido \\|`));
    }
    expect(audit).not.toContain("sigue presente");

    // The auditor's prompt carried the scanner's findings.
    const securityCall = (await recorded("You are the security auditor")).find((r) => r.text.includes("Una app de notas rápidas"));
    expect(securityCall?.text).toContain("Automated scanner findings");
    expect(securityCall?.text).toMatch(/\[high\] src\/server\.js:\d+ \(eval\)/);

    // Files appeared live, as their blocks closed, and deltas were streamed.
    const events = await history(run.id, auth);
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(5);
    const audits = events.filter((e) => e.type === "file" && e.path === "SECURITY_AUDIT.md");
    expect(audits).toHaveLength(1);
  });

  it("fails at once with what to fix when the endpoint rejects the token", async () => {
    const { auth } = await newSession();
    const run = await startProject(auth, { prompt: `Una app [[fake:unauthorized:${unique()}]]` });
    try {
      await run.instance.waitForStatus("errored");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("failed");
    expect(view.error).toMatchObject({ role: "architect", code: "model_auth" });
    expect(view.error?.message).toContain("HF_TOKEN");
    // Permanent: the step was not retried.
    expect(view.steps[0]).toMatchObject({ status: "failed", attempt: 1 });
  });

  it("hands over to the user's own OpenAI key when JoxCoder fails, and says so in the events", async () => {
    const { auth } = await newSession();
    const userKey = `sk-user-${unique()}-0123456789`;
    const put = await call("/api/account/keys/openai", {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ apiKey: userKey }),
    });
    expect(put.status).toBe(200);
    const marker = `[[fake:hf-unauthorized:${unique()}]]`;
    const run = await startProject(auth, { prompt: `Una app de notas rápidas ${marker}` });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    const view = await getProject(run.id, auth);
    expect(view.status).toBe("completed");
    const events = await history(run.id, auth);
    const switches = events.filter((e) => e.type === "model");
    expect(switches.map((e) => e.type === "model" && [e.role, e.from, e.to])).toEqual(ROLES.map((r) => [r, "joxcoder", "openai"]));
    expect(switches[0]).toMatchObject({ reason: expect.stringContaining("JoxCoder rejected the API key") });
    const calls = await recorded(marker);
    // The user's key went to OpenAI's base URL only; JoxCoder got the deployment's token.
    for (const c of calls) {
      if (c.provider === "openai") expect(c.authorization).toBe(`Bearer ${userKey}`);
      else expect(c.authorization ?? "").not.toContain(userKey);
    }
    expect(calls.some((c) => c.provider === "openai")).toBe(true);
    // Only the architect tried JoxCoder; later roles started on the replacement and said so.
    expect(calls.filter((c) => c.provider === "hf")).toHaveLength(1);
    expect(switches[1]).toMatchObject({ reason: expect.stringContaining("earlier step") });
  });
});

async function history(id: string, auth: Record<string, string>): Promise<ProjectEvent[]> {
  const token = auth.authorization?.replace("Bearer ", "") ?? "";
  const res = await call(`/api/projects/${id}/events?after=0&token=${token}`, { headers: { Upgrade: "websocket" } });
  const viewer = await connect(res);
  const deadline = Date.now() + 5_000;
  while (
    !viewer.messages.some((m) => m.type === "status" && (m.status === "completed" || m.status === "failed")) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  viewer.close();
  return viewer.messages.filter((m): m is ProjectEvent => m.type !== "snapshot");
}
