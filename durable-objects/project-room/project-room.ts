import { DurableObject } from "cloudflare:workers";
import { ROLES } from "../../shared/roles";
import type { Role } from "../../shared/roles";
import type {
  GithubExportEvent,
  HealAction,
  ProjectError,
  ProjectEventBody,
  ProjectProblem,
  ProjectStatus,
  ProjectView,
  RunAnswer,
  RunDetail,
  RunKind,
  RunStatus,
  RunView,
  ServerMessage,
  Usage,
  ViewersMessage,
} from "../../shared/protocol";
import { FIRST_RUN, FOLLOW_UP_KINDS, runId } from "../../shared/runs";
import type { RunLocation } from "../../shared/runs";
import type { ProgressLinks } from "../../workers/chat/outbound";
import { migrateOnStart } from "../schema";
import type { MigrateOptions } from "../schema";
import { ChatDelivery } from "./chat-delivery";
import type { ChatTarget, SubscribeOptions } from "./chat-delivery";
import { ProjectLog } from "./log";
import { ProjectNotes } from "./notes";
import { hex } from "../../shared/ids";
import { cloneUrl } from "../../shared/git";
import { GitRefs } from "./refs";
import type { GitRef, RefUpdate } from "./refs";
import { ProjectRows, isFinal, parseError, toRole } from "./rows";
import type { ProjectRow, RunRow, StepRow, StoredFile } from "./rows";
import { PROJECT_ROOM_MIGRATIONS } from "./schema";
import { ProjectShares } from "./shares";
import { ProjectPublication } from "./publication";
import { refreshListing } from "../../workers/community/publish";
import type { PublicationState } from "./publication";
import type { Publication, PublicationHold, Visibility } from "../../shared/community";
import { DownloadLinks } from "./download-links";
import type { DownloadLink, TokenCheck } from "./download-links";
import { downloadUrl } from "../../workers/chat/outbound";
import { PUBLIC_TAG, SHARE_TAG, TOO_MANY_VIEWERS, VIEWERS_TAG, clientTag, tagsFor } from "./viewer-tags";
import { log } from "../../workers/lib/log";
import { config } from "../../workers/config/config";

export type { StoredFile } from "./rows";

const HOUR_MS = 3_600_000;

export interface ProjectInit {
  id: string;
  accountId: string;
  name: string;
  prompt: string;
  model: string;
  /** What the first run does: `generate`, or `remix` for a project copied from another. */
  kind?: RunKind;
  /** Files the first run starts from (a remix); a generation starts from nothing. */
  baseFiles?: Array<StoredFile & { role: Role }>;
  /** The first run's role steps; every role by default (a remix's copy has none). */
  roles?: readonly Role[];
  /** The project this one was remixed from. */
  parent?: { id: string; name: string };
  /** A remix's history: its source's completed runs, oldest first (see `historyRuns`). */
  inheritedHistory?: readonly RunLocation[];
}

export interface RunInit {
  kind: RunKind;
  /** What this run was asked to do (an edit's instruction); the project's idea stays its prompt. */
  prompt: string;
  model: string;
  /** The role steps the run will report, in order; every role by default. */
  roles?: readonly Role[];
}

/** What the healer (workers/runs/heal.ts) did to a run that made no progress. */
export type HealRecord =
  | { action: Exclude<HealAction, "failed">; reason: string }
  | { action: "failed"; reason: string; error: ProjectError };

/** A run as the healer sees it: whose it is, where it stands, and when it last showed a sign of life. */
export interface RunHealth {
  accountId: string;
  runId: string;
  status: RunStatus;
  /** ms since the epoch; see ProjectLog.lastActivity. */
  activity: { latest: number; progress: number };
}

export type BeginRun =
  | { ok: true; run: RunView; view: ProjectView }
  | { ok: false; reason: "running"; run: string }
  | { ok: false; reason: "missing" };

/**
 * One per project, addressed by the project id. Holds the project's runs and their state, and
 * the append-only event log, and fans every new event out to the viewers' WebSockets
 * (hibernation API, so idle viewers cost nothing).
 *
 * A project has runs (`r1` is the first generation; later runs edit or fix it). One runs at a
 * time; a finished run is frozen, and the next one starts from its files.
 *
 * Every write method is idempotent: the Workflow calls them from steps that may be retried and
 * from its `run()` body, which replays after a restart. Each names its run, so a late call from
 * an older run can never change a newer one.
 */
export class ProjectRoom extends DurableObject<Env> {
  private readonly log: ProjectLog;
  private readonly chats: ChatDelivery;
  private readonly notes: ProjectNotes;
  private readonly rows: ProjectRows;
  private readonly shares: ProjectShares;
  private readonly publications: ProjectPublication;
  private readonly downloads: DownloadLinks;
  private readonly refs: GitRefs;

  /** `schema` exists for the upgrade tests, which write data as an older release did. */
  constructor(ctx: DurableObjectState, env: Env, schema?: MigrateOptions) {
    super(ctx, env);
    migrateOnStart(ctx, PROJECT_ROOM_MIGRATIONS, schema);
    this.log = new ProjectLog(ctx.storage.sql);
    this.chats = new ChatDelivery(ctx.storage.sql, env);
    this.notes = new ProjectNotes(ctx.storage.sql);
    this.rows = new ProjectRows(ctx.storage.sql);
    this.shares = new ProjectShares(ctx.storage.sql);
    this.publications = new ProjectPublication(ctx.storage.sql);
    this.downloads = new DownloadLinks(ctx.storage.sql);
    this.refs = new GitRefs(ctx.storage.sql);
  }

  /**
   * Creates the project and its first run (`r1`); calling it again with the same id changes
   * nothing. `created` is true for exactly one caller, even when several race: that caller, and
   * only it, starts the Workflow.
   */
  create(init: ProjectInit): { view: ProjectView; created: boolean; run: string } {
    const existing = this.projectRow();
    if (!existing) {
      const now = new Date().toISOString();
      this.ctx.storage.sql.exec(
        "INSERT INTO project (id, account_id, name, prompt, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        init.id,
        init.accountId,
        init.name,
        init.prompt,
        init.model,
        now,
        now,
      );
      const first: RunInit = {
        kind: init.kind ?? "generate",
        prompt: init.prompt,
        model: init.model,
        ...(init.roles ? { roles: init.roles } : {}),
      };
      this.insertRun(1, first, init.baseFiles ?? [], now);
      if (init.parent) this.publications.setParent(init.parent);
      for (const [position, run] of (init.inheritedHistory ?? []).entries()) {
        this.ctx.storage.sql.exec(
          "INSERT INTO inherited_history (position, project_id, run_id, legacy) VALUES (?, ?, ?, ?)",
          position,
          run.projectId,
          run.runId,
          run.legacy ? 1 : 0,
        );
      }
    }
    return { view: this.requireView(), created: !existing, run: FIRST_RUN };
  }

  /**
   * Starts the next run on an existing project (an edit, a fix, ...), from the files of the
   * latest completed run. Refused while another run is queued or running: one at a time.
   * The caller then admits it (credits) and starts its Workflow with the returned run id.
   */
  beginRun(init: RunInit): BeginRun {
    if (!this.projectRow()) return { ok: false, reason: "missing" };
    const latest = this.rows.latestRun();
    if (latest && !isFinal(latest.status)) return { ok: false, reason: "running", run: latest.id };
    const base = this.rows.latestCompletedRun();
    const now = new Date().toISOString();
    const id = this.insertRun((latest?.n ?? 0) + 1, init, base ? this.rows.files(base.id) : [], now);
    this.ctx.storage.sql.exec("UPDATE project SET updated_at = ?", now);
    const run = this.rows.runs().find((r) => r.id === id);
    if (!run) throw new Error("run row missing right after it was written");
    return { ok: true, run, view: this.requireView() };
  }

  /**
   * The owner's account id, the project view and who may see it, or null when no project has
   * this id. One call, so every way in decides access from one consistent read.
   */
  read(): { accountId: string; view: ProjectView; publication: PublicationState } | null {
    const row = this.projectRow();
    // A later run turned away before it started does not change how the project stands.
    const run = this.rows.shownRun();
    return row && run ? { accountId: row.account_id, view: this.toView(row, run), publication: this.publications.get() } : null;
  }

  /** Who may see the project (docs/community.md). */
  publication(): PublicationState {
    return this.publications.get();
  }

  /**
   * Sets who may see the project. Going private also closes every socket opened through the
   * public page at once (share-link and owner sockets stay). A project an admin removed can only
   * be private.
   */
  setPublication(next: {
    visibility: Visibility;
    requested: Visibility;
    hold: PublicationHold | null;
  }): { ok: true; publication: Publication } | { ok: false; reason: "removed" } {
    const current = this.publications.get();
    if (current.removed && next.visibility !== "private") return { ok: false, reason: "removed" };
    this.publications.set(current.removed ? { ...next, hold: { code: "removed" } } : next);
    if (next.visibility === "private") this.closeViewers(PUBLIC_TAG, "project is private");
    const { removed: _removed, ...publication } = this.publications.get();
    return { ok: true, publication };
  }

  /** An admin removes the project (private, its public viewers disconnected) or lifts that. */
  moderate(removed: boolean): PublicationState {
    this.publications.setRemoved(removed);
    if (removed) this.closeViewers(PUBLIC_TAG, "project removed");
    return this.publications.get();
  }

  /** The healer's view of a run (the latest one by default), or null when there is no such run. */
  runHealth(run?: string): RunHealth | null {
    const project = this.projectRow();
    const row = run ? this.rows.run(run) : this.rows.latestRun();
    if (!project || !row) return null;
    const status = row.status;
    if (status !== "queued" && status !== "running" && status !== "completed" && status !== "failed") return null;
    return { accountId: project.account_id, runId: row.id, status, activity: this.log.lastActivity(row.id) };
  }

  /** The run's current files (the latest role's version of each path), with content hashes; the latest run's by default. */
  currentFiles(run?: string): Array<StoredFile & { role: Role }> {
    const id = run ?? this.rows.latestRun()?.id;
    return id ? this.rows.files(id) : [];
  }

  /**
   * Where the ZIP to download is: the latest completed run's, so a download keeps working while
   * a later run is in progress. Null when no run has completed.
   */
  packagedRun(): RunLocation | null {
    const project = this.projectRow();
    const run = this.rows.latestPackagedRun();
    return project && run ? { projectId: project.id, runId: run.id, legacy: run.legacy_keys === 1 } : null;
  }

  /** Records the git commit a finished run ended at (the git history is built after the run). */
  setRunCommit(run: string, commit: string): void {
    this.ctx.storage.sql.exec("UPDATE runs SET commit_id = ? WHERE id = ?", commit, run);
  }

  /**
   * A step attempt begins. What earlier attempts wrote stays until the step finishes: a retry that
   * writes the same content then announces nothing twice.
   */
  stepStarted(run: string, role: Role, attempt: number): void {
    const step = this.stepRow(run, role);
    if (!step || step.status === "done" || this.isFinished(run)) return;
    if (step.status === "running" && step.attempt >= attempt) return;
    this.setStatus(run, "running");
    this.ctx.storage.sql.exec(
      "UPDATE steps SET status = 'running', attempt = ?, started_at = ?, error = NULL WHERE run = ? AND role = ?",
      attempt,
      new Date().toISOString(),
      run,
      role,
    );
    this.emit(run, { type: "step", role, status: "running", attempt });
  }

  /** Streamed model text. Text from an attempt that is no longer current is dropped. */
  delta(run: string, role: Role, attempt: number, text: string): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt || text.length === 0) return;
    this.emit(run, { type: "delta", role, attempt, text });
  }

  /** A file block closed and its content is in R2. Writing the same content again is silent. */
  fileWritten(run: string, role: Role, attempt: number, file: StoredFile): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt) return;
    const same = this.ctx.storage.sql
      .exec(
        "SELECT 1 FROM files WHERE run = ? AND inherited = 0 AND role = ? AND path = ? AND sha256 = ?",
        run,
        role,
        file.path,
        file.sha256,
      )
      .toArray();
    if (same.length > 0) return;
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO files (run, inherited, role, path, size, sha256) VALUES (?, 0, ?, ?, ?, ?)",
      run,
      role,
      file.path,
      file.size,
      file.sha256,
    );
    this.emit(run, { type: "file", role, path: file.path, size: file.size });
  }

  /** The step is done; `files` is its authoritative manifest. */
  stepFinished(run: string, role: Role, files: StoredFile[], usage: Usage): void {
    const step = this.stepRow(run, role);
    if (!step || step.status === "done" || this.isFinished(run)) return;
    if (step.status !== "running") this.stepStarted(run, role, Math.max(1, step.attempt));
    for (const file of files) this.fileWritten(run, role, this.stepRow(run, role)?.attempt ?? 1, file);
    // Files only a failed attempt wrote are not part of the result.
    const keep = new Set(files.map((f) => f.path));
    const written = this.ctx.storage.sql
      .exec<{ path: string }>("SELECT path FROM files WHERE run = ? AND inherited = 0 AND role = ?", run, role)
      .toArray();
    for (const row of written) {
      if (keep.has(row.path)) continue;
      this.ctx.storage.sql.exec("DELETE FROM files WHERE run = ? AND inherited = 0 AND role = ? AND path = ?", run, role, row.path);
      this.emit(run, { type: "file", role, path: row.path, size: 0, removed: true });
    }
    this.ctx.storage.sql.exec(
      "UPDATE steps SET status = 'done', finished_at = ?, prompt_tokens = ?, completion_tokens = ? WHERE run = ? AND role = ?",
      new Date().toISOString(),
      usage.promptTokens,
      usage.completionTokens,
      run,
      role,
    );
    const attempt = this.stepRow(run, role)?.attempt ?? 1;
    this.emit(run, { type: "step", role, status: "done", attempt, usage });
  }

  /** The project's model gave up and the user's own provider took over; announced once per attempt. */
  modelSwitched(run: string, role: Role, attempt: number, change: { from: string; to: string; reason: string }): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt) return;
    if (!this.notes.recordSwitch(run, role, attempt, change.from, change.to)) return;
    this.emit(run, { type: "model", role, attempt, ...change });
  }

  /** The provider that took over from the project's model in an earlier role of the run, if one did. */
  switchedTo(run: string): string | null {
    return this.notes.lastSwitch(run) ?? null;
  }

  /** What is still wrong with the role's files after repair; each new problem is announced once. */
  reportProblems(run: string, role: Role, attempt: number, problems: ProjectProblem[]): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt) return;
    for (const problem of this.notes.replaceProblems(run, role, problems)) this.emit(run, { type: "problem", ...problem });
  }

  /** An attempt failed; the error is kept so the final failure can say why. */
  attemptFailed(run: string, role: Role, attempt: number, error: ProjectError): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt) return;
    this.ctx.storage.sql.exec("UPDATE steps SET error = ? WHERE run = ? AND role = ?", JSON.stringify(error), run, role);
  }

  /** The architect names a project the user did not name. */
  rename(name: string): void {
    const row = this.projectRow();
    if (!row || row.name === name) return;
    this.ctx.storage.sql.exec("UPDATE project SET name = ?, updated_at = ?", name, new Date().toISOString());
  }

  /** The run failed for good (retries exhausted or a permanent error). */
  fail(run: string, fallback: ProjectError): void {
    if (!this.rows.run(run) || this.isFinished(run)) return;
    // The step's own last error says more than the Workflow's generic one.
    const recorded = fallback.role ? this.stepRow(run, fallback.role)?.error : null;
    this.markFailed(run, recorded ? parseError(recorded) : fallback);
  }

  /**
   * The healer's verdict on a run that made no progress, recorded as a `heal` event of that run,
   * then applied: `failed` fails the run (and the step that was running), `settled` completes it.
   * Applies only while the run is unfinished and nothing has happened in it since `staleBefore`,
   * so two healers that look at once record one verdict. Returns the project view after it, or
   * null when it did not apply.
   */
  heal(run: string, record: HealRecord, staleBefore: number): ProjectView | null {
    if (!this.rows.run(run) || this.isFinished(run) || this.log.lastActivity(run).latest > staleBefore) return null;
    this.emit(run, { type: "heal", action: record.action, reason: record.reason });
    if (record.action === "failed") {
      const running = this.ctx.storage.sql
        .exec<{ role: string }>("SELECT role FROM steps WHERE run = ? AND status = 'running' LIMIT 1", run)
        .toArray()[0];
      this.markFailed(run, running ? { ...record.error, role: toRole(running.role) } : record.error);
    }
    if (record.action === "settled") this.markCompleted(run);
    return this.requireView();
  }

  private markFailed(run: string, error: ProjectError): void {
    if (error.role) {
      const step = this.stepRow(run, error.role);
      this.ctx.storage.sql.exec(
        "UPDATE steps SET status = 'failed', finished_at = ?, error = ? WHERE run = ? AND role = ?",
        new Date().toISOString(),
        JSON.stringify(error),
        run,
        error.role,
      );
      this.emit(run, { type: "step", role: error.role, status: "failed", attempt: Math.max(1, step?.attempt ?? 1), error });
    }
    this.setStatus(run, "failed", error);
  }

  /** Every step of the run is done and its credits are settled. */
  complete(run: string): void {
    if (!this.rows.run(run) || this.isFinished(run)) return;
    this.markCompleted(run);
    // A visible project's gallery entry follows its files (and a new secret holds it back).
    const id = this.projectRow()?.id;
    if (id && this.publications.get().visibility !== "private") this.ctx.waitUntil(this.refreshListing(id));
  }

  private async refreshListing(id: string): Promise<void> {
    try {
      await refreshListing(this.env, id);
    } catch (err) {
      log("community.refresh", { project: id, outcome: "error", detail: err instanceof Error ? err.message : "unknown" });
    }
  }

  /**
   * `changed` counts the files the run's own steps wrote (0: "no changes": steps write only what
   * differs). A follow-up that changed nothing stored no ZIP (`packaged` 0), so downloads keep
   * serving the run before it; a generation or a remix always has its ZIP.
   */
  private markCompleted(run: string): void {
    const changed = this.rows.ownFiles(run).length;
    const kind = this.rows.run(run)?.kind ?? "generate";
    const packaged = changed > 0 || !FOLLOW_UP_KINDS.some((follow) => follow === kind);
    this.ctx.storage.sql.exec("UPDATE runs SET changed = ?, packaged = ? WHERE id = ?", changed, packaged ? 1 : 0, run);
    this.setStatus(run, "completed", undefined, changed);
  }

  /** An explanation's answer, stored once and announced to the viewers. */
  saveAnswer(run: string, role: Role, attempt: number, answer: RunAnswer): void {
    const step = this.stepRow(run, role);
    if (step?.status !== "running" || step.attempt !== attempt) return;
    const stored = this.rows.answer(run);
    if (stored && JSON.stringify(stored) === JSON.stringify(answer)) return;
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO answers (run, text, read, cited) VALUES (?, ?, ?, ?)",
      run,
      answer.text,
      JSON.stringify(answer.read),
      JSON.stringify(answer.cited),
    );
    this.emit(run, { type: "answer", ...answer });
  }

  /** One run in full: what it was asked, its steps, the files it wrote, its answer. Null for an unknown run. */
  runDetail(run: string): RunDetail | null {
    const row = this.rows.run(run);
    return row ? this.rows.detail(row, this.notes.problems(run, toRole)) : null;
  }

  /** Keeps a chat message (Discord or Telegram) updated with this project's progress. */
  subscribeChat(target: ChatTarget, options?: SubscribeOptions): void {
    this.chats.add(target, options);
    this.scheduleChats();
  }

  /** Grants one caller the right to post this project's status message in a Telegram chat. */
  claimTelegramReply(chatId: number, run: string = FIRST_RUN): boolean {
    return this.chats.claimTelegramReply(chatId, run);
  }

  /** True the first time this chat delivery is seen for the project (chat-delivery.ts). */
  claimDelivery(deliveryId: string): boolean {
    return this.chats.claimDelivery(deliveryId);
  }

  /** Whether a Telegram message is one of this project's status messages. */
  showsInTelegram(chatId: number, messageId: number): boolean {
    return this.chats.showsIn(chatId, messageId);
  }

  /**
   * The ZIP link's token for chat users (they have no API token in the browser): the live one, or
   * a new one valid `DOWNLOAD_LINK_TTL_HOURS`. `renew` (the bots' `/estado`) extends its life.
   */
  downloadLink(options: { renew?: boolean } = {}): DownloadLink {
    const ttlMs = config(this.env).DOWNLOAD_LINK_TTL_HOURS * HOUR_MS;
    return options.renew ? this.downloads.renew(ttlMs) : this.downloads.current(ttlMs);
  }

  /** Whether `token` opens this project's ZIP now (`valid`), did once (`expired`), or never did. */
  checkDownloadToken(token: string): TokenCheck {
    return this.downloads.check(token);
  }

  /**
   * The password of the project's read-only git clone URL (HTTP Basic), made on first use. Kept in
   * the clear like the ZIP link's token: the console and the bots show it again whenever asked.
   */
  cloneToken(): string {
    const existing = this.ctx.storage.sql.exec<{ token: string }>("SELECT token FROM tokens WHERE kind = 'clone'").toArray()[0];
    if (existing) return existing.token;
    const token = hex(crypto.getRandomValues(new Uint8Array(24)));
    this.ctx.storage.sql.exec("INSERT INTO tokens (kind, token) VALUES ('clone', ?)", token);
    return token;
  }

  /** The git branches (`refs/heads/<name>` -> commit id). */
  gitRefs(): GitRef[] {
    return this.refs.list();
  }

  gitRef(name: string): string | null {
    return this.refs.get(name);
  }

  /** Compare-and-swap: moves `name` to `next` only if it still points at `expected` (null: absent). */
  updateRef(name: string, expected: string | null, next: string | null): RefUpdate {
    return this.refs.update(name, expected, next);
  }

  /**
   * A GitHub export's progress or outcome, for everyone watching (the export runs in the Worker).
   * It belongs to the latest run: the history it pushes ends there.
   */
  githubExport(event: GithubExportEvent): void {
    const run = this.rows.latestRun();
    if (!this.projectRow() || !run) return;
    this.emit(run.id, event);
  }

  /**
   * Where the manifests of every completed run are, oldest first: what the git history is
   * derived from (workflows/git/history-source.ts). `including` adds a run that is about to
   * complete (the Workflow's package step publishes its history before `complete`). A remix's
   * source runs come first, so its history starts at its source's latest commit.
   */
  historyRuns(including?: string): RunLocation[] {
    const project = this.projectRow();
    if (!project) return [];
    const rows = this.rows.completedRuns();
    const extra = including && !rows.some((r) => r.id === including) ? this.rows.run(including) : undefined;
    const all = extra && !isFinal(extra.status) ? [...rows, extra].sort((a, b) => a.n - b.n) : rows;
    const own = all.map((r) => ({ projectId: project.id, runId: r.id, legacy: r.legacy_keys === 1 }));
    return [...this.inheritedHistory(), ...own];
  }

  /** A remix's history before its own runs: its source's runs, where the source keeps them. */
  private inheritedHistory(): RunLocation[] {
    return this.ctx.storage.sql
      .exec<{ project_id: string; run_id: string; legacy: number }>(
        "SELECT project_id, run_id, legacy FROM inherited_history ORDER BY position",
      )
      .toArray()
      .map((row) => ({ projectId: row.project_id, runId: row.run_id, legacy: row.legacy === 1 }));
  }

  /** Chat deliveries run here, off the Workflow's path: a slow or gone chat never delays a step. */
  override async alarm(): Promise<void> {
    const found = this.read();
    if (!found) return;
    const next = await this.chats.deliver(found.view, this.links(found.view));
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  /** WebSocket upgrade, forwarded by the Worker after it checked who may watch. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const view = this.read()?.view;
    if (!view) return new Response("no such project", { status: 404 });
    const afterParam = new URL(request.url).searchParams.get("after");
    const after = afterParam === null ? null : Number(afterParam);
    if (after !== null && (!Number.isSafeInteger(after) || after < 0)) {
      return new Response("after must be a non-negative integer", { status: 400 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const full = this.viewerLimitReached(new URL(request.url));
    if (full) {
      // Accepted only to be closed with a reason a browser can read (a refused upgrade shows none).
      server.accept();
      server.close(TOO_MANY_VIEWERS, full);
      log("room.viewer_refused", { project: view.id, reason: full });
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server, tagsFor(new URL(request.url)));
    // Replay and go live in one synchronous turn: no event can slip in between, so a viewer
    // sees each event exactly once.
    if (after === null) {
      this.send(server, { type: "snapshot", seq: this.log.head(), project: view });
    } else {
      for (const event of this.log.after(after)) this.send(server, event);
    }
    this.broadcastViewers();
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Why one more viewer would be too many, or null. Each socket costs memory and a send per event,
   * so a project takes at most MAX_VIEWERS_PER_PROJECT of them in each of two pools: strangers'
   * (share-link and public-page viewers) and the owner's own, so a project filled by strangers never
   * locks its owner out. Strangers also count against MAX_SHARE_VIEWERS_PER_IP, so one address
   * cannot take every seat of a shared or published project.
   */
  private viewerLimitReached(url: URL): string | null {
    const via = url.searchParams.get("via");
    const { MAX_VIEWERS_PER_PROJECT: perProject, MAX_SHARE_VIEWERS_PER_IP: perClient } = config(this.env);
    const strangers = this.ctx.getWebSockets(SHARE_TAG).length + this.ctx.getWebSockets(PUBLIC_TAG).length;
    const stranger = via === SHARE_TAG || via === PUBLIC_TAG;
    const seated = stranger ? strangers : this.ctx.getWebSockets().length - strangers;
    if (seated >= perProject) return `too many viewers of this project (at most ${perProject})`;
    const client = clientTag(url);
    if (client && this.ctx.getWebSockets(client).length >= perClient) {
      return `too many viewers from your address (at most ${perClient})`;
    }
    return null;
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Viewers are read-only; a ping keeps intermediaries from closing an idle socket.
    if (message === "ping") ws.send("pong");
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    // 1005/1006 are reserved and cannot be sent back; echoing them throws and stalls the client.
    const safe = code === 1005 || code === 1006 ? 1000 : code;
    try {
      ws.close(safe, reason);
    } catch {
      // Already closed by the peer: nothing left to do.
    }
    this.broadcastViewers(ws);
  }

  override webSocketError(ws: WebSocket): void {
    this.broadcastViewers(ws);
  }

  /** A new share link; the previous one stops working. The token is returned once, never stored. */
  async createShare(): Promise<{ token: string; createdAt: string }> {
    this.revokeShare();
    return this.shares.create();
  }

  /** When the current share link was made, or null when there is none. */
  shareInfo(): { createdAt: string } | null {
    return this.shares.info();
  }

  /** Whether `token` is the live share link. */
  hasShare(token: string): Promise<boolean> {
    return this.shares.has(token);
  }

  /**
   * Revokes the share link and disconnects everyone who watches through it. `withDownloads` (the
   * owner's revoke, not the replacement a new link makes) also ends the chat's ZIP links: the
   * owner's one switch for "nobody but me".
   */
  revokeShare(options: { withDownloads?: boolean } = {}): number {
    this.shares.clear();
    if (options.withDownloads) this.downloads.revoke();
    return this.closeViewers(SHARE_TAG, "share link revoked");
  }

  /** Closes the sockets with `tag` (4403: access ended) and tells the rest how many remain. */
  private closeViewers(tag: string, reason: string): number {
    const sockets = this.ctx.getWebSockets(tag);
    for (const ws of sockets) {
      try {
        ws.close(4403, reason);
      } catch {
        // Already closing.
      }
    }
    if (sockets.length > 0) this.broadcastViewers(...sockets);
    return sockets.length;
  }

  /**
   * Tells the sockets that asked for it (`?viewers=1`) how many viewers there are now. Not an
   * event: it has no seq, is not logged and is never replayed. `gone` are sockets closing now.
   */
  private broadcastViewers(...gone: WebSocket[]): void {
    const count = this.ctx.getWebSockets().filter((ws) => !gone.includes(ws) && ws.readyState === WebSocket.OPEN).length;
    const text = JSON.stringify({ type: "viewers", count } satisfies ViewersMessage);
    for (const ws of this.ctx.getWebSockets(VIEWERS_TAG)) {
      if (gone.includes(ws)) continue;
      try {
        ws.send(text);
      } catch {
        // Closing; its own close handler recounts.
      }
    }
  }

  /** Number of viewers currently connected. */
  viewers(): number {
    return this.ctx.getWebSockets().length;
  }

  private emit(run: string, body: ProjectEventBody): void {
    const event = this.log.append(run, body);
    if (body.type !== "delta") {
      this.chats.markChanged();
      this.scheduleChats();
    }
    const text = JSON.stringify(event);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        // A socket that is closing cannot take more; its close handler cleans up.
      }
    }
  }

  private scheduleChats(): void {
    const next = this.chats.nextRun(Date.now());
    if (next !== null) this.ctx.waitUntil(this.ctx.storage.setAlarm(next));
  }

  private links(view: ProjectView): ProgressLinks {
    const base = config(this.env).PUBLIC_URL;
    const links: ProgressLinks = { console: `${base}/#/projects/${view.id}` };
    if (view.status === "completed") {
      links.zip = downloadUrl(base, view.id, this.downloadLink().token);
      links.clone = cloneUrl(base, view.id, this.cloneToken());
    }
    return links;
  }

  private send(ws: WebSocket, message: ServerMessage): void {
    ws.send(JSON.stringify(message));
  }

  private setStatus(run: string, status: ProjectStatus, error?: ProjectError, changed?: number): void {
    const row = this.rows.run(run);
    if (!row || row.status === status) return;
    const now = new Date().toISOString();
    this.ctx.storage.sql.exec(
      "UPDATE runs SET status = ?, updated_at = ?, finished_at = ?, error = ? WHERE id = ?",
      status,
      now,
      isFinal(status) ? now : null,
      error ? JSON.stringify(error) : null,
      run,
    );
    this.ctx.storage.sql.exec("UPDATE project SET updated_at = ?", now);
    this.emit(run, { type: "status", status, ...(error ? { error } : {}), ...(changed === undefined ? {} : { changed }) });
  }

  /** Writes a run and its pending steps, announced by its `queued` status event. Returns its id. */
  private insertRun(n: number, init: RunInit, base: ReadonlyArray<StoredFile & { role: Role }>, now: string): string {
    const id = runId(n);
    const sql = this.ctx.storage.sql;
    sql.exec(
      "INSERT INTO runs (id, n, kind, status, prompt, model, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
      id,
      n,
      init.kind,
      init.prompt,
      init.model,
      now,
      now,
    );
    for (const role of init.roles ?? ROLES) sql.exec("INSERT INTO steps (run, role, status) VALUES (?, ?, 'pending')", id, role);
    for (const f of base) {
      sql.exec(
        "INSERT INTO files (run, inherited, role, path, size, sha256) VALUES (?, 1, ?, ?, ?, ?)",
        id,
        f.role,
        f.path,
        f.size,
        f.sha256,
      );
    }
    this.emit(id, { type: "status", status: "queued", kind: init.kind });
    return id;
  }

  /** Unknown runs count as finished: nothing may write into them. */
  private isFinished(run: string): boolean {
    const status = this.rows.run(run)?.status;
    return status === undefined || isFinal(status);
  }

  private projectRow(): ProjectRow | undefined {
    return this.rows.project();
  }

  private stepRow(run: string, role: Role): StepRow | undefined {
    return this.rows.step(run, role);
  }

  private requireView(): ProjectView {
    const found = this.read();
    if (!found) throw new Error("project row missing right after it was written");
    return found.view;
  }

  private toView(row: ProjectRow, run: RunRow): ProjectView {
    return this.rows.view(row, run, this.notes.problems(run.id, toRole));
  }
}
