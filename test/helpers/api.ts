import { exports } from "cloudflare:workers";

export const BASE = "http://local";

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, init);
}

export async function newSession(): Promise<{ token: string; accountId: string; auth: Record<string, string> }> {
  const res = await call("/api/session", { method: "POST" });
  if (res.status !== 201) throw new Error(`session: ${res.status}`);
  const body: { token: string; accountId: string } = await res.json();
  return { ...body, auth: { authorization: `Bearer ${body.token}` } };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface ErrorJson {
  error: { code: string; message: string; field?: string };
}
