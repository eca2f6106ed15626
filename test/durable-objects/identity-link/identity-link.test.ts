import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, randomId } from "../../../shared/ids";

describe("IdentityLink: chat identities map to accounts", () => {
  it("creates one account on first contact, even under concurrent messages", async () => {
    const identity = env.IDENTITIES.getByName(`telegram:${randomId("u")}`);
    const results = await Promise.all([identity.resolve(), identity.resolve(), identity.resolve()]);
    const ids = new Set(results.map((r) => r.accountId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]?.accountId).toMatch(ACCOUNT_ID);
  });

  it("can be pointed at another account", async () => {
    const identity = env.IDENTITIES.getByName(`discord:${randomId("u")}`);
    expect(await identity.current()).toBeNull();
    await identity.resolve();
    const target = randomId("acc");
    await identity.relink(target);
    expect(await identity.resolve()).toEqual({ accountId: target, created: false });
  });
});

describe("AccountStore: one-time login codes", () => {
  it("signs in once, then never again", async () => {
    const accountId = randomId("acc");
    const account = env.ACCOUNTS.getByName(accountId);
    const code = await account.issueLoginCode(accountId, 300);
    const [owner, secret] = code.split(".");
    expect(owner).toBe(accountId);
    const token = await account.consumeLoginCode(accountId, secret ?? "");
    expect(token?.startsWith(`${accountId}.`)).toBe(true);
    expect(await account.hasToken(token?.split(".")[1] ?? "")).toBe(true);
    expect(await account.consumeLoginCode(accountId, secret ?? "")).toBeNull();
  });

  it("refuses an expired code", async () => {
    const accountId = randomId("acc");
    const account = env.ACCOUNTS.getByName(accountId);
    const code = await account.issueLoginCode(accountId, -1);
    expect(await account.consumeLoginCode(accountId, code.split(".")[1] ?? "")).toBeNull();
  });
});
