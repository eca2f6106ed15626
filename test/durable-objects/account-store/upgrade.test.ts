import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AccountStore } from "../../../durable-objects/account-store/account-store";
import { IdentityLink } from "../../../durable-objects/identity-link/identity-link";
import { schemaVersion } from "../../../durable-objects/schema";
import { randomId } from "../../../shared/ids";
import { started, wipeTables } from "../../helpers/schema";
import { ACCOUNT_STORE_MIGRATIONS } from "../../../durable-objects/account-store/schema";

const limits = { reserve: 50, perHour: 100, concurrent: 1 };

describe("AccountStore: an account written before runs, read after the upgrade", () => {
  it("keeps the project's hold and run row as run r1: settled once, counted against the limits", async () => {
    const accountId = randomId("acc");
    const held = randomId("prj");
    const charged = randomId("prj");
    const stub = env.ACCOUNTS.getByName(accountId);
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      wipeTables(sql);
      await started(state, () => new AccountStore(state, env, { upTo: 1 }));
      // As the single-run release wrote them: holds and run rows keyed by the project id.
      sql.exec("INSERT INTO account (id, created_at) VALUES (?, '2026-11-01T00:00:00.000Z')", accountId);
      const entry = "INSERT INTO ledger (key, kind, amount, reason, ref, created_at) VALUES (?, ?, ?, 'r', ?, '2026-11-01T00:00:00.000Z')";
      sql.exec(entry, "trial", "trial", 200, "trial");
      sql.exec(entry, `reserve:${held}`, "reservation", -50, held);
      sql.exec(entry, `reserve:${charged}`, "reservation", -50, charged);
      sql.exec(entry, `charge:${charged}`, "charge", 30, charged);
      sql.exec("INSERT INTO holds (ref, amount, status) VALUES (?, 50, 'held')", held);
      sql.exec("INSERT INTO holds (ref, amount, status, charged) VALUES (?, 50, 'charged', 20)", charged);
      sql.exec("INSERT INTO runs (project_id, started_at) VALUES (?, ?)", held, Date.now());
      sql.exec("INSERT INTO runs (project_id, started_at, finished_at) VALUES (?, ?, ?)", charged, Date.now() - 1000, Date.now());
      await started(state, () => new AccountStore(state, env));
      // Every migration since, in order: the latest version, whatever number it has reached.
      expect(schemaVersion(sql)).toBe(ACCOUNT_STORE_MIGRATIONS.length);
    });

    expect(await stub.credits()).toBe(130);
    // Written before holds remembered what was metered: nothing, as far as anyone knows.
    expect(await stub.runHold({ projectId: held, runId: "r1" })).toMatchObject({ status: "held", amount: 50, metered: 0 });
    // The running generation still holds its slot: a new project's run is refused (limit 1).
    expect(await stub.admitRun({ projectId: randomId("prj"), runId: "r1" }, limits)).toMatchObject({ ok: false, reason: "concurrent" });
    // Its Workflow asks again for its first run and finds the same hold, not a second reservation.
    expect(await stub.admitRun({ projectId: held, runId: "r1" }, limits)).toMatchObject({ ok: true, hold: { amount: 50 } });
    expect(await stub.credits()).toBe(130);
    // A settled run stays settled under its new key.
    expect(await stub.admitRun({ projectId: charged, runId: "r1" }, limits)).toEqual({ ok: false, reason: "settled" });
    // Charging the old hold settles it once and frees the slot.
    expect(await stub.chargeRun({ projectId: held, runId: "r1" }, 40)).toMatchObject({ status: "charged", charged: 40 });
    expect(await stub.chargeRun({ projectId: held, runId: "r1" }, 40)).toMatchObject({ status: "charged", charged: 40 });
    expect(await stub.credits()).toBe(140);
    // The project's next run is a run of its own: its own hold, next to the settled one.
    expect(await stub.admitRun({ projectId: held, runId: "r2" }, limits)).toMatchObject({ ok: true, hold: { ref: `${held}/r2` } });
    expect(await stub.credits()).toBe(90);
  });
});

describe("IdentityLink: an identity written before versions", () => {
  it("gains the link-code table at start and keeps its account", async () => {
    const stub = env.IDENTITIES.getByName(`telegram:${randomId("u")}`);
    const accountId = randomId("acc");
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      wipeTables(sql);
      // Before versions: only `link`; `offer` was created by the first link code.
      sql.exec("CREATE TABLE link (account_id TEXT NOT NULL, linked_at TEXT NOT NULL)");
      sql.exec("INSERT INTO link (account_id, linked_at) VALUES (?, '2026-11-01T00:00:00.000Z')", accountId);
      const link = await started(state, () => new IdentityLink(state, env));
      expect(schemaVersion(sql)).toBe(2);
      expect(link.claimInteraction("i1", Date.now() + 60_000)).toBe(true);
      expect(link.current()).toBe(accountId);
      expect(link.takeCode()).toBeNull();
    });
  });
});
