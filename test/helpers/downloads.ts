import { call } from "./api";

/** What the page at `/dl/<id>` does with the token from the link's fragment: POST it as a form. */
export function downloadZip(path: string, token: string): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
}
