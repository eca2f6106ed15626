// The console's recovery paths in a real browser: the skip link, a browser that drops the session
// cookie, a socket that drops after the session ended or the share link was revoked, the return
// from Stripe Checkout, a refused start worded by its error code, and how model switches and problems from the live events are shown.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./browser.mjs";
import { startStack } from "./stack.mjs";

let stack;
let browser;
let owner; // { context, page, problems }
let projectId;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  owner = await signedInContext();
  const created = await owner.page.evaluate(async () => {
    const res = await fetch("/api/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "Una lista de la compra compartida" }),
    });
    return res.json();
  });
  projectId = created.id;
  assert.match(projectId, /^prj_/);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedInContext() {
  const { url } = await (await fetch(`${stack.base}/auth/dev-link`, { method: "POST" })).json();
  const context = await browser.newContext({ baseURL: stack.base });
  const watched = await watchedPage(context);
  await watched.page.goto(url);
  await watched.page.getByRole("button", { name: /Entrar a la consola/ }).click();
  await watched.page.waitForSelector("#idea");
  return { context, ...watched };
}

/** Counts the page's WebSockets to the events route and hands each to `onSocket`. */
async function routeEvents(context, onSocket) {
  const sockets = [];
  await context.routeWebSocket(/\/events/, (ws) => {
    sockets.push(ws);
    onSocket(ws);
  });
  return sockets;
}

describe("AUTOCREA console: recovery paths", () => {
  test("words a refused start in the reader's language, with a link to buy credits", async () => {
    const viewer = await signedInContext();
    const { page, problems } = viewer;
    const buyUrl = `${stack.base}/#/account`;
    // The server's refusal, answered at the wire: the stack grants too many credits to run out.
    await page.route("**/api/projects", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 402,
            contentType: "application/json",
            body: JSON.stringify({
              error: { code: "insufficient_credits", message: "not enough credits: you have 3", balance: 3, estimate: 50, buyUrl },
            }),
          })
        : route.continue(),
    );
    await page.getByLabel("Idea").fill("Una app de reservas");
    await page.getByRole("button", { name: "Crear" }).click();
    const alert = page.locator(".form-error");
    await alert.getByRole("link").waitFor();
    assert.match(await alert.innerText(), /No tienes créditos suficientes: tienes 3 y una generación necesita 50\./);
    assert.equal(await alert.getByRole("link").getAttribute("href"), buyUrl);
    // A code the console does not know keeps the server's own message.
    await page.unroute("**/api/projects");
    await page.route("**/api/projects", (route) =>
      route.fulfill({
        status: 418,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "teapot", message: "short and stout" } }),
      }),
    );
    await page.getByRole("button", { name: "Crear" }).click();
    await page.getByText("short and stout").waitFor();
    assert.equal(await alert.getByRole("link").count(), 0);
    // The browser logs each refused request; nothing else may have gone wrong.
    assert.deepEqual(
      problems.filter((p) => !p.includes("Failed to load resource")),
      [],
    );
    await viewer.context.close();
  });

  test("the skip link moves focus to the content and leaves the open project open", async () => {
    const { page, problems } = owner;
    await page.goto(`/#/projects/${projectId}`);
    await page.locator("#project-name").waitFor();
    // The first Tab stop of the page; Enter follows it as a keyboard user would.
    await page.locator("a.skip").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "app");
    assert.equal(new URL(page.url()).hash, `#/projects/${projectId}`);
    // A hash that is not a page (an old bookmark to #app) changes nothing either.
    await page.evaluate(() => {
      location.hash = "#app";
    });
    await page.waitForTimeout(200);
    assert.equal(await page.locator("#project-name").count(), 1);
    assert.deepEqual(problems, []);
  });

  test("asks for one development sign-in only when the browser drops the cookie, then explains", async () => {
    const context = await browser.newContext({ baseURL: stack.base });
    // What a browser on plain http at a LAN address does: sign-in answers, the cookie is not kept.
    await context.route("**/auth/console", (route) => route.fulfill({ status: 303, headers: { location: "/" } }));
    let links = 0;
    context.on("request", (req) => {
      if (req.url().endsWith("/auth/dev-link")) links += 1;
    });
    const { page } = await watchedPage(context);
    await page.goto("/");
    await page.locator("#signin-problem").waitFor();
    assert.match(
      await page.locator("#signin-problem").innerText(),
      /El navegador no guardó la sesión: abre la consola en http:\/\/127\.0\.0\.1 o por https/,
    );
    await page.waitForTimeout(1000);
    assert.equal(links, 1, "one automatic sign-in, no loop");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("The browser did not keep the session", { exact: false }).waitFor();
    await context.close();
  });

  test("stops reconnecting with the sign-in note when the session ended while the socket was down", async () => {
    const viewer = await signedInContext();
    const sockets = await routeEvents(viewer.context, (ws) => ws.connectToServer());
    const own = await viewer.page.evaluate(async () =>
      (
        await fetch("/api/projects", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt: "Un contador de visitas" }),
        })
      ).json(),
    );
    await viewer.page.goto(`/#/projects/${own.id}`);
    await viewer.page.waitForFunction(() => document.querySelectorAll("#roles li").length === 5);
    await viewer.page.evaluate(() => fetch("/auth/logout", { method: "POST" }));
    await sockets[0].close({ code: 1001, reason: "gone away" });
    await viewer.page.getByText("Tu sesión terminó", { exact: false }).waitFor();
    await viewer.page.waitForTimeout(1500);
    assert.equal(sockets.length, 1, "no reconnection once the session is known to be over");
    // The ended session shows up as failed requests (401) in the console log, nothing else does.
    assert.deepEqual(
      viewer.problems.filter((p) => !/401|Authentication failed/.test(p)),
      [],
    );
    await viewer.context.close();
  });

  test("shows model switches and problems as text, and stops when the share link is revoked while down", async () => {
    const { page } = owner;
    const share = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/share`, { method: "POST" })).json(), projectId);
    const guestContext = await browser.newContext({ baseURL: stack.base });
    const at = new Date().toISOString();
    const evil = "<img src=x onerror=alert(1)>";
    const sockets = await routeEvents(guestContext, (ws) => {
      // A stand-in for the room, so the test decides which events arrive (each names its run, as the room's do).
      ws.send(JSON.stringify({ type: "step", role: "backend", status: "running", attempt: 1, seq: 1, at, run: "r1" }));
      ws.send(
        JSON.stringify({
          type: "model",
          role: "backend",
          attempt: 1,
          from: "workers-ai",
          to: "openai",
          reason: `429 ${evil}`,
          seq: 2,
          at,
          run: "r1",
        }),
      );
      ws.send(
        JSON.stringify({
          type: "problem",
          role: "devops",
          kind: "missing_file",
          path: "Dockerfile",
          message: `planned ${evil}`,
          seq: 3,
          at,
          run: "r1",
        }),
      );
    });
    const guest = await watchedPage(guestContext);
    await guest.page.goto(share.url);
    const note = guest.page.locator('#roles li[data-role="backend"] .role-note');
    await note.waitFor();
    assert.equal(await note.innerText(), `Modelo cambiado a openai: 429 ${evil}`);
    const problem = guest.page.locator('#problems li[data-path="Dockerfile"]');
    assert.match(await problem.innerText(), /Dockerfile · falta el archivo · DevOps: planned <img/);
    assert.equal(await guest.page.locator("#problems h2").innerText(), "Problemas");
    assert.equal(await guest.page.locator("main img").count(), 0);

    await page.evaluate(async (id) => fetch(`/api/projects/${id}/share`, { method: "DELETE" }), projectId);
    await sockets[0].close({ code: 1001, reason: "gone away" });
    await guest.page.getByText("El enlace fue revocado o el proyecto no existe.").waitFor();
    await guest.page.waitForTimeout(1500);
    assert.equal(sockets.length, 1, "no reconnection to a revoked link");
    assert.deepEqual(
      guest.problems.filter((p) => !p.includes("404")),
      [],
    );
    await guestContext.close();
  });

  test("says so when a shared project already has as many viewers from this address as it takes", async () => {
    const { page } = owner;
    const share = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/share`, { method: "POST" })).json(), projectId);
    // MAX_SHARE_VIEWERS_PER_IP (10 by default) sockets from this machine take every seat it has.
    const events = new URL(share.url.replace("?s=", "/events?s="));
    events.protocol = "ws:";
    const seats = await Promise.all(
      Array.from({ length: 10 }, () => {
        const ws = new WebSocket(events);
        return new Promise((resolve, reject) => {
          ws.addEventListener("message", () => resolve(ws), { once: true });
          ws.addEventListener("close", (e) => reject(new Error(`seat closed: ${e.code} ${e.reason}`)), { once: true });
        });
      }),
    );
    const guestContext = await browser.newContext({ baseURL: stack.base });
    const guest = await watchedPage(guestContext);
    await guest.page.goto(share.url);
    await guest.page.getByText("Hay demasiadas personas viendo este proyecto", { exact: false }).waitFor();
    assert.deepEqual(guest.problems, []);
    for (const ws of seats) ws.close();
    await guestContext.close();
  });

  test("greets the return from Stripe Checkout on the account page and reads the credits again", async () => {
    const { page, problems } = owner;
    let reads = 0;
    const count = (req) => {
      if (new URL(req.url()).pathname === "/api/account") reads += 1;
    };
    page.on("request", count);
    await page.goto("/?checkout=success");
    await page.locator("#checkout-notice").waitFor();
    assert.equal(await page.locator("#checkout-notice").innerText(), "Pago recibido: tus créditos llegan en unos segundos.");
    assert.equal(new URL(page.url()).search, "");
    assert.equal(new URL(page.url()).hash, "#/account");
    await page.locator("#credits").waitFor();
    await page.waitForTimeout(5000);
    assert.equal(reads, 2, "the credits are read once more after the webhook had time");
    page.off("request", count);

    await page.goto("/?checkout=cancelled");
    await page.getByText("Pago cancelado: no se cobró nada.").waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Payment cancelled: nothing was charged.").waitFor();
    await page.getByRole("button", { name: "Español" }).click();
    assert.deepEqual(problems, []);
  });
});
