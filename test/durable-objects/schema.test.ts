import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { migrate, schemaVersion } from "../../durable-objects/schema";
import { randomId } from "../../shared/ids";
import { tableNames, wipeTables } from "../helpers/schema";

describe("Durable Object schema versions", () => {
  it("applies each migration once, in order, and records the version with it", async () => {
    const stub = env.IDENTITIES.getByName(`schema-test:${randomId("x")}`);
    await runInDurableObject(stub, (_instance, state) => {
      wipeTables(state.storage.sql);
      const ran: string[] = [];
      const migrations = [
        (sql: SqlStorage) => {
          ran.push("one");
          sql.exec("CREATE TABLE t (a TEXT)");
        },
        (sql: SqlStorage) => {
          ran.push("two");
          sql.exec("ALTER TABLE t ADD COLUMN b TEXT");
        },
      ];
      expect(schemaVersion(state.storage.sql)).toBe(0);
      expect(migrate(state.storage, migrations, { upTo: 1 })).toBe(1);
      expect(migrate(state.storage, migrations)).toBe(2);
      expect(migrate(state.storage, migrations)).toBe(2);
      expect(ran).toEqual(["one", "two"]);
      expect(schemaVersion(state.storage.sql)).toBe(2);
    });
  });

  it("leaves a failed migration undone and the version where it was", async () => {
    const stub = env.IDENTITIES.getByName(`schema-test:${randomId("x")}`);
    await runInDurableObject(stub, (_instance, state) => {
      wipeTables(state.storage.sql);
      const migrations = [
        "CREATE TABLE t (a TEXT)",
        (sql: SqlStorage) => {
          sql.exec("CREATE TABLE half_done (a TEXT)");
          throw new Error("bad migration");
        },
      ];
      expect(() => migrate(state.storage, migrations)).toThrow("bad migration");
      expect(schemaVersion(state.storage.sql)).toBe(1);
      expect(tableNames(state.storage.sql)).toEqual(["_schema", "t"]);
    });
  });

  it("refuses data written by a newer schema than the code knows", async () => {
    const stub = env.IDENTITIES.getByName(`schema-test:${randomId("x")}`);
    await runInDurableObject(stub, (_instance, state) => {
      wipeTables(state.storage.sql);
      migrate(state.storage, ["CREATE TABLE a (x TEXT)", "CREATE TABLE b (x TEXT)"]);
      expect(() => migrate(state.storage, ["CREATE TABLE a (x TEXT)"])).toThrow(/newer/);
    });
  });

  it("creates every table when the object starts, never inside a method", async () => {
    const room = env.PROJECTS.getByName(randomId("prj"));
    const tables = await runInDurableObject(room, (_instance, state) => tableNames(state.storage.sql));
    expect(tables).toEqual(
      expect.arrayContaining([
        "_schema",
        "project",
        "runs",
        "steps",
        "files",
        "events",
        "shares",
        "tokens",
        "chat_targets",
        "chat_claims",
        "download_links",
      ]),
    );
    const account = env.ACCOUNTS.getByName(randomId("acc"));
    expect(await runInDurableObject(account, (_i, state) => tableNames(state.storage.sql))).toEqual(
      expect.arrayContaining(["_schema", "holds", "ledger", "runs", "provider_keys", "token_expiry", "purchases"]),
    );
    const identity = env.IDENTITIES.getByName(`telegram:${randomId("u")}`);
    expect(await runInDurableObject(identity, (_i, state) => tableNames(state.storage.sql))).toEqual([
      "_schema",
      "link",
      "offer",
      "seen_interactions",
    ]);
    // The rate limiter keeps its counter in memory: starting one writes nothing at all.
    const limiter = env.RATE_LIMITER.getByName(`api:${randomId("ip")}`);
    expect(await runInDurableObject(limiter, (_i, state) => tableNames(state.storage.sql))).toEqual([]);
  });
});
