// Follow-up runs from the console, in a real browser against the local stack and the offline
// model: a question answered with the files it cites, a change that runs its own three roles, and
// a change the offline model cannot make, refused in the reader's language.
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
  const { url } = await (await fetch(`${stack.base}/auth/dev-link`, { method: "POST" })).json();
  const context = await browser.newContext({ baseURL: stack.base });
  owner = { context, ...(await watchedPage(context)) };
  await owner.page.goto(url);
  await owner.page.getByRole("button", { name: /Entrar a la consola/ }).click();
  await owner.page.waitForSelector("#idea");
  await owner.page.getByLabel("Idea").fill("Una app de reservas para mi peluquería");
  await owner.page.getByRole("button", { name: "Crear" }).click();
  await owner.page.waitForURL(/#\/projects\/prj_/);
  projectId = new URL(owner.page.url()).hash.split("/").pop();
  await owner.page.waitForSelector('#project-status[data-status="completed"]', { timeout: 120_000 });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Sends the change box with a kind and a text. */
async function send(page, kind, text) {
  await page.locator(`#change-kind-${kind}`).check();
  await page.locator("#change-text").fill(text);
  await page.locator("#change-send").click();
}

describe("AUTOCREA console: follow-up runs", () => {
  test("asks a question: the explainer runs, and its answer cites files that open in the viewer", async () => {
    const { page } = owner;
    await send(page, "explain", "¿Cómo se guardan las reservas?");
    await page.locator("#change-note", { hasText: "En marcha" }).waitFor();
    await page.waitForFunction(() => document.querySelector("#runs li:last-child")?.textContent?.includes("terminado"), null, {
      timeout: 60_000,
    });
    const roles = await page.locator("#roles li").evaluateAll((items) => items.map((li) => li.dataset.role));
    assert.deepEqual(roles, ["explainer"]);
    assert.match(await page.locator("#answer-text").innerText(), /src\/store\.js/);
    await page.locator('[data-cited="src/store.js"]').click();
    await page.locator('#viewer[data-path="src/store.js"] code').waitFor();
    assert.equal(await page.locator("#runs li:last-child").innerText(), "r2 · Preguntar · terminado");
  });

  test("makes a change: architect, editor and security run, and the run says how many files it changed", async () => {
    const { page, problems } = owner;
    await send(page, "edit", "añade un campo teléfono a los servicios");
    await page.waitForFunction(() => document.querySelector("#runs li:last-child")?.dataset.run === "r3", null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("#runs li:last-child")?.textContent?.includes("terminado"), null, {
      timeout: 60_000,
    });
    const roles = await page.locator("#roles li").evaluateAll((items) => items.map((li) => [li.dataset.role, li.dataset.status]));
    assert.deepEqual(roles, [
      ["architect", "done"],
      ["editor", "done"],
      ["security", "done"],
    ]);
    assert.equal(await page.locator("#runs li:last-child").innerText(), "r3 · Cambiar · terminado · 3 archivos cambiados");
    assert.equal(await page.locator("#answer").isHidden(), true);
    const entities = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/files/src/entities.js`)).text(), projectId);
    assert.match(entities, /"telefono"/);
    assert.deepEqual(problems, []);
  });

  test("says, in the reader's language, what the offline model cannot change", async () => {
    const { page } = owner;
    await send(page, "edit", "pon los botones en azul");
    const note = page.locator("#change-note", { hasText: "sin conexión" });
    await note.waitFor();
    assert.match(await note.innerText(), /solo hace estos cambios/);
    assert.equal(await page.locator("#runs li").count(), 3);
  });
});
