/** Random identifiers and hashing shared by the Worker, the Durable Objects and the Workflow. */

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random id with `prefix`, unambiguous when read aloud or typed from a chat message. */
export function randomId(prefix: string, length = 20): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

export const ACCOUNT_ID = /^acc_[a-z2-9]{20}$/;
export const PROJECT_ID = /^prj_[a-z2-9]{20}$/;

export function hex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (const byte of view) out += byte.toString(16).padStart(2, "0");
  return out;
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

/**
 * The same id for the same seed, in `randomId`'s format. Chat platforms redeliver messages they
 * think failed; deriving the project id from the delivery's own id makes a redelivery land on
 * the project it already started.
 */
export async function idFromSeed(prefix: string, seed: string, length = 20): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(seed)));
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return `${prefix}_${out}`;
}
