import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../workers/app";
import { BASE, call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { finishedProject, galleryIds, setVisibility } from "../../helpers/community";

const report = (id: string, auth: Record<string, string>, reason = "contenido ofensivo") =>
  postJson(`/api/projects/${id}/report`, { reason }, auth);

/** A request as an admin: the same Worker, with ADMIN_ACCOUNTS naming this account. */
async function asAdmin(path: string, method = "POST") {
  const admin = await newSession();
  return app.request(
    `${BASE}${path}`,
    { method, headers: admin.auth },
    { ...env, ADMIN_ACCOUNTS: `acc_${"x".repeat(20)}, ${admin.accountId}` },
  );
}

async function publicProject() {
  const project = await finishedProject();
  await setVisibility(project.id, project.auth, "public");
  return project;
}

describe("reports", () => {
  it(`take a project out of the gallery after REPORTS_TO_HIDE (3) distinct reporters, and only then`, async () => {
    const { id, word } = await publicProject();
    const first = await newSession();
    expect((await report(id, first.auth)).status).toBe(202);
    // The same reporter again counts once.
    expect((await report(id, first.auth)).status).toBe(202);
    expect((await report(id, (await newSession()).auth)).status).toBe(202);
    expect(await galleryIds(word)).toEqual([id]);
    expect((await report(id, (await newSession()).auth)).status).toBe(202);
    expect(await galleryIds(word)).toEqual([]);
    // Hidden from the gallery only: its page stays until an admin decides.
    expect((await call(`/p/${id}`)).status).toBe(200);
  });

  it("need an account, a reason, a project the reporter can see, and someone else's project", async () => {
    const { id, auth } = await publicProject();
    const other = await newSession();
    expect((await report(id, {})).status).toBe(401);
    const noReason = await report(id, other.auth, "");
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as ErrorJson).error.field).toBe("reason");
    const own = await report(id, auth);
    expect(own.status).toBe(400);
    expect(((await own.json()) as ErrorJson).error.code).toBe("own_project");
    const hidden = await finishedProject();
    expect((await report(hidden.id, other.auth)).status).toBe(404);
  });
});

describe("admins", () => {
  it("restore a hidden project to the gallery; new reports are needed to hide it again", async () => {
    const { id, word } = await publicProject();
    for (let i = 0; i < 3; i++) await report(id, (await newSession()).auth);
    expect(await galleryIds(word)).toEqual([]);
    const restored = await asAdmin(`/api/admin/projects/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(await galleryIds(word)).toEqual([id]);
    await report(id, (await newSession()).auth);
    expect(await galleryIds(word)).toEqual([id]);
  });

  it("list what is hidden, with the reasons given", async () => {
    const { id } = await publicProject();
    for (const reason of ["spam", "estafa", "ofensivo"]) await report(id, (await newSession()).auth, `es ${reason}`);
    const list = (await (await asAdmin("/api/admin/reports", "GET")).json()) as {
      projects: Array<{ id: string; reports: Array<{ reason: string }> }>;
    };
    const entry = list.projects.find((p) => p.id === id);
    expect(entry?.reports.map((r) => r.reason).sort()).toEqual(["es estafa", "es ofensivo", "es spam"]);
  });

  it("remove a project: out of the gallery, its page closed, and it cannot be published again until restored", async () => {
    const { id, auth, word } = await publicProject();
    const removed = await asAdmin(`/api/admin/projects/${id}/remove`);
    expect(removed.status).toBe(200);
    expect(await galleryIds(word)).toEqual([]);
    expect((await call(`/p/${id}`)).status).toBe(404);
    const again = await setVisibility(id, auth, "public");
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorJson).error.code).toBe("project_removed");
    const owner = (await (await call(`/api/projects/${id}/community`, { headers: auth })).json()) as { publication: unknown };
    expect(owner.publication).toMatchObject({ visibility: "private", requested: "public", hold: { code: "removed" } });

    // Restoring brings it back as its owner last asked.
    expect((await asAdmin(`/api/admin/projects/${id}/restore`)).status).toBe(200);
    expect(await galleryIds(word)).toEqual([id]);
    expect((await call(`/p/${id}`)).status).toBe(200);
  });

  it("are only the accounts in ADMIN_ACCOUNTS", async () => {
    const { id } = await publicProject();
    const someone = await newSession();
    const res = await call(`/api/admin/projects/${id}/remove`, { method: "POST", headers: someone.auth });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe("forbidden");
    expect((await call(`/api/admin/projects/${id}/remove`, { method: "POST" })).status).toBe(401);
    expect((await call(`/p/${id}`)).status).toBe(200);
  });
});
