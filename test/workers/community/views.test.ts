import { describe, expect, it } from "vitest";
import { call, newSession } from "../../helpers/api";
import { finishedProject, setVisibility } from "../../helpers/community";

async function views(id: string): Promise<number> {
  const info: { views: number } = await (await call(`/p/${id}/community`)).json();
  return info.views;
}

describe("views", () => {
  it("count one account or one anonymous visitor per project and day; the owner's visits are not views", async () => {
    const { id, auth } = await finishedProject();
    await setVisibility(id, auth, "public");
    const visit = (headers: Record<string, string>) => call(`/p/${id}`, { headers });
    await visit({ "cf-connecting-ip": "203.0.113.7" });
    await visit({ "cf-connecting-ip": "203.0.113.7" });
    expect(await views(id)).toBe(1);
    await visit({ "cf-connecting-ip": "198.51.100.2" });
    expect(await views(id)).toBe(2);
    const reader = await newSession();
    await visit({ ...reader.auth, "cf-connecting-ip": "203.0.113.7" });
    await visit(reader.auth);
    expect(await views(id)).toBe(3);
    await visit(auth);
    expect(await views(id)).toBe(3);
  });

  it("never store an address: anonymous visitors are kept as salted hashes", async () => {
    const { env } = await import("cloudflare:workers");
    const { id, auth } = await finishedProject();
    await setVisibility(id, auth, "unlisted");
    await call(`/p/${id}`, { headers: { "cf-connecting-ip": "192.0.2.55" } });
    const rows = await env.DB.prepare("SELECT viewer FROM daily_views WHERE project_id = ?1").bind(id).all<{ viewer: string }>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]?.viewer).toMatch(/^anon:[0-9a-f]{64}$/);
    expect(JSON.stringify(rows.results)).not.toContain("192.0.2.55");
  });
});
