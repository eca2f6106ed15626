import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccountStore } from "../../../durable-objects/account-store/account-store";
import { encryptionKeySource } from "../../../workers/lib/key-crypto";
import { KeyVault } from "../../../durable-objects/account-store/key-vault";
import { call, newSession, postJson } from "../../helpers/api";
import type { ErrorJson } from "../../helpers/api";
import { getProject, startProject } from "../../helpers/projects";

const putKey = (provider: string, body: unknown, auth: Record<string, string>) =>
  call(`/api/account/keys/${provider}`, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("bring-your-own keys", () => {
  it("stores a key encrypted, shows only its last 4 characters, and deletes it", async () => {
    const { auth, accountId } = await newSession();
    const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz-WXYZ";
    const res = await putKey("openai", { apiKey }, auth);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ provider: "openai", last4: "WXYZ" });
    expect(body).not.toContain("abcdefgh");

    const store = env.ACCOUNTS.getByName(accountId);
    expect(await store.listKeys()).toEqual([{ provider: "openai", last4: "WXYZ" }]);
    expect(await store.providerKey(accountId, "openai")).toBe(apiKey);
    expect(await store.providerKey(accountId, "anthropic")).toBeNull();
    // At rest: ciphertext only, and bound to this account (another account id cannot open it).
    await runInDurableObject(store, async (_instance: AccountStore, state) => {
      const rows = state.storage.sql.exec("SELECT * FROM provider_keys").toArray();
      expect(JSON.stringify(rows)).not.toContain(apiKey);
      expect(JSON.stringify(rows)).not.toContain("abcdefghijklmnop");
    });
    expect(await store.providerKey("acc_someoneelse", "openai")).toBeNull();

    expect((await call("/api/account/keys/openai", { method: "DELETE", headers: auth })).status).toBe(204);
    expect(await store.listKeys()).toEqual([]);
    expect((await call("/api/account/keys/openai", { method: "DELETE", headers: auth })).status).toBe(404);
  });

  it("replaces a key on a second PUT and keeps providers apart", async () => {
    const { auth, accountId } = await newSession();
    await putKey("openai", { apiKey: "sk-first-key-000000001111" }, auth);
    await putKey("openai", { apiKey: "sk-second-key-00000002222" }, auth);
    await putKey("anthropic", { apiKey: "sk-ant-key-0000000003333" }, auth);
    const store = env.ACCOUNTS.getByName(accountId);
    expect(await store.listKeys()).toEqual([
      { provider: "anthropic", last4: "3333" },
      { provider: "openai", last4: "2222" },
    ]);
    expect(await store.providerKey(accountId, "openai")).toBe("sk-second-key-00000002222");
  });

  it.each([
    ["joxcoder", { apiKey: "sk-aaaaaaaaaaaa" }, 400, "provider"],
    ["openai", {}, 400, "apiKey"],
    ["openai", { apiKey: "short" }, 400, "apiKey"],
    ["openai", { apiKey: "has spaces in it" }, 400, "apiKey"],
  ])("rejects PUT %s %j with %i naming %s", async (provider, body, status, field) => {
    const { auth } = await newSession();
    const res = await putKey(provider, body, auth);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorJson).error.field).toBe(field);
  });

  it("requires a token", async () => {
    const res = await putKey("openai", { apiKey: "sk-aaaaaaaaaaaaaaaa" }, {});
    expect(res.status).toBe(401);
  });

  it("lets a project ask for a provider the user has a key for, and only then", async () => {
    const { auth } = await newSession();
    const before = await postJson("/api/projects", { prompt: "una app", model: "anthropic" }, auth);
    expect(before.status).toBe(400);
    expect(((await before.json()) as ErrorJson).error.message).toContain("PUT /api/account/keys/anthropic");
    await putKey("anthropic", { apiKey: "sk-ant-test-key-0000004444" }, auth);
    const run = await startProject(auth, { prompt: "Una app de notas rápidas", model: "anthropic" });
    try {
      await run.instance.waitForStatus("complete");
    } finally {
      await run.dispose();
    }
    expect(await getProject(run.id, auth)).toMatchObject({ model: "anthropic", status: "completed" });
  });
});

describe("the encryption key", () => {
  const base = { ENVIRONMENT: "production" };
  const asEnv = (value: Record<string, string>): Env => ({ ...env, ...value });

  it("is required in production", () => {
    const source = encryptionKeySource(asEnv({ ...base, KEYS_ENCRYPTION_KEY: "" }));
    expect(source.kind).toBe("missing");
    expect(source.kind === "missing" && source.message).toContain("KEYS_ENCRYPTION_KEY");
  });

  it("must be 32 bytes of base64", () => {
    expect(encryptionKeySource(asEnv({ ...base, KEYS_ENCRYPTION_KEY: btoa("too short") })).kind).toBe("invalid");
    expect(encryptionKeySource(asEnv({ ...base, KEYS_ENCRYPTION_KEY: "not base64!!" })).kind).toBe("invalid");
    expect(encryptionKeySource(asEnv({ ...base, KEYS_ENCRYPTION_KEY: btoa("x".repeat(32)) })).kind).toBe("secret");
  });

  it("falls back to a key kept in the account's storage in development only", async () => {
    expect(encryptionKeySource(asEnv({ ENVIRONMENT: "development", KEYS_ENCRYPTION_KEY: "" })).kind).toBe("local");
    const store = env.ACCOUNTS.getByName("acc_localvaulttest");
    await runInDurableObject(store, async (_instance: AccountStore, state) => {
      const vault = new KeyVault(state.storage.sql, asEnv({ ENVIRONMENT: "development", KEYS_ENCRYPTION_KEY: "" }));
      await vault.set("acc_localvaulttest", "openai", "sk-local-dev-key-000005555");
      expect(await vault.get("acc_localvaulttest", "openai")).toBe("sk-local-dev-key-000005555");
      expect(state.storage.sql.exec("SELECT sealed_with FROM provider_keys").one().sealed_with).toBe("local");
      // The same object in production, without the secret, refuses to store.
      const production = new KeyVault(state.storage.sql, asEnv({ ...base, KEYS_ENCRYPTION_KEY: "" }));
      await expect(production.set("acc_localvaulttest", "openai", "sk-another-key-0000006666")).rejects.toThrow(/KEYS_ENCRYPTION_KEY/);
    });
  });
});
