import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { call, postJson } from "../../helpers/api";

const COOKIE = "__Host-autocrea_session";

async function loginLink(): Promise<{ accountId: string; code: string }> {
  const accountId = randomId("acc");
  const code = await env.ACCOUNTS.getByName(accountId).issueLoginCode(accountId, 300);
  return { accountId, code };
}

/**
 * Follows a sign-in link as a browser does: the page, then its button's same-origin POST. Returns
 * where the POST redirects and the cookie pair it sets, if any.
 */
async function openLink(
  code: string,
): Promise<{ status: number; location: string | null; setCookie: string | null; cookie: string | null }> {
  const page = await call(`/auth/console?code=${encodeURIComponent(code)}`, { redirect: "manual" });
  if (page.status !== 200) return { status: page.status, location: page.headers.get("location"), setCookie: null, cookie: null };
  const res = await call("/auth/console", {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams({ code }).toString(),
  });
  const setCookie = res.headers.get("set-cookie");
  const cookie = setCookie?.split(";")[0] ?? null;
  return { status: res.status, location: res.headers.get("location"), setCookie, cookie };
}

describe("console sign-in link", () => {
  it("only shows a page on GET: the code is spent by its same-origin POST, never by a link preview", async () => {
    const { code } = await loginLink();
    const page = await call(`/auth/console?code=${encodeURIComponent(code)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/auth/console">');
    expect(html).not.toContain("<script");
    // Another site posting the code into this browser is refused, and the code survives it.
    const forged = await call("/auth/console", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ code }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await openLink(code)).status).toBe(303);
  });

  it("spends the code, sets an HttpOnly Secure SameSite cookie that expires in minutes, and lands on the console", async () => {
    const { code } = await loginLink();
    const { status, location, setCookie, cookie } = await openLink(code);
    expect(status).toBe(303);
    expect(location).toBe("/");
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=acc_[a-z2-9]{20}\\.[0-9a-f]{64};`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    const maxAge = Number(setCookie?.match(/Max-Age=(\d+)/)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(2 * 60 * 60);

    const res = await call("/api/projects", { headers: { cookie: cookie ?? "" } });
    expect(res.status).toBe(200);
  });

  it("works once: a second use, a forged or an expired code land on the console signed out", async () => {
    const { code } = await loginLink();
    expect((await openLink(code)).cookie).not.toBeNull();
    const again = await openLink(code);
    expect(again).toMatchObject({ status: 303, location: "/?signin=expired", setCookie: null });

    const { accountId } = await loginLink();
    const forged = await openLink(`${accountId}.${"0".repeat(64)}`);
    expect(forged).toMatchObject({ location: "/?signin=expired", setCookie: null });
    expect((await openLink("nonsense")).setCookie).toBeNull();

    const expiredId = randomId("acc");
    const expired = await env.ACCOUNTS.getByName(expiredId).issueLoginCode(expiredId, -1);
    expect((await openLink(expired)).setCookie).toBeNull();
  });

  it("ends the session's token on the server when the cookie expires", async () => {
    const { accountId, code } = await loginLink();
    const { cookie } = await openLink(code);
    const secret = cookie?.split(".")[1] ?? "";
    await env.ACCOUNTS.getByName(accountId).expireToken(secret, -1);
    expect((await call("/api/projects", { headers: { cookie: cookie ?? "" } })).status).toBe(401);
    // The same token as a Bearer header is refused too: expiry belongs to the token.
    expect((await call("/api/projects", { headers: { authorization: `Bearer ${accountId}.${secret}` } })).status).toBe(401);
  });

  it("refuses the cookie on cross-site writes and WebSocket upgrades, not on same-origin ones", async () => {
    const { code } = await loginLink();
    const { cookie } = await openLink(code);
    const headers = { cookie: cookie ?? "" };
    const cross = await postJson("/api/projects", {}, { ...headers, "sec-fetch-site": "cross-site" });
    expect(cross.status).toBe(403);
    const foreignOrigin = await postJson("/api/projects", {}, { ...headers, origin: "https://evil.example" });
    expect(foreignOrigin.status).toBe(403);
    // Same origin: past authentication, so the empty body is what gets refused.
    const same = await postJson("/api/projects", {}, { ...headers, "sec-fetch-site": "same-origin" });
    expect(same.status).toBe(400);
    const ws = await call(`/api/projects/${randomId("prj")}/events`, {
      headers: { ...headers, upgrade: "websocket", "sec-fetch-site": "cross-site" },
    });
    expect(ws.status).toBe(403);
    // Reading is harmless and a top-level navigation from the chat is cross-site: allowed.
    expect((await call("/api/projects", { headers: { ...headers, "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("signs out: the cookie is cleared and its token stops working everywhere", async () => {
    const { code } = await loginLink();
    const { cookie } = await openLink(code);
    const res = await call("/auth/logout", { method: "POST", headers: { cookie: cookie ?? "" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`^${COOKIE}=;.*Max-Age=0`));
    expect((await call("/api/projects", { headers: { cookie: cookie ?? "" } })).status).toBe(401);
  });

  it("gives development a sign-in link without a chat", async () => {
    const res = await call("/auth/dev-link", { method: "POST" });
    expect(res.status).toBe(201);
    const body: { url: string } = await res.json();
    const code = new URL(body.url).searchParams.get("code") ?? "";
    expect((await openLink(code)).cookie).not.toBeNull();
  });
});
