import { randomId, sha256Hex } from "../../shared/ids";

/**
 * `vincular`: one account makes a short code, another identity redeems it and from then on
 * shares that account (and its credits). Codes are 8 characters from an alphabet without
 * look-alikes (40 bits), valid ten minutes and once; only their hash names where they are kept.
 */

export const LINK_CODE_TTL_MS = 10 * 60 * 1000;
export const IDENTITY = /^(discord|telegram):[0-9A-Za-z_-]{1,64}$/;

export class InvalidIdentityError extends Error {
  override readonly name = "InvalidIdentityError";
}

export async function createLinkCode(env: Env, accountId: string): Promise<{ code: string; expiresAt: string }> {
  const raw = randomId("l", 8).slice(2);
  const expiresAt = Date.now() + LINK_CODE_TTL_MS;
  await (await codeHolder(env, raw)).offerCode(accountId, expiresAt);
  return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`.toUpperCase(), expiresAt: new Date(expiresAt).toISOString() };
}

/** Links `identity` to the code's account; null if the code is unknown, used or expired. */
export async function redeemLinkCode(env: Env, code: string, identity: string): Promise<{ accountId: string } | null> {
  if (!IDENTITY.test(identity)) throw new InvalidIdentityError(`not an identity: ${identity.slice(0, 80)}`);
  const accountId = await takeLinkCode(env, code);
  if (!accountId) return null;
  await moveIdentity(env, identity, accountId);
  return { accountId };
}

/** Spends a code without linking an identity (the console's redeem). */
export async function takeLinkCode(env: Env, code: string): Promise<string | null> {
  const raw = normalize(code);
  if (!raw) return null;
  return (await codeHolder(env, raw)).takeCode();
}

/** Points `identity` at `accountId` and keeps both accounts' identity lists right. */
export async function moveIdentity(env: Env, identity: string, accountId: string): Promise<void> {
  const link = env.IDENTITIES.getByName(identity);
  const previous = await link.current();
  await link.relink(accountId);
  if (previous && previous !== accountId) await env.ACCOUNTS.getByName(previous).unlinkIdentity(identity);
  await env.ACCOUNTS.getByName(accountId).linkIdentity(identity);
}

/** Accepts what a person types: any case, with or without the dash or spaces. */
function normalize(code: string): string | null {
  const raw = code.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-km-np-z2-9]{8}$/.test(raw) ? raw : null;
}

async function codeHolder(env: Env, raw: string) {
  return env.IDENTITIES.getByName(`link-code:${await sha256Hex(raw)}`);
}
