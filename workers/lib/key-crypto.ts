import { config } from "../config/config";

/**
 * AES-GCM for the users' own provider keys. The encryption key is the `KEYS_ENCRYPTION_KEY` secret
 * (32 random bytes, base64: `openssl rand -base64 32`). In development, without it, a key generated
 * once and kept in the account's own Durable Object storage is used instead; in production,
 * storing a key without the secret is refused.
 */

export type EncryptionKeySource =
  | { kind: "secret"; raw: Uint8Array }
  | { kind: "local" }
  | { kind: "missing" | "invalid"; message: string };

export function encryptionKeySource(env: Env): EncryptionKeySource {
  const { KEYS_ENCRYPTION_KEY: secret, ENVIRONMENT } = config(env);
  if (!secret) {
    if (ENVIRONMENT === "development") return { kind: "local" };
    return {
      kind: "missing",
      message:
        "storing API keys needs the KEYS_ENCRYPTION_KEY secret (32 random bytes, base64): run `openssl rand -base64 32 | wrangler secret put KEYS_ENCRYPTION_KEY`",
    };
  }
  const raw = decodeBase64(secret);
  if (raw?.byteLength !== 32) {
    return { kind: "invalid", message: "KEYS_ENCRYPTION_KEY must be 32 random bytes, base64-encoded (openssl rand -base64 32)" };
  }
  return { kind: "secret", raw };
}

export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

/** `aad` binds the ciphertext to its account and provider, so a row copied elsewhere will not decrypt. */
export async function encrypt(key: CryptoKey, plaintext: string, aad: string): Promise<{ iv: string; data: string }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { iv: encodeBase64(iv), data: encodeBase64(new Uint8Array(data)) };
}

/** null when the ciphertext does not open under this key (a rotated secret, a tampered row). */
export async function decrypt(key: CryptoKey, sealed: { iv: string; data: string }, aad: string): Promise<string | null> {
  const iv = decodeBase64(sealed.iv);
  const data = decodeBase64(sealed.data);
  if (!iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, key, data);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function decodeBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
