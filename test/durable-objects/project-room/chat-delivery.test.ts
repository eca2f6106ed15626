import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { randomId } from "../../../shared/ids";
import { renderProgress } from "../../../workers/chat/progress";
import { fakeCalls, waitForCalls } from "../../helpers/chat";

const alarmOf = (room: DurableObjectStub) => runInDurableObject(room, (_instance, state) => state.storage.getAlarm());

describe("chat delivery from the project's room", () => {
  it("sleeps while the message is up to date, and wakes once per change", async () => {
    const id = randomId("prj");
    const room = env.PROJECTS.getByName(id);
    const { view } = await room.create({ id, accountId: "acc_x", name: "Demo", prompt: "p", model: "blueprint" });
    const chatId = Number(`${Date.now() % 1_000_000}7`);
    // The status message already shows the queued view: nothing to send.
    await room.subscribeChat({ kind: "telegram", chatId, messageId: 1000, locale: "es" }, { shown: renderProgress(view, "es", {}) });
    const deadline = Date.now() + 3_000;
    while ((await alarmOf(room)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await alarmOf(room)).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await alarmOf(room)).toBeNull();
    const isEdit = (c: { path: string; body: unknown }) =>
      c.path.endsWith("/editMessageText") && Reflect.get(Object(c.body), "chat_id") === chatId;
    expect((await fakeCalls()).filter(isEdit)).toHaveLength(0);

    await room.stepStarted("r1", "architect", 1);
    const [edit] = await waitForCalls(isEdit, (calls) => calls.length === 1);
    expect(String(Reflect.get(Object(edit?.body), "text"))).toContain("⏳ Arquitecto");
    while ((await alarmOf(room)) !== null && Date.now() < deadline + 3_000) await new Promise((r) => setTimeout(r, 50));
    expect(await alarmOf(room)).toBeNull();
    expect((await fakeCalls()).filter(isEdit)).toHaveLength(1);
  });
});
