import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { idFromSeed } from "../../../shared/ids";
import { call } from "../../helpers/api";
import { downloadZip } from "../../helpers/downloads";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";

const HOUR_MS = 3_600_000;
type Body = { content?: string; components?: Array<{ components: Array<{ label: string; url: string }> }>; flags?: number };
const bodyOf = (c: { body: unknown }): Body => (typeof c.body === "object" && c.body !== null ? c.body : {});

describe("Discord interactions: signatures", () => {
  it("answers a signed PING with PONG", async () => {
    const res = await signedInteraction({ id: "1", type: 1, application_id: "app123", token: "t" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it("rejects a tampered body, a foreign key and missing headers with 401, before parsing", async () => {
    const tampered = await signedInteraction(interaction("crear", { idea: "una app" }), { tamper: true });
    expect(tampered.status).toBe(401);
    const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const foreign = await signedInteraction({ id: "1", type: 1, application_id: "a", token: "t" }, { key: pair.privateKey });
    expect(foreign.status).toBe(401);
    const unsigned = await call("/discord/interactions", { method: "POST", body: "not even json" });
    expect(unsigned.status).toBe(401);
  });
});

describe("Discord /crear", () => {
  it("defers within the deadline, then edits the original message through to the result", async () => {
    const body = interaction("crear", { idea: "una app de tareas con etiquetas" });
    const started = Date.now();
    const res = await signedInteraction(body);
    // Discord's own contract: an answer within 3 seconds.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await res.json()).toEqual({ type: 5 });

    const edits = await waitForCalls(
      (c) => c.path.includes(`/webhooks/app123/${body.token}/messages/@original`),
      (calls) => calls.some((c) => bodyOf(c).content?.includes("listo") ?? false),
    );
    expect(edits.every((c) => c.method === "PATCH")).toBe(true);
    const contents = edits.map((c) => bodyOf(c).content ?? "");
    // Never the same text twice in a row, and the result last. (The offline model is quick enough
    // that the first edit, a second after the answer, may already be the result.)
    for (const [i, text] of contents.entries()) expect(text).not.toBe(contents[i - 1]);
    expect(contents.filter((text) => text.includes("listo"))).toHaveLength(1);
    const final = bodyOf(edits.at(-1) ?? { body: null });
    expect(final.content).toMatch(/✅ .* está listo: \d+ archivos/);
    const buttons = final.components?.[0]?.components ?? [];
    expect(buttons.map((b) => b.label)).toEqual(["Descargar ZIP", "Abrir en la consola"]);

    // The token rides in the fragment: the path and query a server (and its access log) sees lack it.
    const zipUrl = new URL(buttons[0]?.url ?? "");
    const token = zipUrl.hash.slice(1);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(zipUrl.pathname).toMatch(/^\/dl\/prj_[a-z2-9]{20}$/);
    expect(zipUrl.search).toBe("");
    const zip = await downloadZip(zipUrl.pathname, token);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const entries = Object.keys((await JSZip.loadAsync(await zip.arrayBuffer())).files);
    expect(entries).toContain("README.md");
    expect((await downloadZip(zipUrl.pathname, "0".repeat(48))).status).toBe(404);

    // /estado shows the ZIP button again, with the same link, its life renewed.
    const status = (await (await signedInteraction(interaction("estado", {}, { userId: body.member.user.id }))).json()) as { data: Body };
    const again = status.data.components?.[0]?.components.find((b) => b.label === "Descargar ZIP");
    expect(again?.url).toBe(zipUrl.toString());
  });

  it("/estado renews the ZIP link: a live one lives DOWNLOAD_LINK_TTL_HOURS again, an expired one is replaced and stays dead", async () => {
    const userId = `expiry${Date.now()}`;
    const body = interaction("crear", { idea: "una app de notas" }, { userId });
    expect(await (await signedInteraction(body)).json()).toEqual({ type: 5 });
    const room = env.PROJECTS.getByName(await idFromSeed("prj", `discord:${body.id}`));
    for (let i = 0; i < 200 && (await room.read())?.view.status !== "completed"; i++) await new Promise((r) => setTimeout(r, 50));
    const zipLink = async (): Promise<URL> => {
      const answer = (await (await signedInteraction(interaction("estado", {}, { userId }))).json()) as { data: Body };
      const button = answer.data.components?.[0]?.components.find((b) => b.label === "Descargar ZIP");
      return new URL(button?.url ?? "");
    };
    const setExpiry = (at: number) =>
      runInDurableObject(room, (_instance, state) => {
        state.storage.sql.exec("UPDATE download_links SET expires_at = ?", at);
      });
    const expiry = () =>
      runInDurableObject(
        room,
        (_instance, state) => state.storage.sql.exec<{ at: number }>("SELECT expires_at AS at FROM download_links").one().at,
      );
    const first = await zipLink();
    expect((await downloadZip(first.pathname, first.hash.slice(1))).status).toBe(200);
    // An hour of life left: asking /estado gives the same link its full DOWNLOAD_LINK_TTL_HOURS (72) again.
    await setExpiry(Date.now() + HOUR_MS);
    expect((await zipLink()).hash).toBe(first.hash);
    expect((await expiry()) - Date.now()).toBeGreaterThan(71 * HOUR_MS);
    // Past its expiry, as far as the room knows.
    await setExpiry(Date.now() - 1);
    expect((await downloadZip(first.pathname, first.hash.slice(1))).status).toBe(410);
    const second = await zipLink();
    expect(second.pathname).toBe(first.pathname);
    expect(second.hash).not.toBe(first.hash);
    expect((await downloadZip(second.pathname, second.hash.slice(1))).status).toBe(200);
    expect((await downloadZip(first.pathname, first.hash.slice(1))).status).toBe(404);
  });

  it("speaks English to English clients", async () => {
    const body = interaction("crear", { idea: "a recipe book app" }, { locale: "en-US" });
    expect(await (await signedInteraction(body)).json()).toEqual({ type: 5 });
    const edits = await waitForCalls(
      (c) => c.path.includes(`/${body.token}/messages/@original`),
      (calls) => calls.some((c) => bodyOf(c).content?.includes("is ready") ?? false),
    );
    expect(bodyOf(edits.at(-1) ?? { body: null }).components?.[0]?.components[0]?.label).toBe("Download ZIP");
  });

  it("moves to a channel message with the bot token when the interaction token has expired", async () => {
    const body = interaction("crear", { idea: "una app de inventario" }, { token: `expired${Date.now()}` });
    expect(await (await signedInteraction(body)).json()).toEqual({ type: 5 });
    const posts = await waitForCalls(
      (c) => c.path.startsWith(`/channels/${body.channel_id}/messages`),
      (calls) => calls.some((c) => bodyOf(c).content?.includes("listo") ?? false),
    );
    expect(posts[0]?.method).toBe("POST");
    expect(posts.slice(1).every((c) => c.method === "PATCH" && /\/messages\/channel-msg-\d+$/.test(c.path))).toBe(true);
    expect(posts.every((c) => c.authorization === "Bot test-discord-bot-token")).toBe(true);
  });

  it("answers what the user can fix privately, right away", async () => {
    const empty = await (await signedInteraction(interaction("crear", { idea: "  " }))).json();
    expect(empty).toMatchObject({ type: 4, data: { flags: 64 } });
    const badModel = await (await signedInteraction(interaction("crear", { idea: "x", modelo: "gpt-9000" }))).json();
    expect(badModel).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("modelo") } });
  });

  it("answers ayuda, proyectos, estado and consola", async () => {
    const userId = `u${Date.now()}`;
    const help = (await (await signedInteraction(interaction("ayuda", {}, { userId }))).json()) as { type: number; data: Body };
    expect(help.data.content).toContain("/crear");
    const none = (await (await signedInteraction(interaction("proyectos", {}, { userId }))).json()) as { data: Body };
    expect(none.data.content).toContain("Todavía no tienes proyectos");
    await signedInteraction(interaction("crear", { idea: "una app de notas", nombre: "Notas" }, { userId }));
    const list = (await (await signedInteraction(interaction("proyectos", {}, { userId }))).json()) as { data: Body };
    expect(list.data.content).toMatch(/Notas — prj_/);
    const status = (await (await signedInteraction(interaction("estado", {}, { userId }))).json()) as { data: Body };
    expect(status.data.content).toContain("Notas");
    const consola = (await (await signedInteraction(interaction("consola", {}, { userId }))).json()) as { data: Body };
    expect(consola.data.flags).toBe(64);
    expect(consola.data.components?.[0]?.components[0]?.url).toMatch(/\/auth\/console\?code=acc_[a-z2-9]{20}\.[0-9a-f]{64}$/);
  });
});
