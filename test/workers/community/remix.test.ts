import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import type { ProjectView } from "../../../shared/protocol";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { finishedProject, setVisibility } from "../../helpers/community";
import { interaction, signedInteraction, waitForCalls } from "../../helpers/chat";
import { introspectWorkflow } from "cloudflare:test";
import { getAccountJson } from "../../helpers/billing";
import { generated } from "../../helpers/follow-ups";

interface RemixAnswer {
  project: ProjectView;
  parent: { id: string; name: string };
  edit: { status: string } | null;
}

async function remix(id: string, auth: Record<string, string>, body: unknown = {}) {
  return postJson(`/api/projects/${id}/remix`, body, auth);
}

describe("remix", () => {
  it("copies a public project into the remixer's account: same files and ZIP, a remix run, a link back, free", async () => {
    const source = await finishedProject();
    await setVisibility(source.id, source.auth, "public");
    const remixer = await newSession();
    const before = await env.ACCOUNTS.getByName(remixer.accountId).credits();
    const res = await remix(source.id, remixer.auth);
    expect(res.status).toBe(201);
    const body = (await res.json()) as RemixAnswer;
    const copy = body.project;
    expect(copy.id).not.toBe(source.id);
    expect(body.parent).toEqual({ id: source.id, name: `Demo ${source.word}` });
    expect(body.edit).toBeNull();
    expect(copy.name).toBe(`Demo ${source.word} (remix)`);
    expect(copy.runs).toMatchObject([{ id: "r1", kind: "remix", status: "completed" }]);

    // The remixer owns it; the source's owner does not see it.
    const mine = await call(`/api/projects/${copy.id}`, { headers: remixer.auth });
    expect(mine.status).toBe(200);
    expect((await call(`/api/projects/${copy.id}`, { headers: source.auth })).status).toBe(404);
    const listed = (await (await call("/api/projects", { headers: remixer.auth })).json()) as { projects: Array<{ id: string }> };
    expect(listed.projects.map((p) => p.id)).toContain(copy.id);

    // Same files, byte for byte, and the same ZIP.
    const sourceView = (await (await call(`/api/projects/${source.id}`, { headers: source.auth })).json()) as ProjectView;
    expect(copy.files.map((f) => [f.path, f.size])).toEqual(sourceView.files.map((f) => [f.path, f.size]));
    for (const file of sourceView.files) {
      const a = await (await call(`/api/projects/${source.id}/files/${file.path}`, { headers: source.auth })).text();
      const b = await (await call(`/api/projects/${copy.id}/files/${file.path}`, { headers: remixer.auth })).text();
      expect(b).toBe(a);
    }
    const zipA = await (await call(`/api/projects/${source.id}/zip`, { headers: source.auth })).arrayBuffer();
    const zipB = await (await call(`/api/projects/${copy.id}/zip`, { headers: remixer.auth })).arrayBuffer();
    expect(new Uint8Array(zipB)).toEqual(new Uint8Array(zipA));

    // A link back to its parent, the source's remix count, private until its owner says otherwise, and free.
    const info = (await (await call(`/api/projects/${copy.id}/community`, { headers: remixer.auth })).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ visibility: "private", parent: { id: source.id } });
    expect(await (await call(`/p/${source.id}/community`)).json()).toMatchObject({ remixes: 1 });
    expect(await env.ACCOUNTS.getByName(remixer.accountId).credits()).toBe(before);
  });

  it("is only for public or unlisted projects, or the remixer's own", async () => {
    const source = await finishedProject();
    const stranger = await newSession();
    expect((await remix(source.id, stranger.auth)).status).toBe(404);
    expect((await remix(source.id, {})).status).toBe(401);
    expect((await remix(source.id, source.auth)).status).toBe(201);
    await setVisibility(source.id, source.auth, "unlisted");
    expect((await remix(source.id, stranger.auth)).status).toBe(201);
    expect((await remix(randomId("prj"), stranger.auth)).status).toBe(404);
  });

  it("needs a finished run to copy", async () => {
    const { accountId, auth } = await newSession();
    const id = randomId("prj");
    await env.PROJECTS.getByName(id).create({ id, accountId, name: "A medias", prompt: "una app", model: "blueprint" });
    const res = await remix(id, auth);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.code).toBe("not_ready");
  });

  it("says why an instruction was not applied when its edit cannot start (the copy is made all the same)", async () => {
    const source = await finishedProject();
    await setVisibility(source.id, source.auth, "public");
    const res = await remix(source.id, (await newSession()).auth, { instruction: "añade modo oscuro" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as RemixAnswer;
    expect(body.edit).toMatchObject({ status: "refused", code: "unsupported_edit" });
    expect(body.project.runs.map((r) => r.kind)).toEqual(["remix"]);
  });

  it("applies an instruction as an edit run of the copy, billed as any edit", async () => {
    const { auth } = await newSession();
    const source = await generated(auth, "Una app de reservas para mi peluquería");
    await setVisibility(source.id, auth, "public");
    const remixer = await newSession();
    const introspector = await introspectWorkflow(env.GENERATE_APP);
    await introspector.modifyAll((m) => m.disableRetryDelays());
    try {
      const res = await remix(source.id, remixer.auth, { instruction: "añade un campo teléfono a los servicios" });
      expect(res.status).toBe(201);
      const body = (await res.json()) as RemixAnswer;
      expect(body.edit).toEqual({ status: "started", run: "r2" });
      const [instance] = await introspector.get();
      await instance?.waitForStatus("complete");
      const copy = (await (await call(`/api/projects/${body.project.id}`, { headers: remixer.auth })).json()) as ProjectView;
      expect(copy.runs.map((r) => [r.kind, r.status, r.changed])).toEqual([
        ["remix", "completed", 0],
        ["edit", "completed", 3],
      ]);
      const zip = await call(`/api/projects/${body.project.id}/zip`, { headers: remixer.auth });
      expect(zip.status).toBe(200);
      const ledger = (await getAccountJson(remixer.auth)).ledger.entries;
      expect(ledger.some((e) => e.kind === "charge" && e.ref === `${body.project.id}/r2`)).toBe(true);
    } finally {
      await introspector.dispose();
    }
  });

  it("from Discord, answers with the copy and a link to it", async () => {
    const source = await finishedProject();
    await setVisibility(source.id, source.auth, "public");
    const body = interaction("remix", { proyecto: source.id }, { userId: `u${Date.now()}` });
    const first = (await (await signedInteraction(body)).json()) as {
      data: { content: string; components?: Array<{ components: Array<{ url: string }> }> };
    };
    expect(first.data.content).toContain(`Tu remix de «Demo ${source.word}» está listo`);
    expect(first.data.components?.[0]?.components[0]?.url).toMatch(/\/#\/projects\/prj_[a-z2-9]{20}$/);
    expect(await (await call(`/p/${source.id}/community`)).json()).toMatchObject({ remixes: 1 });
  });

  it("from Telegram, with an instruction, and a redelivered update lands on the same copy", async () => {
    const source = await finishedProject();
    await setVisibility(source.id, source.auth, "public");
    const chatId = Number(`${Date.now() % 1_000_000}7`);
    const update = JSON.stringify({
      update_id: chatId,
      message: {
        message_id: 3,
        date: 1_700_000_000,
        text: `/remix ${source.id} añade\nmodo oscuro`,
        chat: { id: chatId, type: "private", first_name: "Eva" },
        from: { id: chatId, is_bot: false, first_name: "Eva", language_code: "es" },
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    const deliver = () =>
      call("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test-telegram-secret" },
        body: update,
      });
    expect((await deliver()).status).toBe(200);
    expect((await deliver()).status).toBe(200);
    const isReply = (c: { path: string; body: unknown }) =>
      c.path.endsWith("/sendMessage") && Reflect.get(Object(c.body), "chat_id") === chatId;
    const replies = await waitForCalls(isReply, (calls) => calls.length === 2);
    const texts = replies.map((r) => String(Reflect.get(Object(r.body), "text")));
    expect(texts[0]).toContain("Tu instrucción no se aplicó");
    const links = texts.map((text) => /#\/projects\/(prj_[a-z2-9]{20})/.exec(text)?.[1]);
    expect(links[0]).toBeTruthy();
    expect(links[1]).toBe(links[0]);
    expect(await (await call(`/p/${source.id}/community`)).json()).toMatchObject({ remixes: 1 });
  });

  it("from Discord, takes the public link /galeria answered with instead of the id", async () => {
    const source = await finishedProject();
    await setVisibility(source.id, source.auth, "public");
    const body = interaction("remix", { proyecto: `https://autocrea.example/p/${source.id}` }, { userId: `u${Date.now()}` });
    const answer = (await (await signedInteraction(body)).json()) as { data: { content: string } };
    expect(answer.data.content).toContain(`Tu remix de «Demo ${source.word}» está listo`);
    expect(await (await call(`/p/${source.id}/community`)).json()).toMatchObject({ remixes: 1 });
  });

  it("from Discord, says when the project cannot be seen", async () => {
    const source = await finishedProject();
    const answer = (await (await signedInteraction(interaction("remix", { proyecto: source.id }))).json()) as { data: { content: string } };
    expect(answer.data.content).toBe("No encuentro ese proyecto, o no es público.");
  });
});
