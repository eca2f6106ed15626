// The console end to end, in a real browser against the local stack and the offline model:
// sign in, create a project, watch the five roles finish, read files, download the ZIP, share it.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import { launchBrowser, watchedPage } from "./browser.mjs";
import { startStack } from "./stack.mjs";

const INJECTED = "<script>alert(1)</script>";
const IDEA = `Una app de tareas con etiquetas ${INJECTED}`;
const ROLE_COUNT = 5;
mkdirSync("test-results", { recursive: true });

let stack;
let browser;
let owner; // { context, page, problems }
let projectId;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newOwnerContext() {
  const context = await browser.newContext({ baseURL: stack.base, acceptDownloads: true });
  return { context, ...(await watchedPage(context)) };
}

/** What the owner's API says, fetched inside the page with its session cookie. */
function apiFromPage(page, path) {
  return page.evaluate(async (p) => (await fetch(p)).json(), path);
}

describe("AUTOCREA console", () => {
  test("signs in with the chat's one-time link, which sets an HttpOnly Secure cookie and works once", async () => {
    const res = await fetch(`${stack.base}/auth/dev-link`, { method: "POST" });
    const { url } = await res.json();
    owner = await newOwnerContext();
    await owner.page.goto(url);
    // The link only shows a page: signing in is the user's own click (no login CSRF).
    assert.equal(await owner.page.locator("#idea").count(), 0);
    assert.deepEqual(await owner.context.cookies(), []);
    await owner.page.getByRole("button", { name: /Entrar a la consola/ }).click();
    await owner.page.waitForSelector("#idea");
    assert.equal(new URL(owner.page.url()).pathname, "/");
    const [cookie] = await owner.context.cookies();
    assert.equal(cookie?.name, "__Host-autocrea_session");
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.sameSite, "Lax");
    assert.ok(cookie.expires > Date.now() / 1000 && cookie.expires < Date.now() / 1000 + 2 * 3600, "expires within hours");
    assert.equal(await owner.page.evaluate(() => document.cookie), "", "the page cannot read the session");

    // The same link a second time signs nobody in.
    const second = await browser.newContext({ baseURL: stack.base });
    const { page } = await watchedPage(second);
    await page.goto(url);
    await page.getByRole("button", { name: /Entrar a la consola/ }).click();
    await page.getByRole("alert").waitFor();
    assert.match(new URL(page.url()).search, /signin=expired/);
    assert.equal(await page.locator("#idea").count(), 0);
    await second.close();
  });

  test("signs itself in on a development stack when opened with no session", async () => {
    const context = await browser.newContext({ baseURL: stack.base });
    const { page, problems } = await watchedPage(context);
    await page.goto("/");
    await page.getByLabel("Idea").waitFor();
    const cookies = await context.cookies();
    assert.deepEqual(
      cookies.map((c) => c.name),
      ["__Host-autocrea_session"],
    );
    // Signing out revokes the session and does not sign in again by itself.
    await page.getByRole("button", { name: "Salir" }).click();
    await page.waitForURL(/signin=out/);
    await page.getByRole("button", { name: "Entrar (desarrollo)" }).waitFor();
    assert.deepEqual(await context.cookies(), []);
    const replay = await fetch(`${stack.base}/api/projects`, { headers: { cookie: `${cookies[0].name}=${cookies[0].value}` } });
    assert.equal(replay.status, 401);
    // The first load asks who is signed in without a 401, so the browser logs nothing at all.
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("speaks Spanish by default, English on request, with the labels users expect", async () => {
    const { page } = owner;
    assert.equal(await page.getAttribute("html", "lang"), "es");
    await page.getByLabel("Idea").waitFor();
    await page.getByRole("button", { name: "Crear" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Create" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("button", { name: "Crear" }).waitFor();
  });

  test("creates a project from the keyboard and watches all five roles finish live", async () => {
    const { page } = owner;
    // Tab from the top of the page to the idea field, type, Tab to "Crear", press Enter.
    await page.locator("body").focus();
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id)) !== "idea"; i++) await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "idea");
    await page.keyboard.type(IDEA);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Crear");
    await page.keyboard.press("Enter");
    await page.waitForURL(/#\/projects\/prj_/);
    projectId = new URL(page.url()).hash.split("/").pop();

    // Streamed output appears while roles run (the offline model streams like a real one).
    await page.waitForFunction(() => (document.getElementById("output")?.textContent ?? "").length > 40, null, { timeout: 60_000 });
    await page.waitForFunction((n) => document.querySelectorAll('#roles li[data-status="done"]').length === n, ROLE_COUNT, {
      timeout: 120_000,
    });
    await page.waitForSelector('#project-status[data-status="completed"]');
    assert.equal(await page.locator("#progress").evaluate((p) => p.value), ROLE_COUNT);
    const roles = await page.locator("#roles li").evaluateAll((items) => items.map((li) => li.dataset.role));
    assert.deepEqual(roles, ["architect", "backend", "frontend", "devops", "security"]);

    // The tree shows exactly the project's files, each once, however the events arrived.
    const view = await apiFromPage(page, `/api/projects/${projectId}`);
    const shown = await page.locator("#file-tree [data-path]").evaluateAll((buttons) => buttons.map((b) => b.dataset.path));
    assert.deepEqual([...shown].sort(), view.files.map((f) => f.path).sort());
    assert.equal(new Set(shown).size, shown.length);
    assert.ok(view.files.length > 5);
  });

  test("opens a file in the code viewer, highlighted, from the keyboard", async () => {
    const { page } = owner;
    const button = page.locator('#file-tree [data-path="src/server.js"]');
    await button.focus();
    await page.keyboard.press("Enter");
    await page.locator('#viewer[data-path="src/server.js"] code').waitFor();
    const source = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/files/src/server.js`)).text(), projectId);
    assert.equal(await page.locator("#viewer").textContent(), source);
    assert.ok((await page.locator("#viewer .tok-keyword").count()) > 5, "keywords are highlighted");
    assert.equal(await page.locator("#viewer-title").textContent(), "src/server.js");
  });

  test("shows untrusted content as text: a generated file holding <script>alert(1)</script> runs nothing", async () => {
    const { page, problems } = owner;
    // The idea is quoted into the architect's plan, so the offline model writes the tag into a file.
    const holder = await page.evaluate(
      async ({ id, needle }) => {
        const view = await (await fetch(`/api/projects/${id}`)).json();
        for (const file of view.files) {
          const text = await (await fetch(`/api/projects/${id}/files/${file.path}`)).text();
          if (text.includes(needle)) return file.path;
        }
        return null;
      },
      { id: projectId, needle: INJECTED },
    );
    assert.ok(holder, "some generated file contains the injected tag");
    await page.locator(`#file-tree [data-path="${holder}"]`).click();
    await page.locator(`#viewer[data-path="${holder}"] code`).waitFor();
    assert.ok((await page.locator("#viewer").textContent()).includes(INJECTED));
    assert.equal(await page.locator("main script, #viewer *:not(span):not(code)").count(), 0);
    // The idea streamed through the architect's output too: there it is text as well.
    await page.locator('[data-show-role="architect"]').click();
    assert.ok((await page.locator("#output").textContent()).includes(INJECTED));
    await page.locator('[data-show-role="architect"]').click();
    await page.waitForTimeout(300);
    assert.deepEqual(problems, []);
  });

  test("downloads the ZIP, which holds every file", async () => {
    const { page } = owner;
    const link = page.getByRole("link", { name: "Descargar ZIP" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const path = "test-results/console-e2e.zip";
    await download.saveAs(path);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const inZip = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    const view = await apiFromPage(page, `/api/projects/${projectId}`);
    assert.deepEqual(inZip, view.files.map((f) => f.path).sort());
    const server = await zip.file("src/server.js")?.async("string");
    assert.ok(server && server.length > 100);
  });

  test("shows the clone command with a copy button, and that command's URL opens the repository", async () => {
    const { page, problems } = owner;
    const command = await page.locator("#clone-command").inputValue();
    const match = /^git clone (http:\/\/autocrea:[0-9a-f]{48}@127\.0\.0\.1:\d+\/git\/(prj_[a-z2-9]{20})\.git)$/.exec(command);
    assert.ok(match, `clone command shown: ${command}`);
    assert.equal(match[2], projectId);
    await page.getByRole("button", { name: "Copiar" }).click();
    // Copied, or (no clipboard in this browser) left selected for Ctrl+C.
    await page.waitForFunction(
      () => document.querySelector(".copy-state")?.textContent === "Copiado" || document.activeElement?.id === "clone-command",
    );
    const url = new URL(match[1]);
    const refs = await fetch(`${url.origin}${url.pathname}/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from(`${url.username}:${url.password}`).toString("base64")}` },
    });
    assert.equal(refs.status, 200);
    assert.match(await refs.text(), /refs\/heads\/main/);
    assert.deepEqual(problems, []);
  });

  test("shares a read-only live view: same state in a second browser, viewer count, revocation", async () => {
    const { page } = owner;
    await page.getByRole("button", { name: "Crear enlace de solo lectura" }).click();
    const url = await page.locator("#share-url").inputValue();
    assert.match(url, new RegExp(`/p/${projectId}\\?s=[0-9a-f]{64}$`));

    const guestContext = await browser.newContext();
    const guest = await watchedPage(guestContext);
    await guest.page.goto(url);
    await guest.page.waitForSelector('#project-status[data-status="completed"]');
    assert.equal(await guestContext.cookies().then((c) => c.length), 0, "the guest is not signed in");
    const state = (p) =>
      p.evaluate(() => ({
        name: document.getElementById("project-name")?.textContent,
        status: document.getElementById("project-status")?.textContent,
        roles: [...document.querySelectorAll("#roles li")].map((li) => `${li.dataset.role}:${li.dataset.status}`),
        files: [...document.querySelectorAll("#file-tree [data-path]")].map((b) => b.dataset.path),
      }));
    assert.deepEqual(await state(guest.page), await state(page));
    // Both see two viewers: the owner and the guest.
    await page.waitForFunction(() => document.getElementById("viewer-count")?.textContent?.includes("2"));
    await guest.page.waitForFunction(() => document.getElementById("viewer-count")?.textContent?.includes("2"));
    // Read-only: no share panel, no idea form, no navigation to owner pages.
    assert.equal(await guest.page.locator("#share-create, #idea, #nav-account:visible").count(), 0);
    await guest.page.locator('#file-tree [data-path="src/server.js"]').click();
    await guest.page.locator('#viewer[data-path="src/server.js"] code').waitFor();
    assert.ok(((await guest.page.locator("#viewer").textContent()) ?? "").length > 100);
    // The guest's clone command carries the link's own token, never the owner's clone token.
    const token = new URL(url).searchParams.get("s");
    assert.match(await guest.page.locator("#clone-command").inputValue(), new RegExp(`^git clone http://autocrea:${token}@`));

    await page.getByRole("button", { name: "Revocar enlace" }).click();
    await guest.page.getByText("El enlace fue revocado.").waitFor();
    await page.waitForFunction(() => document.getElementById("viewer-count")?.textContent?.includes("1"));
    const reopened = await guest.page.goto(url);
    assert.equal(reopened?.status(), 404);
    assert.deepEqual(
      guest.problems.filter((p) => !p.includes("404")),
      [],
    );
    await guestContext.close();
  });

  test("watches a run live through a share link opened before it finishes", async () => {
    const { page } = owner;
    await page.goto("/#/");
    await page.getByLabel("Idea").fill("Un blog con autores y comentarios");
    await page.getByRole("button", { name: "Crear" }).click();
    await page.waitForURL(/#\/projects\/prj_/);
    await page.getByRole("button", { name: "Crear enlace de solo lectura" }).click();
    const url = await page.locator("#share-url").inputValue();
    const guestContext = await browser.newContext();
    const guest = await watchedPage(guestContext);
    await guest.page.goto(url);
    for (const p of [page, guest.page]) {
      await p.waitForFunction((n) => document.querySelectorAll('#roles li[data-status="done"]').length === n, ROLE_COUNT, {
        timeout: 120_000,
      });
    }
    const files = (p) => p.locator("#file-tree [data-path]").evaluateAll((b) => b.map((x) => x.dataset.path));
    assert.deepEqual(await files(guest.page), await files(page));
    assert.deepEqual(guest.problems, []);
    await guestContext.close();
  });

  test("shows credits, plan, buy buttons and write-only key fields", async () => {
    const { page, problems } = owner;
    await page.goto("/#/account");
    const credits = Number(await page.locator("#credits").textContent());
    // The e2e stack's trial is 10,000 credits; the projects built above were charged from it.
    assert.ok(credits > 0 && credits < 10_000, `credits shown: ${credits}`);
    await page.locator("#account-shop").getByRole("button").first().waitFor();
    assert.equal(await page.locator("#account-shop").getByRole("button").count(), 5);
    assert.match(await page.locator("#account-shop").innerText(), /5,00\s€/);
    // This stack has no Stripe key: the buttons say why they do nothing instead of failing.
    assert.equal(await page.locator("#account-shop button:disabled").count(), 5);
    assert.match(await page.locator("#shop-status").innerText(), /Los pagos no están configurados/);
    // Names follow the language.
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("#account-shop").getByText("100 credits").waitFor();
    await page.getByRole("button", { name: "Español" }).click();
    await page.locator("#account-shop").getByText("100 créditos").waitFor();
    assert.equal(await page.locator("#key-openai").getAttribute("type"), "password");
    assert.equal(await page.locator("#key-github").getAttribute("type"), "password");
    assert.equal(await page.locator("#account-missing:visible").count(), 0);
    assert.deepEqual(problems, []);
  });

  test("shows how to add AUTOCREA to an assistant: a token shown once that /mcp takes, cut off by a new one", async () => {
    const { page, problems } = owner;
    await page.goto("/#/account");
    assert.equal(await page.locator("#mcp-url").inputValue(), `${stack.base}/mcp`);
    await page.getByRole("button", { name: "Crear token", exact: true }).click();
    const token = await page.locator("#mcp-token").inputValue();
    assert.match(token, /^acc_[a-z2-9]{20}\.[0-9a-f]{64}$/);
    assert.ok((await page.locator("#mcp-config").textContent()).includes(`"Authorization": "Bearer ${token}"`));
    const initialize = async (bearer) => {
      const res = await fetch(`${stack.base}/mcp`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "1" } },
        }),
      });
      await res.text();
      return res.status;
    };
    assert.equal(await initialize(token), 200);
    await page.getByRole("button", { name: "Crear un token nuevo" }).click();
    await page.waitForFunction((old) => {
      const field = document.getElementById("mcp-token");
      return field instanceof HTMLInputElement && field.value !== old;
    }, token);
    assert.equal(await initialize(token), 401);
    assert.equal(await initialize(await page.locator("#mcp-token").inputValue()), 200);
    assert.deepEqual(problems, []);
  });

  test("fits a phone-sized screen and leaves a screenshot of the project view", async () => {
    const { page, problems } = owner;
    await page.goto(`/#/projects/${projectId}`);
    await page.waitForSelector('#project-status[data-status="completed"]');
    await page.locator('#file-tree [data-path="src/server.js"]').click();
    await page.locator('#viewer[data-path="src/server.js"] code').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "test-results/console-project.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.screenshot({ path: "test-results/console-phone.png", fullPage: false });
    assert.deepEqual(problems, []);
  });
});
