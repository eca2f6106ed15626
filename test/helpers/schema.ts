/** Drops every table of a Durable Object, so a test can write it as an older release did. */
export function wipeTables(sql: SqlStorage): void {
  const tables = sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
    .toArray();
  for (const { name } of tables) sql.exec(`DROP TABLE "${name}"`);
}

export function tableNames(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
    )
    .toArray()
    .map((row) => row.name);
}

/**
 * Constructs a Durable Object as the runtime does when it starts, and waits for its constructor's
 * `blockConcurrencyWhile` (the migrations) to finish, as the runtime does before the first call.
 */
export async function started<T>(state: DurableObjectState, make: () => T): Promise<T> {
  const object = make();
  await state.blockConcurrencyWhile(async () => {});
  return object;
}
