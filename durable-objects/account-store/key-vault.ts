import { decodeBase64, decrypt, encodeBase64, encrypt, encryptionKeySource, importAesKey } from "../../workers/lib/key-crypto";

export interface StoredKeyRef {
  provider: string;
  /** The last 4 characters at most: enough to recognise a key, never enough to use it. */
  last4: string;
}

/** Storing a key is not possible in this deployment; the message says what to configure. */
export class KeysUnavailableError extends Error {
  override readonly name = "KeysUnavailableError";
}

/**
 * An account's own provider keys, encrypted at rest in its AccountStore's SQLite. Keys leave only
 * through `get`, which the Workflow step calls to build its model; nothing here logs them.
 */
export class KeyVault {
  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Env,
  ) {}

  async set(accountId: string, provider: string, apiKey: string): Promise<StoredKeyRef> {
    const { key, sealedWith } = await this.sealingKey();
    const sealed = await encrypt(key, apiKey, `${accountId}:${provider}`);
    const last4 = apiKey.length > 12 ? apiKey.slice(-4) : "";
    this.sql.exec(
      "INSERT OR REPLACE INTO provider_keys (provider, iv, data, last4, sealed_with, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      provider,
      sealed.iv,
      sealed.data,
      last4,
      sealedWith,
      new Date().toISOString(),
    );
    return { provider, last4 };
  }

  delete(provider: string): boolean {
    return this.sql.exec("DELETE FROM provider_keys WHERE provider = ? RETURNING provider", provider).toArray().length > 0;
  }

  list(): StoredKeyRef[] {
    return this.sql
      .exec<{ provider: string; last4: string }>("SELECT provider, last4 FROM provider_keys ORDER BY provider")
      .toArray()
      .map((row) => ({ provider: row.provider, last4: row.last4 }));
  }

  /** The decrypted key, or null if there is none or it no longer opens (the secret was rotated). */
  async get(accountId: string, provider: string): Promise<string | null> {
    const row = this.sql
      .exec<{ iv: string; data: string; sealed_with: string }>(
        "SELECT iv, data, sealed_with FROM provider_keys WHERE provider = ?",
        provider,
      )
      .toArray()[0];
    if (!row) return null;
    const key = row.sealed_with === "local" ? await this.localKey(false) : await this.secretKey();
    return key ? decrypt(key, row, `${accountId}:${provider}`) : null;
  }

  private async sealingKey(): Promise<{ key: CryptoKey; sealedWith: "secret" | "local" }> {
    const source = encryptionKeySource(this.env);
    if (source.kind === "secret") return { key: await importAesKey(source.raw), sealedWith: "secret" };
    if (source.kind === "local") {
      const key = await this.localKey(true);
      if (key) return { key, sealedWith: "local" };
    }
    throw new KeysUnavailableError(source.kind === "missing" || source.kind === "invalid" ? source.message : "no encryption key");
  }

  private async secretKey(): Promise<CryptoKey | null> {
    const source = encryptionKeySource(this.env);
    return source.kind === "secret" ? importAesKey(source.raw) : null;
  }

  /** Development only: a random key generated on first use and kept in this object's storage. */
  private async localKey(create: boolean): Promise<CryptoKey | null> {
    let raw = this.sql.exec<{ raw: string }>("SELECT raw FROM local_vault_key WHERE id = 1").toArray()[0]?.raw;
    if (!raw && create) {
      raw = encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
      this.sql.exec("INSERT INTO local_vault_key (id, raw) VALUES (1, ?)", raw);
    }
    const bytes = raw ? decodeBase64(raw) : null;
    return bytes ? importAesKey(bytes) : null;
  }
}
