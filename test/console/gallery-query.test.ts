import { describe, expect, it } from "vitest";
import { galleryQuery, galleryRoute, isGalleryRoute } from "../../console/gallery-query";

describe("the gallery's route", () => {
  it("keeps the search and sort in the hash, and reads them back", () => {
    const route = galleryRoute("peluquería y más", "popular");
    expect(route).toBe("#/explorar?q=peluquer%C3%ADa+y+m%C3%A1s&sort=popular");
    expect(galleryQuery(route)).toEqual({ q: "peluquería y más", sort: "popular" });
    expect(galleryRoute("", "recent")).toBe("#/explorar");
    expect(isGalleryRoute("#/explorar")).toBe(true);
    expect(isGalleryRoute("#/explorar?q=x")).toBe(true);
    expect(isGalleryRoute("#/explorarx")).toBe(false);
  });

  it("falls back to recent for a sort it does not know", () => {
    expect(galleryQuery("#/explorar?sort=best")).toEqual({ q: "", sort: "recent" });
  });
});
