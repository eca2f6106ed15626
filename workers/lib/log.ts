/**
 * One structured JSON line per request and per step, so a run can be followed from the logs alone
 * (Workers Logs indexes the fields). Callers pass identifiers and measurements, never secrets or
 * whole prompts: the field type forbids objects, so nothing large slips in by accident.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined> & {
  /** The line's own name and time: a field of the same name would overwrite them. */
  event?: never;
  ts?: never;
};

export function log(event: string, fields: LogFields): void {
  const line: Record<string, LogFields[string]> = { event, ts: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) line[key] = value;
  const outcome = fields.outcome;
  if (outcome === "error" || outcome === "failed") console.error(JSON.stringify(line));
  else console.log(JSON.stringify(line));
}
