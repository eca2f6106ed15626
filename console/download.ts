/**
 * The script of the page a chat's ZIP link opens (`/dl/<id>#<token>`, workers/api/download-page.ts).
 * The token is in the fragment, which the browser never sends: read it, take it out of the
 * address bar (and so out of the history), and POST it; the answer is the ZIP, which the browser
 * saves while this page stays. Bundled on its own into web/download.js.
 */
const TOKEN = /^[0-9a-f]{48}$/;

function start(): void {
  const form = document.querySelector<HTMLFormElement>("form#download");
  const input = form?.querySelector<HTMLInputElement>("input[name=token]");
  const status = document.querySelector<HTMLElement>("#download-status");
  const token = location.hash.slice(1);
  if (!form || !input || !status) return;
  if (!TOKEN.test(token)) {
    status.textContent = "Este enlace está incompleto. Pide uno nuevo con /estado. / This link is incomplete. Ask /estado for a new one.";
    form.querySelector("button")?.setAttribute("disabled", "");
    return;
  }
  history.replaceState(null, "", location.pathname);
  input.value = token;
  status.textContent = "La descarga empieza… / The download is starting…";
  form.submit();
}

start();
