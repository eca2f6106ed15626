import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId, sha256Hex } from "../../../shared/ids";
import { DISCORD_COMMANDS } from "../../../workers/chat/discord-commands";
import { blobKey } from "../../../workflows/files/storage";
import { call } from "../../helpers/api";
import { galleryIds } from "../../helpers/community";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";

type Answer = {
  type: number;
  data: { content: string; flags?: number; components?: Array<{ components: Array<{ label: string; url: string }> }> };
};

let n = 0;
const uniqueId = () => `${Date.now() % 1_000_000}${++n}`;

/** A Discord slash command from a user whose profile name is Ana Pérez. */
async function ask(name: string, options: Record<string, string>, userId: string, locale?: string): Promise<Answer> {
  const body = interaction(name, options, { userId, ...(locale ? { locale } : {}) });
  const user = { id: userId, username: "ana_p", global_name: "Ana Pérez" };
  return (await signedInteraction({ ...body, member: { user } })).json();
}

/** A finished project in the chat user's account, straight into its room. */
async function projectOf(identity: string, files: Record<string, string> = { "src/app.js": "export {};\n" }) {
  const { accountId } = await env.IDENTITIES.getByName(identity).resolve();
  const id = randomId("prj");
  const word = `w${randomId("x", 10).slice(2)}`;
  const room = env.PROJECTS.getByName(id);
  const { view } = await room.create({ id, accountId, name: `Recetas ${word}`, prompt: `una app de recetas ${word}`, model: "blueprint" });
  await env.ACCOUNTS.getByName(accountId).addProject({ id, name: view.name, createdAt: view.createdAt });
  await room.stepStarted("r1", "backend", 1);
  for (const [path, content] of Object.entries(files)) {
    const sha256 = await sha256Hex(content);
    await env.ARTIFACTS.put(blobKey(id, sha256), content);
    await room.fileWritten("r1", "backend", 1, { path, size: content.length, sha256 });
  }
  await room.complete("r1");
  return { id, word, name: view.name };
}

describe("the bots' community commands", () => {
  it("registers /publicar, /ocultar, /galeria and /remix for Discord, in both languages", () => {
    const names = DISCORD_COMMANDS.map((c) => c.name);
    for (const name of ["publicar", "ocultar", "galeria", "remix"]) expect(names).toContain(name);
    for (const command of DISCORD_COMMANDS) expect(command.description_localizations["en-US"]).toBeTruthy();
  });

  it("/publicar makes the latest project public under the chat profile's name, and /ocultar makes it private", async () => {
    const userId = `u${uniqueId()}`;
    await ask("ayuda", {}, userId);
    const { id, word, name } = await projectOf(`discord:${userId}`);
    const published = await ask("publicar", {}, userId);
    expect(published.data.flags).toBeUndefined();
    expect(published.data.content).toContain(`«${name}» es público`);
    expect(published.data.content).toContain(`http://127.0.0.1:8787/p/${id}`);
    expect(await galleryIds(word)).toEqual([id]);
    const entry = (await (await call(`/api/gallery?q=${word}`)).json()) as { entries: Array<{ author: string }> };
    expect(entry.entries[0]?.author).toBe("Ana Pérez");

    const hidden = await ask("ocultar", { proyecto: id }, userId, "en-US");
    expect(hidden.data.content).toContain(`“${name}” is private again`);
    expect(await galleryIds(word)).toEqual([]);
    expect((await call(`/p/${id}`)).status).toBe(404);
  });

  it("/publicar tells only the owner, privately, where a secret is that keeps the project unlisted", async () => {
    const userId = `u${uniqueId()}`;
    await ask("ayuda", {}, userId);
    const { id, word } = await projectOf(`discord:${userId}`, { ".env": "API_KEY='sk-abcdefghijklmnopqrstuvwxyz123456'\n" });
    const answer = await ask("publicar", { proyecto: id }, userId);
    expect(answer.data.flags).toBe(64);
    expect(answer.data.content).toContain("hay un secreto");
    expect(answer.data.content).toContain(".env, línea 1");
    expect(await galleryIds(word)).toEqual([]);
  });

  it("/publicar refuses someone else's project as if it did not exist", async () => {
    const owner = `u${uniqueId()}`;
    await ask("ayuda", {}, owner);
    const { id } = await projectOf(`discord:${owner}`);
    const answer = await ask("publicar", { proyecto: id }, `u${uniqueId()}`);
    expect(answer.data.content).toBe("No encuentro ese proyecto entre los tuyos.");
    expect((await call(`/p/${id}`)).status).toBe(404);
  });

  it("/galeria answers the top five with links, a search narrows it, and an empty search says so", async () => {
    const userId = `u${uniqueId()}`;
    await ask("ayuda", {}, userId);
    const { id, word, name } = await projectOf(`discord:${userId}`);
    await ask("publicar", { proyecto: id }, userId);
    const found = await ask("galeria", { busqueda: word }, `u${uniqueId()}`);
    expect(found.data.content).toContain(`Lo más destacado de la galería para «${word}»`);
    expect(found.data.content).toContain(`«${name}» de Ana Pérez`);
    expect(found.data.content).toContain(`/p/${id}`);
    const top = await ask("galeria", {}, `u${uniqueId()}`);
    expect(top.data.content.split("\n\n").length - 1).toBeLessThanOrEqual(5);
    const none = await ask("galeria", { busqueda: `nada${word}` }, `u${uniqueId()}`, "en-US");
    expect(none.data.content).toBe(`No public projects match “nada${word}”.`);
  });

  it("works the same from Telegram", async () => {
    const chatId = Number(uniqueId());
    const send = (text: string) => {
      const command = /^\/\S+/.exec(text)?.[0] ?? "";
      return call("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test-telegram-secret" },
        body: JSON.stringify({
          update_id: Number(uniqueId()),
          message: {
            message_id: 1,
            date: 0,
            text,
            chat: { id: chatId, type: "private", first_name: "Luis" },
            from: { id: chatId, is_bot: false, first_name: "Luis", last_name: "Gómez", language_code: "es" },
            entities: [{ type: "bot_command", offset: 0, length: command.length }],
          },
        }),
      });
    };
    await send("/ayuda");
    const { id, word } = await projectOf(`telegram:${chatId}`);
    await send("/publicar");
    await send(`/galeria ${word}`);
    const isReply = (c: { path: string; body: unknown }) =>
      c.path.endsWith("/sendMessage") && Reflect.get(Object(c.body), "chat_id") === chatId;
    const replies = await waitForCalls(isReply, (calls) => calls.length === 3);
    const texts = replies.map((r) => String(Reflect.get(Object(r.body), "text")));
    expect(texts[1]).toContain("es público");
    expect(texts[2]).toContain(`de Luis Gómez`);
    expect(texts[2]).toContain(`/p/${id}`);
  });
});
