import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { app } from "../../../workers/app";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";

describe("authentication", () => {
  it("issues development sessions and refuses requests without a valid token", async () => {
    const { token, accountId } = await newSession();
    expect(token.startsWith(`${accountId}.`)).toBe(true);
    const missing = await call("/api/projects");
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as ErrorJson).error.code).toBe("unauthorized");
    const forged = await call("/api/projects", { headers: { authorization: `Bearer ${accountId}.${"0".repeat(64)}` } });
    expect(forged.status).toBe(401);
    const garbage = await call("/api/projects", { headers: { authorization: "Bearer nope" } });
    expect(garbage.status).toBe(401);
    const ok = await call("/api/projects", { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });

  it("accepts ?token= only on WebSocket upgrades", async () => {
    const { token } = await newSession();
    expect((await call(`/api/projects?token=${token}`)).status).toBe(401);
  });

  it("has no development session route in production", async () => {
    const res = await app.request("/api/session", { method: "POST" }, { ...env, ENVIRONMENT: "production" });
    expect(res.status).toBe(404);
  });
});

describe("POST /api/projects: bad input gets a clear error", () => {
  it.each([
    [{}, 400, "prompt"],
    [{ prompt: "" }, 400, "prompt"],
    [{ prompt: "   " }, 400, "prompt"],
    [{ prompt: 42 }, 400, "prompt"],
    [{ prompt: "x", name: "" }, 400, "name"],
    [{ prompt: "x", model: "gpt-9000" }, 400, "model"],
    [{ prompt: "x".repeat(4001) }, 413, "prompt"],
  ])("%j -> %i naming %s", async (body, status, field) => {
    const { auth } = await newSession();
    const res = await postJson("/api/projects", body, auth);
    expect(res.status).toBe(status);
    const json = (await res.json()) as ErrorJson;
    expect(json.error.field).toBe(field);
    expect(json.error.message).toContain(field);
  });

  it("rejects a body that is not JSON, and one too large to read", async () => {
    const { auth } = await newSession();
    const notJson = await postJson("/api/projects", "{oops", auth);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorJson).error.code).toBe("invalid_json");
    const huge = await postJson("/api/projects", { prompt: "x".repeat(70_000) }, auth);
    expect(huge.status).toBe(413);
  });

  it("answers unknown routes and other accounts' projects with 404", async () => {
    const owner = await newSession();
    const other = await newSession();
    const created = await postJson("/api/projects", { prompt: "una app de notas", model: "blueprint" }, owner.auth);
    const { id } = (await created.json()) as { id: string };
    for (const path of [`/api/projects/${id}`, `/api/projects/${id}/zip`, `/api/projects/${id}/files/README.md`]) {
      const res = await call(path, { headers: other.auth });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorJson).error.code).toBe("not_found");
    }
    expect((await call("/api/projects/prj_doesnotexist", { headers: owner.auth })).status).toBe(404);
    expect((await call("/api/nope", { headers: owner.auth })).status).toBe(404);
  });
});

describe("paths and logs", () => {
  it("answers a malformed %-escape in a file path with 404, not 500", async () => {
    const { auth } = await newSession();
    const created = await postJson("/api/projects", { prompt: "una app de notas", model: "blueprint" }, auth);
    const { id } = (await created.json()) as { id: string };
    for (const bad of ["%", "%E0%A4%A", "a%zz"]) {
      expect((await call(`/api/projects/${id}/files/${bad}`, { headers: auth })).status).toBe(404);
    }
  });

  it("never logs the token of an old-style ZIP link either", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    const token = "f".repeat(48);
    try {
      await call(`/dl/prj_${"a".repeat(20)}/${token}`);
    } finally {
      spy.mockRestore();
    }
    const request = lines.find((l) => l.includes('"event":"request"') && l.includes("/dl/"));
    expect(request).toContain('"path":"/dl/prj_aaaaaaaaaaaaaaaaaaaa/:token"');
    expect(lines.join("\n")).not.toContain(token);
  });
});
