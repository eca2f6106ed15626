import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../helpers/api";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";
import { parseGithub } from "../../../workers/chat/telegram";
import { fakeRepo } from "../../helpers/github";

type Body = { content?: string; components?: Array<{ components: Array<{ label: string; url: string }> }>; flags?: number };
const bodyOf = (c: { body: unknown }): Body => (typeof c.body === "object" && c.body !== null ? c.body : {});
const CLONE = /git clone (http:\/\/autocrea:[0-9a-f]{48}@[^/\s]+\/git\/(prj_[a-z2-9]{20})\.git)/;

/** A Discord user with one finished project; returns the final progress message's text. */
async function finishedProject(userId: string): Promise<{ text: string; projectId: string; accountId: string }> {
  const body = interaction("crear", { idea: "una app de notas con etiquetas" }, { userId });
  await signedInteraction(body);
  const edits = await waitForCalls(
    (c) => c.path.includes(`/webhooks/app123/${body.token}/messages/@original`),
    (calls) => calls.some((c) => bodyOf(c).content?.includes("listo") ?? false),
  );
  const text = bodyOf(edits.at(-1) ?? { body: null }).content ?? "";
  const projectId = CLONE.exec(text)?.[2] ?? "";
  const accountId = (await env.IDENTITIES.getByName(`discord:${userId}`).current()) ?? "";
  return { text, projectId, accountId };
}

describe("the bots and git", () => {
  it("end a run with a clone command whose token opens the repository, and /estado shows it too", async () => {
    const userId = `g${Date.now()}`;
    const { text } = await finishedProject(userId);
    const match = CLONE.exec(text);
    expect(text).toContain("Clónalo con git:");
    expect(match).not.toBeNull();
    const url = new URL(match?.[1] ?? "");
    const refs = await call(`${url.pathname}/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${btoa(`${url.username}:${url.password}`)}` },
    });
    expect(refs.status).toBe(200);
    const status = (await (await signedInteraction(interaction("estado", {}, { userId }))).json()) as { data: Body };
    expect(CLONE.exec(status.data.content ?? "")?.[1]).toBe(match?.[1]);
  });

  it("/github exports the latest project from Discord and edits the answer to the outcome", async () => {
    const userId = `h${Date.now()}`;
    const { projectId, accountId } = await finishedProject(userId);
    const noToken = (await (await signedInteraction(interaction("github", { repo: "alice/notas" }, { userId }))).json()) as {
      data: Body;
    };
    expect(noToken.data.flags).toBe(64);
    expect(noToken.data.content).toContain("token de GitHub");

    await env.ACCOUNTS.getByName(accountId).setKey(accountId, "github", "ghp_user_alice_chat0000000000");
    const repo = `alice/notas-${Date.now()}`;
    const body = interaction("github", { repo }, { userId });
    const answer = (await (await signedInteraction(body)).json()) as { type: number; data: Body };
    expect(answer.type).toBe(4);
    expect(answer.data.content).toContain(`Exportando`);
    const edits = await waitForCalls(
      (c) => c.path.includes(`/webhooks/app123/${body.token}/messages/@original`),
      (calls) => calls.length > 0,
    );
    const final = bodyOf(edits.at(-1) ?? { body: null });
    expect(final.content).toContain(`Historia subida a ${repo}, rama main`);
    expect(final.components?.[0]?.components[0]).toEqual({
      type: 2,
      style: 5,
      label: "Abrir en GitHub",
      url: `https://github.test/${repo}/tree/main`,
    });
    expect((await fakeRepo(repo)).refs["refs/heads/main"]).toBe(await env.PROJECTS.getByName(projectId).gitRef("refs/heads/main"));
  });
});

describe("/github on Telegram", () => {
  it("reads the repository, an optional project id and an optional branch", () => {
    expect(parseGithub("alice/app")).toEqual({ repo: "alice/app" });
    expect(parseGithub(" alice/app prj_abcdefghijkmnpqrstuv rama: dev ")).toEqual({
      repo: "alice/app",
      project: "prj_abcdefghijkmnpqrstuv",
      branch: "dev",
    });
    expect(parseGithub("branch:feature/x alice/app")).toEqual({ repo: "alice/app", branch: "feature/x" });
    expect(parseGithub("")).toEqual({ repo: "" });
  });

  it("answers at once, then edits that message to the outcome", async () => {
    const chatId = Number(`7${Date.now() % 1_000_000}`);
    const send = (text: string) =>
      call("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test-telegram-secret" },
        body: JSON.stringify({
          update_id: Math.floor(Math.random() * 1e9),
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: "private", first_name: "Ana" },
            from: { id: chatId, is_bot: false, first_name: "Ana", language_code: "es" },
            text,
            entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }],
          },
        }),
      });
    const forChat = (method: string) => (c: { path: string; body: unknown }) =>
      c.path.endsWith(`/${method}`) && Reflect.get(Object(c.body), "chat_id") === chatId;
    const textOf = (c: { body: unknown }) => String(Reflect.get(Object(c.body), "text"));
    await send("/crear una app de recetas");
    await waitForCalls(forChat("editMessageText"), (calls) => calls.some((c) => textOf(c).includes("listo")));
    const accountId = (await env.IDENTITIES.getByName(`telegram:${chatId}`).current()) ?? "";
    await env.ACCOUNTS.getByName(accountId).setKey(accountId, "github", "ghp_user_alice_tele0000000000");
    const repo = `alice/recetas-${chatId}`;
    expect((await send(`/github ${repo} rama: dev`)).status).toBe(200);
    const sent = await waitForCalls(forChat("sendMessage"), (calls) => calls.some((c) => textOf(c).includes("Exportando")));
    const exporting = sent.find((c) => textOf(c).includes("Exportando"));
    const edits = await waitForCalls(forChat("editMessageText"), (calls) => calls.some((c) => textOf(c).includes("Historia subida")));
    const final = edits.find((c) => textOf(c).includes("Historia subida"));
    expect(textOf(final ?? { body: null })).toContain(`${repo}, rama dev`);
    expect(Reflect.get(Object(final?.body), "message_id")).toBeTypeOf("number");
    expect(exporting).toBeDefined();
    expect((await fakeRepo(repo)).refs["refs/heads/dev"]).toMatch(/^[0-9a-f]{40}$/);
  });
});
