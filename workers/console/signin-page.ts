import { CONSOLE_PAGE_HEADERS } from "./csp";

/**
 * The page a chat's sign-in link opens. Following the link only shows it; the one-time code is
 * spent by the same-origin POST its button sends. So a link someone else sends you cannot sign
 * your browser into their account unseen (login CSRF), and link previews never burn a code.
 * Static markup, no script, Spanish first and English below, like the console; the code was
 * validated against its strict format before it gets here.
 */
export function signInPage(code: string): Response {
  const html = `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entrar a la consola de AUTOCREA</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/console.css"></head>
<body><main id="app"><section class="panel signin">
<h1>Entrar a la consola de AUTOCREA</h1>
<p>Este enlace abre la consola con la cuenta del chat que lo pidió. Entra solo si lo pediste tú.</p>
<p lang="en">This link opens the console with the account of the chat that asked for it. Sign in only if you asked for it.</p>
<form method="post" action="/auth/console">
<input type="hidden" name="code" value="${code}">
<button type="submit">Entrar a la consola · <span lang="en">Sign in</span></button>
</form>
</section></main></body>
</html>
`;
  return new Response(html, {
    headers: { ...CONSOLE_PAGE_HEADERS, "content-type": "text/html; charset=utf-8", "referrer-policy": "no-referrer" },
  });
}
