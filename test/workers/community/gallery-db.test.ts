import { env } from "cloudflare:workers";
import { applyD1Migrations } from "cloudflare:test";
import type { D1Migration } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { addClone, addRemix, addStar } from "../../../workers/community/counters";
import { decodeCursor, encodeCursor } from "../../../workers/community/cursor";
import type { GallerySort } from "../../../workers/community/cursor";
import { listGallery, setListedVisibility, upsertListing } from "../../../workers/community/gallery-db";
import type { Listing } from "../../../workers/community/gallery-db";
import { ftsQuery } from "../../../workers/community/search";

/** A word no other test uses, so each test's searches see only its own entries. */
const tag = () => `t${randomId("x", 10).slice(2)}`;

function listing(word: string, extra: Partial<Listing> = {}): Listing {
  return {
    projectId: randomId("prj"),
    accountId: randomId("acc"),
    author: "Ana",
    name: `Proyecto ${word}`,
    summary: "Una app",
    idea: `una app ${word}`,
    language: "JavaScript",
    model: "blueprint",
    files: 12,
    visibility: "public",
    parentId: null,
    ...extra,
  };
}

async function all(sort: GallerySort, q: string, limit = 2) {
  const ids: string[] = [];
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const result = await listGallery(env.DB, { sort, q, cursor, limit });
    ids.push(...result.entries.map((e) => e.id));
    if (!result.next) return ids;
    cursor = decodeCursor(result.next);
  }
  throw new Error("paging did not end");
}

describe("D1 migrations", () => {
  it("create the gallery, its full-text index and the counter tables, and a second apply changes nothing", async () => {
    const names = (await env.DB.prepare("SELECT name FROM sqlite_master").all<{ name: string }>()).results.map((r) => r.name);
    for (const table of ["gallery", "gallery_fts", "stars", "reports", "daily_views", "view_salts", "remixes", "clone_counts", "authors"]) {
      expect(names).toContain(table);
    }
    const applied = await env.DB.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>();
    const migrations: D1Migration[] = Reflect.get(env, "TEST_D1_MIGRATIONS");
    await applyD1Migrations(env.DB, migrations);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>()).toEqual(applied);
  });

  it("keeps the full-text index in step with the rows through triggers", async () => {
    const word = tag();
    const entry = listing(word);
    await upsertListing(env.DB, entry);
    expect((await listGallery(env.DB, { sort: "recent", q: word, cursor: null, limit: 5 })).entries.map((e) => e.id)).toEqual([
      entry.projectId,
    ]);
    const renamed = tag();
    await upsertListing(env.DB, { ...entry, name: `Otro ${renamed}`, idea: "otra cosa" });
    expect((await listGallery(env.DB, { sort: "recent", q: word, cursor: null, limit: 5 })).entries).toEqual([]);
    expect((await listGallery(env.DB, { sort: "recent", q: renamed, cursor: null, limit: 5 })).entries).toHaveLength(1);
    await env.DB.prepare("DELETE FROM gallery WHERE project_id = ?1").bind(entry.projectId).run();
    expect((await listGallery(env.DB, { sort: "recent", q: renamed, cursor: null, limit: 5 })).entries).toEqual([]);
  });
});

describe("gallery search", () => {
  it("finds words in the name, summary and idea, ignoring accents and case, by prefix", async () => {
    const word = tag();
    const a = listing(word, { name: `Reservas para la Peluquería ${word}` });
    const b = listing(word, { summary: `Gestiona CITAS médicas ${word}` });
    const c = listing(word, { idea: `un inventario de ${word}` });
    for (const l of [a, b, c]) await upsertListing(env.DB, l);
    const ids = async (q: string) => (await listGallery(env.DB, { sort: "recent", q, cursor: null, limit: 10 })).entries.map((e) => e.id);
    expect(await ids(`peluqueria ${word}`)).toEqual([a.projectId]);
    expect(await ids(`PELUQ ${word}`)).toEqual([a.projectId]);
    expect(await ids(`medicas ${word}`)).toEqual([b.projectId]);
    expect(await ids(`inventário ${word}`)).toEqual([c.projectId]);
    expect((await ids(word)).sort()).toEqual([a.projectId, b.projectId, c.projectId].sort());
  });

  it("treats operators and quotes as plain words", async () => {
    expect(ftsQuery('a" OR "b NEAR(x) *')).toBe('"a" "or"* "b" "near"* "x"');
    expect(ftsQuery("  ¿?  ")).toBeNull();
    const page = await listGallery(env.DB, { sort: "popular", q: 'x" OR 1=1 --', cursor: null, limit: 5 });
    expect(page.entries).toEqual([]);
    expect((await listGallery(env.DB, { sort: "recent", q: "!!!", cursor: null, limit: 5 })).entries).toEqual([]);
  });

  it("lists only public projects that are neither hidden nor removed", async () => {
    const word = tag();
    const open = listing(word);
    const unlisted = listing(word, { visibility: "unlisted" });
    const wasPublic = listing(word);
    const hidden = listing(word);
    for (const l of [open, unlisted, wasPublic, hidden]) await upsertListing(env.DB, l);
    await setListedVisibility(env.DB, wasPublic.projectId, "private");
    await env.DB.prepare("UPDATE gallery SET hidden = 1 WHERE project_id = ?1").bind(hidden.projectId).run();
    expect(await all("recent", word)).toEqual([open.projectId]);
  });
});

describe("gallery order and paging", () => {
  it("sorts recent by first publication, newest first, and keeps it when a project is republished", async () => {
    const word = tag();
    const first = listing(word);
    const second = listing(word);
    await upsertListing(env.DB, first, 1_000);
    await upsertListing(env.DB, second, 2_000);
    expect(await all("recent", word)).toEqual([second.projectId, first.projectId]);
    await setListedVisibility(env.DB, first.projectId, "private", 3_000);
    await upsertListing(env.DB, first, 4_000);
    expect(await all("recent", word)).toEqual([second.projectId, first.projectId]);
  });

  it("sorts popular by stars x3 + clones + remixes x2", async () => {
    const word = tag();
    const [starred, cloned, remixed, none] = [listing(word), listing(word), listing(word), listing(word)];
    for (const l of [starred, cloned, remixed, none]) await upsertListing(env.DB, l);
    await addStar(env.DB, randomId("acc"), starred.projectId); // 3
    for (let i = 0; i < 4; i++) await addClone(env.DB, cloned.projectId); // 4
    await addRemix(env.DB, remixed.projectId, randomId("prj"), randomId("acc")); // 2
    expect(await all("popular", word)).toEqual([cloned.projectId, starred.projectId, remixed.projectId, none.projectId]);
  });

  it("sorts trending by score with a recency decay: a fresh project beats an older one with more stars", async () => {
    const word = tag();
    const now = Date.now();
    const old = listing(word);
    const fresh = listing(word);
    await upsertListing(env.DB, old, now - 72 * 3_600_000);
    await upsertListing(env.DB, fresh, now - 3_600_000);
    for (let i = 0; i < 3; i++) await addStar(env.DB, randomId("acc"), old.projectId);
    await addStar(env.DB, randomId("acc"), fresh.projectId);
    // old: (9 + 1) / 74² ≈ 0.0018; fresh: (3 + 1) / 3² ≈ 0.44.
    expect(await all("trending", word)).toEqual([fresh.projectId, old.projectId]);
    expect(await all("popular", word)).toEqual([old.projectId, fresh.projectId]);
  });

  it("pages every sort with an opaque cursor, each entry once, ties broken the same way every time", async () => {
    const word = tag();
    const entries = Array.from({ length: 7 }, () => listing(word));
    // Equal publication times and equal scores: only the tie-breaker orders them.
    for (const l of entries) await upsertListing(env.DB, l, 5_000);
    for (const sort of ["recent", "popular", "trending"] as const) {
      const paged = await all(sort, word, 2);
      const single = (await listGallery(env.DB, { sort, q: word, cursor: null, limit: 50 })).entries.map((e) => e.id);
      expect(paged).toEqual(single);
      expect(new Set(paged).size).toBe(7);
    }
  });

  it("does not repeat or skip entries when one is added above the page being read", async () => {
    const word = tag();
    const entries = Array.from({ length: 4 }, () => listing(word));
    for (const [i, l] of entries.entries()) await upsertListing(env.DB, l, 10_000 + i);
    const first = await listGallery(env.DB, { sort: "recent", q: word, cursor: null, limit: 2 });
    await upsertListing(env.DB, listing(word), 20_000);
    const second = await listGallery(env.DB, { sort: "recent", q: word, cursor: decodeCursor(first.next ?? ""), limit: 2 });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(entries.map((e) => e.projectId).reverse());
    expect(second.next).toBeNull();
  });

  it("refuses cursors it did not make", () => {
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(btoa(JSON.stringify({ sort: "recent", key: "x", seq: 1 })))).toBeNull();
    const good = encodeCursor({ sort: "popular", key: 3, seq: 9 });
    expect(decodeCursor(good)).toEqual({ sort: "popular", key: 3, seq: 9 });
  });
});
