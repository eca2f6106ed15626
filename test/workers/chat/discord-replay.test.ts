import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { idFromSeed } from "../../../shared/ids";
import { call } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { interaction, signInteraction, signedInteraction } from "../../helpers/chat";

type Answer = { type: number; data?: { content?: string; flags?: number; components?: Array<{ components: Array<{ url: string }> }> } };
const send = async (init: RequestInit): Promise<Response> => call("/discord/interactions", init);
const now = () => Math.floor(Date.now() / 1000);
const MINUTE = 60;

describe("Discord: captured requests are not accepted again", () => {
  it("answers a signed PING that carries only its type", async () => {
    const res = await signedInteraction({ type: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it.each([
    ["30 days old", -30 * 24 * 60 * MINUTE],
    ["6 minutes old", -6 * MINUTE],
    ["6 minutes ahead", 6 * MINUTE],
  ])("refuses a validly signed request %s with 401", async (_when, offset) => {
    const res = await signedInteraction(interaction("consola", {}), { timestamp: now() + offset });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorJson).error.code).toBe("stale_request");
  });

  it("accepts one 4 minutes old or ahead", async () => {
    for (const offset of [-4 * MINUTE, 4 * MINUTE]) {
      expect((await signedInteraction({ type: 1 }, { timestamp: now() + offset })).status).toBe(200);
    }
  });

  it("refuses a body past 64 KiB with 413 before verifying it, declared or streamed", async () => {
    // Not even signed: a 401 would mean the body was read and verified first.
    const headers = { "x-signature-ed25519": "00".repeat(64), "x-signature-timestamp": String(now()) };
    const big = "x".repeat(5 * 1024 * 1024);
    const declared = await send({ method: "POST", headers, body: big });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorJson).error.code).toBe("body_too_large");
    const chunk = new TextEncoder().encode("y".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await send({ method: "POST", headers, body: stream });
    expect(streamed.status).toBe(413);
    // It stopped reading soon after the cap, not at the end of the 1 MiB stream.
    expect(sent).toBeLessThan(64);
  });
});

describe("Discord: each interaction id is answered once", () => {
  it("a replayed /crear maps to the project the first started, and starts nothing", async () => {
    const userId = `replay${Date.now()}`;
    const body = interaction("crear", { idea: "una app de notas" }, { userId });
    const signed = await signInteraction(body);
    expect(await (await send(signed)).json()).toEqual({ type: 5 });
    const replay = (await (await send(signed)).json()) as Answer;
    const projectId = await idFromSeed("prj", `discord:${body.id}`);
    expect(replay).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(replay.data?.content).toContain(projectId);
    const list = (await (await signedInteraction(interaction("proyectos", {}, { userId }))).json()) as Answer;
    expect(list.data?.content?.match(/prj_/g)).toHaveLength(1);
  });

  it("a replayed /crear that started nothing the first time starts nothing now either", async () => {
    const signed = await signInteraction(interaction("crear", { idea: "  " }, { userId: `replay${Date.now()}e` }));
    expect(await (await send(signed)).json()).toMatchObject({ type: 4, data: { flags: 64 } });
    const replay = (await (await send(signed)).json()) as Answer;
    expect(replay.data?.content).toBe("Ese comando ya se atendió; no lo repito.");
  });

  it("a replayed /consola mints no second sign-in link", async () => {
    const userId = `replay${Date.now()}c`;
    const signed = await signInteraction(interaction("consola", {}, { userId }));
    const first = (await (await send(signed)).json()) as Answer;
    expect(first.data?.components?.[0]?.components[0]?.url).toMatch(/\/auth\/console\?code=/);
    const replay = (await (await send(signed)).json()) as Answer;
    expect(replay).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("ya se atendió") } });
    expect(replay.data?.components ?? []).toEqual([]);
    const accountId = (await env.IDENTITIES.getByName(`discord:${userId}`).current()) ?? "";
    const codes = await runInDurableObject(env.ACCOUNTS.getByName(accountId), (_instance, state) => {
      return state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM login_codes").one().n;
    });
    expect(codes).toBe(1);
    // A new interaction (a new id) from the same user is answered as usual.
    const again = (await (await signedInteraction(interaction("consola", {}, { userId }))).json()) as Answer;
    expect(again.data?.components?.[0]?.components[0]?.url).toMatch(/\/auth\/console\?code=/);
  });

  it("a replayed /vincular mints no second code", async () => {
    const userId = `replay${Date.now()}v`;
    const signed = await signInteraction(interaction("vincular", {}, { userId }));
    const first = (await (await send(signed)).json()) as Answer;
    expect(first.data?.content).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const replay = (await (await send(signed)).json()) as Answer;
    expect(replay.data?.content).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(replay.data?.content).toContain("ya se atendió");
  });
});
