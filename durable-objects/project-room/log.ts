import type { ProjectEvent, ProjectEventBody } from "../../shared/protocol";

/**
 * A project's append-only event log in the Durable Object's SQLite. AUTOINCREMENT makes `seq`
 * strictly increasing and never reused, across all of the project's runs, which is what
 * `?after=<seq>` replay relies on. Each event names its run.
 */
export class ProjectLog {
  constructor(private readonly sql: SqlStorage) {}

  append(run: string, body: ProjectEventBody): ProjectEvent {
    const at = new Date().toISOString();
    const row = this.sql
      .exec<{ seq: number }>("INSERT INTO events (at, body, run) VALUES (?, ?, ?) RETURNING seq", at, JSON.stringify(body), run)
      .one();
    return { ...body, seq: row.seq, at, run };
  }

  /** The newest seq, or 0 for an empty log. */
  head(): number {
    return this.sql.exec<{ head: number }>("SELECT COALESCE(MAX(seq), 0) AS head FROM events").one().head;
  }

  /**
   * When `run` last showed a sign of life, in ms since the epoch: `latest` counts every event of
   * the run, `progress` leaves out the healer's own (a woken run that still does nothing made no progress).
   */
  lastActivity(run: string): { latest: number; progress: number } {
    const last = (where: string) =>
      this.sql.exec<{ at: string }>(`SELECT at FROM events WHERE run = ? ${where} ORDER BY seq DESC LIMIT 1`, run).toArray()[0]?.at ?? null;
    const latest = last("");
    const progress = last("AND json_extract(body, '$.type') <> 'heal'");
    return { latest: latest ? Date.parse(latest) : 0, progress: progress ? Date.parse(progress) : 0 };
  }

  /** Every event after `seq`, oldest first. */
  after(seq: number): ProjectEvent[] {
    return this.sql
      .exec<{ seq: number; at: string; body: string; run: string }>("SELECT seq, at, body, run FROM events WHERE seq > ? ORDER BY seq", seq)
      .toArray()
      .map((row) => ({ ...decode(row.body), seq: row.seq, at: row.at, run: row.run }));
  }
}

// The log is written only by `append`, from typed bodies, so decoding trusts its own writes.
function decode(body: string): ProjectEventBody {
  const value: ProjectEventBody = JSON.parse(body);
  return value;
}
