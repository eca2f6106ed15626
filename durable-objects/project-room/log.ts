import type { ProjectEvent, ProjectEventBody } from "../../shared/protocol";

/**
 * A project's append-only event log in the Durable Object's SQLite. AUTOINCREMENT makes `seq`
 * strictly increasing and never reused, which is what `?after=<seq>` replay relies on.
 */
export class ProjectLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, body TEXT NOT NULL)");
  }

  append(body: ProjectEventBody): ProjectEvent {
    const at = new Date().toISOString();
    const row = this.sql.exec<{ seq: number }>("INSERT INTO events (at, body) VALUES (?, ?) RETURNING seq", at, JSON.stringify(body)).one();
    return { ...body, seq: row.seq, at };
  }

  /** The newest seq, or 0 for an empty log. */
  head(): number {
    return this.sql.exec<{ head: number }>("SELECT COALESCE(MAX(seq), 0) AS head FROM events").one().head;
  }

  /**
   * When the run last showed a sign of life, in ms since the epoch: `any` counts every event,
   * `progress` leaves out the healer's own (a woken run that still does nothing made no progress).
   */
  lastActivity(): { any: number; progress: number } {
    const last = (where: string) =>
      this.sql.exec<{ at: string }>(`SELECT at FROM events ${where} ORDER BY seq DESC LIMIT 1`).toArray()[0]?.at ?? null;
    const any = last("");
    const progress = last("WHERE json_extract(body, '$.type') <> 'heal'");
    return { any: any ? Date.parse(any) : 0, progress: progress ? Date.parse(progress) : 0 };
  }

  /** Every event after `seq`, oldest first. */
  after(seq: number): ProjectEvent[] {
    return this.sql
      .exec<{ seq: number; at: string; body: string }>("SELECT seq, at, body FROM events WHERE seq > ? ORDER BY seq", seq)
      .toArray()
      .map((row) => ({ ...decode(row.body), seq: row.seq, at: row.at }));
  }
}

// The log is written only by `append`, from typed bodies, so decoding trusts its own writes.
function decode(body: string): ProjectEventBody {
  const value: ProjectEventBody = JSON.parse(body);
  return value;
}
