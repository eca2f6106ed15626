import { CONSOLE_PAGE_HEADERS } from "../console/csp";

/**
 * The page a chat's ZIP link opens (`/dl/<id>#<token>`): a form that POSTs the token, filled in
 * and sent by `/download.js` (console/download.ts) from the URL's fragment. Static markup under the
 * console's CSP (scripts only from this origin), Spanish first and English below, like the console.
 * The id was checked against its strict format before it gets here.
 */
export function downloadPage(id: string): Response {
  const html = `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Descargar el ZIP · AUTOCREA</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/console.css">
<script src="/download.js" defer></script></head>
<body><main id="app"><section class="panel signin">
<h1>Descargar el ZIP</h1>
<form id="download" method="post" action="/dl/${id}">
<input type="hidden" name="token" value="">
<p id="download-status">Preparando la descarga… <span lang="en">Preparing the download…</span></p>
<button type="submit">Descargar ZIP · <span lang="en">Download ZIP</span></button>
</form>
<noscript><p>Esta página necesita JavaScript para leer el enlace. <span lang="en">This page needs JavaScript to read the link.</span></p></noscript>
</section></main></body>
</html>
`;
  return new Response(html, { headers: { ...CONSOLE_PAGE_HEADERS, "content-type": "text/html; charset=utf-8" } });
}

const PROBLEMS = {
  unknown:
    "Este enlace no existe o fue revocado. Pide uno nuevo con /estado en el chat. / This link does not exist or was revoked. Ask /estado in the chat for a new one.",
  expired: "Este enlace caducó. Pide uno nuevo con /estado en el chat. / This link expired. Ask /estado in the chat for a new one.",
  old_link:
    "Este enlace ya no funciona. Pide uno nuevo con /estado en el chat. / This link no longer works. Ask /estado in the chat for a new one.",
  not_ready:
    "El proyecto aún no ha terminado: el ZIP existe cuando termina. / The project has not finished yet: the ZIP exists once it has.",
} as const;

/** What a browser that followed (or posted) a ZIP link is told when there is no ZIP for it. */
export function downloadProblem(status: 404 | 409 | 410, problem: keyof typeof PROBLEMS): Response {
  return new Response(PROBLEMS[problem], {
    status,
    headers: { ...CONSOLE_PAGE_HEADERS, "content-type": "text/plain; charset=utf-8", "x-autocrea-problem": problem },
  });
}
