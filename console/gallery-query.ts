/** The gallery's search and sort as the console's URL holds them: `#/explorar?q=…&sort=…`. No DOM. */

export const GALLERY_SORT_NAMES = ["recent", "popular", "trending"] as const;
export type GallerySortName = (typeof GALLERY_SORT_NAMES)[number];

export const GALLERY_ROUTE = "#/explorar";

export function isGalleryRoute(hash: string): boolean {
  return hash === GALLERY_ROUTE || hash.startsWith(`${GALLERY_ROUTE}?`);
}

export function galleryQuery(hash: string): { q: string; sort: GallerySortName } {
  const query = hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "";
  const params = new URLSearchParams(query);
  const sort = GALLERY_SORT_NAMES.find((s) => s === params.get("sort")) ?? "recent";
  return { q: (params.get("q") ?? "").trim().slice(0, 200), sort };
}

export function galleryRoute(q: string, sort: GallerySortName): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (sort !== "recent") params.set("sort", sort);
  const query = params.toString();
  return query ? `${GALLERY_ROUTE}?${query}` : GALLERY_ROUTE;
}
