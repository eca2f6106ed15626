// The community in a real browser: an owner publishes a project from its page, a visitor with no
// account reads its public page (README rendered as text and elements, under the console's CSP), a
// signed-in visitor finds it in the gallery, stars it and remixes it, and going private closes it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, watchedPage } from "./browser.mjs";
import { startStack } from "./stack.mjs";

// A word nobody else's idea holds, so the gallery search finds this project only.
const WORD = `zorblat${Date.now().toString(36)}`;
const IDEA = `Una app de inventario para una ferretería ${WORD}`;

let stack;
let browser;
let owner; // { context, page, problems }
let projectId;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  owner = await signedInContext();
  const created = await owner.page.evaluate(async (prompt) => {
    const res = await fetch("/api/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt }),
    });
    return res.json();
  }, IDEA);
  projectId = created.id;
  assert.match(projectId, /^prj_/);
  // The offline model finishes in seconds; the page is opened once it has.
  await owner.page.waitForFunction(async (id) => (await (await fetch(`/api/projects/${id}`)).json()).status === "completed", projectId, {
    timeout: 120_000,
    polling: 500,
  });
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

describe("AUTOCREA console: the community", () => {
  test("the owner publishes from the project page, under an author name, and gets the public link", async () => {
    const { page, problems } = owner;
    await page.goto(`/#/projects/${projectId}`);
    await page.getByRole("radio", { name: /Privado/ }).waitFor();
    assert.equal(await page.getByRole("radio", { name: /Privado/ }).isChecked(), true);
    await page.getByLabel("Nombre de autor").fill("Ferretería Ana");
    await page.getByRole("radio", { name: /Público/ }).check();
    await page.locator("#public-link a").waitFor();
    assert.equal(await page.locator("#public-link a").getAttribute("href"), `${stack.base}/p/${projectId}`);
    assert.equal(await page.getByRole("radio", { name: /Público/ }).isChecked(), true);
    assert.equal(await page.locator("#publication-hold").count(), 0);
    // The output panel shows the model's prose and its files apart, never the raw wrappers.
    await page.locator("#output .output-file summary").first().waitFor();
    const prose = (await page.locator("#output .prose").allInnerTexts()).join("\n");
    assert.doesNotMatch(prose, /<file path=|<\/file>/);
    assert.deepEqual(problems, []);
  });

  test("anyone reads the public page with no account: summary, author, README rendered as elements, counts", async () => {
    // A browser with no session that does not sign itself in: the public page asks nothing of it.
    const context = await browser.newContext({ baseURL: stack.base });
    const { page, problems } = await watchedPage(context);
    await page.goto(`/p/${projectId}`);
    await page.locator("#community-counts").waitFor();
    assert.match(await page.locator(".badge").innerText(), /Proyecto público/);
    assert.match(await page.locator(".byline").innerText(), /de Ferretería Ana/);
    assert.ok((await page.locator("#project-summary").innerText()).length > 10);
    await page.locator("#readme h3").first().waitFor();
    // The README is elements built from text: headings and code blocks, no raw markup.
    assert.ok((await page.locator("#readme pre").count()) > 0);
    assert.equal(await page.locator("#readme script").count(), 0);
    assert.match(await page.locator("#sign-in-to-act").innerText(), /Entra desde el chat/);
    await page.waitForSelector('#project-status[data-status="completed"]');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a signed-in visitor finds it in the gallery, stars it once, and remixes it into their own account", async () => {
    const visitor = await signedInContext();
    const { page, problems } = visitor;
    await page.getByRole("link", { name: "Explorar" }).click();
    await page.getByLabel("Buscar", { exact: true }).fill(WORD);
    await page.getByRole("button", { name: "Buscar" }).click();
    const entry = page.locator(`.gallery-entry[data-project="${projectId}"]`);
    await entry.waitFor();
    assert.equal(await page.locator(".gallery-entry").count(), 1);
    assert.match(await entry.innerText(), /de Ferretería Ana/);
    assert.match(await entry.innerText(), /JavaScript · blueprint/);
    assert.match(page.url(), new RegExp(`#/explorar\\?q=${WORD}`));
    for (const sort of ["Populares", "Tendencia"]) {
      await page.getByLabel("Ordenar por").selectOption({ label: sort });
      await page.waitForURL(/sort=/);
      await entry.waitFor();
    }

    await entry.getByRole("link").click();
    await page.waitForURL(new RegExp(`/p/${projectId}$`));
    const star = page.locator("#star");
    await star.waitFor();
    await star.click();
    await page.waitForFunction(() => document.getElementById("star")?.getAttribute("aria-pressed") === "true");
    assert.match(await page.locator("#community-counts").innerText(), /★ 1 estrellas/);

    await page.getByLabel("Qué cambiar en tu copia (opcional)").fill("añade modo oscuro");
    await page.getByRole("button", { name: "Remix", exact: true }).click();
    await page.waitForURL(/\/#\/projects\/prj_/);
    const copyId = new URL(page.url()).hash.split("/").pop();
    assert.notEqual(copyId, projectId);
    await page.locator("#parent-link").waitFor();
    assert.equal(await page.locator("#parent-link").getAttribute("href"), `/p/${projectId}`);
    assert.match(await page.locator("#page-notice").innerText(), /la instrucción no se aplicó/);
    await page.waitForSelector('#project-status[data-status="completed"]');
    assert.equal(await page.getByRole("radio", { name: /Privado/ }).isChecked(), true);
    assert.deepEqual(problems, []);
    await visitor.context.close();
  });

  test("going private closes the public page at once, and the gallery no longer lists it", async () => {
    const { page } = owner;
    await page.goto(`/#/projects/${projectId}`);
    await page.getByRole("radio", { name: /Privado/ }).check();
    await page.waitForFunction(() => document.getElementById("public-link") === null);
    const res = await fetch(`${stack.base}/p/${projectId}`);
    assert.equal(res.status, 404);
    const gallery = await (await fetch(`${stack.base}/api/gallery?q=${WORD}`)).json();
    assert.deepEqual(gallery.entries, []);
  });
});
