import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, newSession } from "../../helpers/api";
import { downloadZip } from "../../helpers/downloads";
import { startProject } from "../../helpers/projects";

const HOUR_MS = 3_600_000;
const problem = (res: Response) => res.headers.get("x-autocrea-problem");

/** A finished project owned by an API session, and the chat's ZIP link to it. */
let owner: Record<string, string>;
let id: string;

beforeAll(async () => {
  const session = await newSession();
  owner = session.auth;
  const run = await startProject(owner, { prompt: "una app de notas", model: "blueprint" });
  try {
    await run.instance.waitForStatus("complete");
  } finally {
    await run.dispose();
  }
  id = run.id;
});

const room = () => env.PROJECTS.getByName(id);

/** Moves the live link's expiry, as time passing would. */
async function setExpiry(expiresAt: number): Promise<void> {
  await runInDurableObject(room(), (_instance, state) => {
    state.storage.sql.exec("UPDATE download_links SET expires_at = ?", expiresAt);
  });
}

describe("chat ZIP links: /dl/<id>#<token>", () => {
  it("opens a page with a plain GET that carries no token, whose form POSTs the token for the ZIP", async () => {
    const { token } = await room().downloadLink();
    const page = await call(`/dl/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain(`<form id="download" method="post" action="/dl/${id}">`);
    expect(html).toContain('<script src="/download.js" defer></script>');
    expect(html).not.toContain(token);
    const zip = await downloadZip(`/dl/${id}`, token);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.zip"$/);
    expect(Object.keys((await JSZip.loadAsync(await zip.arrayBuffer())).files)).toContain("README.md");
  });

  it("keeps the token out of every logged line", async () => {
    const { token } = await room().downloadLink();
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      await call(`/dl/${id}`);
      await downloadZip(`/dl/${id}`, token);
    } finally {
      spy.mockRestore();
    }
    expect(lines.filter((l) => l.includes('"event":"request"'))).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(token);
  });

  it("works for DOWNLOAD_LINK_TTL_HOURS (72 by default), then answers 410 until /estado renews it", async () => {
    const { token, expiresAt } = await room().downloadLink();
    expect(Math.abs(expiresAt - Date.now() - 72 * HOUR_MS)).toBeLessThan(60_000);
    await setExpiry(Date.now() - 1);
    const expired = await downloadZip(`/dl/${id}`, token);
    expect(expired.status).toBe(410);
    expect(problem(expired)).toBe("expired");
    expect(await expired.text()).toContain("/estado");
    // Renewing an expired link makes a new one: the old token never comes back.
    const renewed = await room().downloadLink({ renew: true });
    expect(renewed.token).not.toBe(token);
    expect((await downloadZip(`/dl/${id}`, renewed.token)).status).toBe(200);
    expect((await downloadZip(`/dl/${id}`, token)).status).toBe(404);
  });

  it("extends a live link when renewed, keeping its token", async () => {
    const { token } = await room().downloadLink();
    await setExpiry(Date.now() + HOUR_MS);
    const renewed = await room().downloadLink({ renew: true });
    expect(renewed.token).toBe(token);
    expect(renewed.expiresAt - Date.now()).toBeGreaterThan(71 * HOUR_MS);
  });

  it("dies when the owner revokes the project's share links; a new share link alone does not kill it", async () => {
    const { token } = await room().downloadLink();
    expect((await call(`/api/projects/${id}/share`, { method: "POST", headers: owner })).status).toBe(201);
    expect((await downloadZip(`/dl/${id}`, token)).status).toBe(200);
    expect((await call(`/api/projects/${id}/share`, { method: "DELETE", headers: owner })).status).toBe(204);
    const revoked = await downloadZip(`/dl/${id}`, token);
    expect(revoked.status).toBe(404);
    expect(problem(revoked)).toBe("unknown");
    const fresh = await room().downloadLink({ renew: true });
    expect(fresh.token).not.toBe(token);
    expect((await downloadZip(`/dl/${id}`, fresh.token)).status).toBe(200);
  });

  it("refuses malformed tokens and ids, and says old-style links no longer work", async () => {
    expect((await downloadZip(`/dl/${id}`, "")).status).toBe(404);
    expect((await downloadZip(`/dl/${id}`, "x".repeat(5000))).status).toBe(413);
    expect((await call("/dl/not-a-project")).status).toBe(404);
    const old = await call(`/dl/${id}/${"a".repeat(48)}`);
    expect(old.status).toBe(410);
    expect(problem(old)).toBe("old_link");
  });
});
