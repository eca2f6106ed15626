/**
 * The name an account publishes under. Chosen by its owner (the console's publish panel, or the
 * bots, which offer the chat profile's name the first time); until then a neutral pseudonym made
 * from the account id, never anything that identifies the person.
 */

export const MAX_AUTHOR = 40;

export function defaultAuthor(accountId: string): string {
  return `autor-${accountId.slice(-6)}`;
}

/** Trims, collapses spaces, drops control characters; null when nothing usable is left. */
export function cleanAuthor(name: string): string | null {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_AUTHOR);
  return cleaned.length > 0 ? cleaned : null;
}

export async function authorName(db: D1Database, accountId: string): Promise<string | null> {
  const row = await db.prepare("SELECT display_name FROM authors WHERE account_id = ?1").bind(accountId).first<{ display_name: string }>();
  return row?.display_name ?? null;
}

/** Sets the name, and renames the account's entries already in the gallery. */
export async function setAuthorName(db: D1Database, accountId: string, name: string, now = Date.now()): Promise<void> {
  await db.batch([
    db
      .prepare(
        "INSERT INTO authors (account_id, display_name, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at",
      )
      .bind(accountId, name, now),
    db.prepare("UPDATE gallery SET author = ?2 WHERE account_id = ?1").bind(accountId, name),
  ]);
}
