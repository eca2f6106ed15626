import { beforeAll, describe, expect, it } from "vitest";
import type { GalleryPage } from "../../../shared/community";
import { call } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { finishedProject, setVisibility } from "../../helpers/community";

/**
 * `GET /api/gallery` over HTTP, as a client calls it (gallery-db.test.ts checks the queries under
 * it): the query string with empty `q` and `cursor`, paging by following `next`, each
 * entry's fields, and the 400s for what the route cannot read.
 */

let word: string;
let ids: string[];

beforeAll(async () => {
  const first = await finishedProject();
  word = first.word;
  const projects = [first, await finishedProject({ idea: `otra app de ${word}` }), await finishedProject({ idea: `y otra de ${word}` })];
  for (const project of projects) expect((await setVisibility(project.id, project.auth, "public", "Ana")).status).toBe(200);
  ids = projects.map((project) => project.id);
});

async function page(query: string): Promise<GalleryPage> {
  const res = await call(`/api/gallery?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.json();
}

describe("GET /api/gallery", () => {
  it("takes empty q and cursor as absent, and needs no account", async () => {
    const body = await page("sort=recent&q=&cursor=");
    expect(Array.isArray(body.entries)).toBe(true);
  });

  it("pages every sort by following next, each public project once", async () => {
    for (const sort of ["recent", "popular", "trending"]) {
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 5; i++) {
        const body = await page(`sort=${sort}&q=${word}&cursor=${encodeURIComponent(cursor)}&limit=2`);
        seen.push(...body.entries.map((entry) => entry.id));
        if (!body.next) break;
        cursor = body.next;
      }
      expect([...seen].sort()).toEqual([...ids].sort());
    }
  });

  it("gives each entry the issue's fields: name, summary, language, model, files, stars, remixes, clones, author, when", async () => {
    const [entry] = (await page(`q=${word}&limit=1`)).entries;
    expect(entry).toMatchObject({
      name: expect.stringMatching(/^Demo /),
      summary: expect.any(String),
      language: "JavaScript",
      model: "blueprint",
      files: 2,
      stars: 0,
      remixes: 0,
      clones: 0,
      author: "Ana",
      path: `/p/${entry?.id}`,
    });
    expect(ids).toContain(entry?.id);
    expect(Number.isNaN(Date.parse(entry?.publishedAt ?? ""))).toBe(false);
  });

  it("answers 400 for a sort, limit or cursor it cannot read, and for a cursor from another sort", async () => {
    const popular = await page(`sort=popular&q=${word}&limit=1`);
    expect(popular.next).not.toBeNull();
    for (const query of ["sort=oldest", "limit=0", "limit=51", "cursor=not-a-cursor", `sort=recent&cursor=${popular.next}`]) {
      const res = await call(`/api/gallery?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code, query).toBe("invalid_request");
    }
  });
});
