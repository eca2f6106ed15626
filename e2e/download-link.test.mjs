// A chat's ZIP link, clicked as a chat client opens it: a plain GET of `/dl/<id>#<token>` in
// Chromium. The page reads the token from the fragment and POSTs it, and the browser saves the ZIP.
// The link comes from a real Discord flow against the local stack: a signed `/crear`, then the
// message edits the project's room sends to a fake Discord API on loopback.
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { freePort, startStack } from "../scripts/lib-process.mjs";
import { launchBrowser, watchedPage } from "./browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
// The raw 32-byte public key, hex, as Discord shows it: the last 32 bytes of the DER form.
const publicKeyHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");

/** A fake Discord API that keeps the last message edit it received per interaction token. */
const edits = new Map();
const discord = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const token = /\/webhooks\/[^/]+\/([^/]+)\/messages/.exec(req.url ?? "")?.[1];
    if (token && body) edits.set(token, JSON.parse(body));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: "1" }));
  });
});

let stack;
let browser;

before(async () => {
  const port = await freePort();
  await new Promise((resolve) => discord.listen(port, "127.0.0.1", resolve));
  stack = await startStack(root, 90_000, [
    "--var",
    `DISCORD_PUBLIC_KEY:${publicKeyHex}`,
    "--var",
    `DISCORD_API_BASE:http://127.0.0.1:${port}`,
    "--var",
    "RATE_WEBHOOK_PER_MINUTE:0",
  ]);
  await stack.ready;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  discord.close();
});

async function interact(body) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString("hex");
  const res = await fetch(`${stack.base}/discord/interactions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp },
    body: raw,
  });
  return res.json();
}

async function zipLink(token) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const buttons = edits.get(token)?.components?.[0]?.components ?? [];
    const zip = buttons.find((b) => b.label === "Descargar ZIP");
    if (zip) return zip.url;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ZIP button after 60 s; last edit: ${JSON.stringify(edits.get(token))}`);
}

describe("a chat's ZIP link in a browser", () => {
  test("a plain GET of the link downloads the ZIP, and the token never reaches a URL the server sees", async () => {
    const unique = `${Date.now()}`;
    const token = `tok${unique}`;
    const answer = await interact({
      id: `int${unique}`,
      type: 2,
      application_id: "app-e2e",
      token,
      channel_id: `chan${unique}`,
      locale: "es-ES",
      member: { user: { id: `user${unique}` } },
      data: { name: "crear", options: [{ name: "idea", type: 3, value: "una app de notas" }] },
    });
    assert.deepEqual(answer, { type: 5 });
    const link = new URL(await zipLink(token));
    assert.match(link.hash, /^#[0-9a-f]{48}$/);
    assert.equal(link.search, "");

    const context = await browser.newContext({ acceptDownloads: true });
    const { page, problems } = await watchedPage(context);
    const download = page.waitForEvent("download");
    // The page submits its form while it loads, and that navigation ends as a download.
    await page.goto(link.toString(), { waitUntil: "commit" });
    const file = await download;
    assert.match(file.suggestedFilename(), /\.zip$/);
    const zip = await JSZip.loadAsync(readFileSync(await file.path()));
    assert.ok(Object.keys(zip.files).includes("README.md"));
    // The fragment is gone from the address bar (and so from the history).
    assert.equal(new URL(page.url()).hash, "");
    // wrangler's access log printed both requests, and the token in neither.
    const log = stack.stack.output();
    assert.match(log, new RegExp(`GET ${link.pathname} 200`));
    assert.match(log, new RegExp(`POST ${link.pathname} 200`));
    assert.ok(!log.includes(link.hash.slice(1)), "the token is not in wrangler's output");
    assert.deepEqual(problems, []);
    await context.close();
  });
});
