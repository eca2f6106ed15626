import type { Migration } from "../schema";

/**
 * ProjectRoom's SQLite schema, as ordered migrations (applied by durable-objects/schema.ts).
 * Never edit a migration that has shipped: add the next one.
 */

/** Version 1: the schema before runs, exactly as the tables were created then. */
const V1_SINGLE_RUN = `
  CREATE TABLE IF NOT EXISTS project (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, prompt TEXT NOT NULL,
    model TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    error TEXT
  );
  CREATE TABLE IF NOT EXISTS steps (
    role TEXT PRIMARY KEY, status TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
    started_at TEXT, finished_at TEXT, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0, error TEXT
  );
  CREATE TABLE IF NOT EXISTS files (
    role TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (role, path)
  );
  CREATE TABLE IF NOT EXISTS tokens (kind TEXT PRIMARY KEY, token TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS model_switches (
    role TEXT NOT NULL, attempt INTEGER NOT NULL, from_model TEXT NOT NULL, to_model TEXT NOT NULL,
    PRIMARY KEY (role, attempt, from_model, to_model)
  );
  CREATE TABLE IF NOT EXISTS problems (
    role TEXT NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (role, kind, path)
  );
  CREATE TABLE IF NOT EXISTS shares (hash TEXT PRIMARY KEY, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS chat_targets (
    key TEXT PRIMARY KEY, target TEXT NOT NULL, last_text TEXT, next_at INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0, channel_message_id TEXT, done INTEGER NOT NULL DEFAULT 0,
    wanted INTEGER NOT NULL DEFAULT 1, delivered INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS chat_claims (key TEXT PRIMARY KEY);
`;

/**
 * Version 2: runs. A project has runs (`r1`, `r2`, ...); status, error, steps, files, model
 * switches and problems belong to a run, and every event names its run. A project written
 * before runs becomes run `r1` (kind `generate`); `legacy_keys` says its step manifests and ZIP
 * are at the R2 keys of that time (workflows/files/storage.ts).
 */
const V2_RUNS = `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE, kind TEXT NOT NULL, status TEXT NOT NULL,
    prompt TEXT NOT NULL, model TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    finished_at TEXT, error TEXT, commit_id TEXT, legacy_keys INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO runs (id, n, kind, status, prompt, model, created_at, updated_at, finished_at, error, legacy_keys)
    SELECT 'r1', 1, 'generate', status, prompt, model, created_at, updated_at,
      CASE WHEN status IN ('completed', 'failed') THEN updated_at END, error, 1
    FROM project;
  ALTER TABLE project DROP COLUMN status;
  ALTER TABLE project DROP COLUMN error;

  CREATE TABLE steps_v2 (
    run TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
    started_at TEXT, finished_at TEXT, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0, error TEXT,
    PRIMARY KEY (run, role)
  );
  INSERT INTO steps_v2 (run, role, status, attempt, started_at, finished_at, prompt_tokens, completion_tokens, error)
    SELECT 'r1', role, status, attempt, started_at, finished_at, prompt_tokens, completion_tokens, error FROM steps;
  DROP TABLE steps;
  ALTER TABLE steps_v2 RENAME TO steps;

  -- A run starts from the files of the run before it (inherited = 1); what its own roles write
  -- (inherited = 0) wins over them. One row per role and path among each, as before.
  CREATE TABLE files_v2 (
    run TEXT NOT NULL, inherited INTEGER NOT NULL DEFAULT 0, role TEXT NOT NULL, path TEXT NOT NULL,
    size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (run, inherited, role, path)
  );
  INSERT INTO files_v2 (run, inherited, role, path, size, sha256) SELECT 'r1', 0, role, path, size, sha256 FROM files;
  DROP TABLE files;
  ALTER TABLE files_v2 RENAME TO files;

  CREATE TABLE model_switches_v2 (
    run TEXT NOT NULL, role TEXT NOT NULL, attempt INTEGER NOT NULL, from_model TEXT NOT NULL, to_model TEXT NOT NULL,
    PRIMARY KEY (run, role, attempt, from_model, to_model)
  );
  INSERT INTO model_switches_v2 (run, role, attempt, from_model, to_model)
    SELECT 'r1', role, attempt, from_model, to_model FROM model_switches ORDER BY rowid;
  DROP TABLE model_switches;
  ALTER TABLE model_switches_v2 RENAME TO model_switches;

  CREATE TABLE problems_v2 (
    run TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (run, role, kind, path)
  );
  INSERT INTO problems_v2 (run, role, kind, path, message) SELECT 'r1', role, kind, path, message FROM problems;
  DROP TABLE problems;
  ALTER TABLE problems_v2 RENAME TO problems;

  ALTER TABLE events ADD COLUMN run TEXT NOT NULL DEFAULT 'r1';
`;

/**
 * Version 3: chat ZIP links expire (download-links.ts). The one never-expiring token of before
 * (`tokens`, kind `download`, sent as `/dl/<id>/<token>`) is dropped: those links stop working,
 * and `/estado` makes a new one.
 */
const V3_DOWNLOAD_LINKS = `
  CREATE TABLE download_links (token TEXT NOT NULL, expires_at INTEGER NOT NULL);
  DELETE FROM tokens WHERE kind = 'download';
`;

/**
 * Version 4: git. The project's branch heads (`refs/heads/<name>` -> commit id), moved only by
 * compare-and-swap (refs.ts). The commits are derived from the step manifests, never stored.
 */
const V4_GIT_REFS = `
  CREATE TABLE git_refs (name TEXT PRIMARY KEY, target TEXT NOT NULL, updated_at TEXT NOT NULL);
`;

/**
 * Version 5: who may see the project (docs/community.md), and the history a remix starts from
 * (the runs of the project it was copied from, whose manifests stay where they are). No
 * publication row means private, which is what every project written before this version was.
 */
const V5_PUBLICATION = `
  CREATE TABLE publication (
    id INTEGER PRIMARY KEY CHECK (id = 1), visibility TEXT NOT NULL, requested TEXT NOT NULL,
    hold TEXT, removed INTEGER NOT NULL DEFAULT 0, parent_id TEXT, parent_name TEXT, updated_at TEXT NOT NULL
  );
  CREATE TABLE inherited_history (
    position INTEGER PRIMARY KEY, project_id TEXT NOT NULL, run_id TEXT NOT NULL, legacy INTEGER NOT NULL
  );
`;

/**
 * Version 6: follow-up runs. `changed` counts the files a completed run wrote (0: "no changes");
 * `packaged` says whether it stored a ZIP (a run that changed nothing does not, and downloads keep
 * serving the one before it); `answers` holds an explanation's text and the files it read and cites.
 * Runs before this version all packaged their files; those that completed changed what they wrote.
 */
const V6_FOLLOW_UPS = `
  ALTER TABLE runs ADD COLUMN changed INTEGER;
  ALTER TABLE runs ADD COLUMN packaged INTEGER NOT NULL DEFAULT 1;
  UPDATE runs SET changed = (SELECT COUNT(DISTINCT path) FROM files WHERE files.run = runs.id AND inherited = 0)
    WHERE status = 'completed';
  CREATE TABLE answers (run TEXT PRIMARY KEY, text TEXT NOT NULL, read TEXT NOT NULL, cited TEXT NOT NULL);
`;

export const PROJECT_ROOM_MIGRATIONS: readonly Migration[] = [
  V1_SINGLE_RUN,
  V2_RUNS,
  V3_DOWNLOAD_LINKS,
  V4_GIT_REFS,
  V5_PUBLICATION,
  V6_FOLLOW_UPS,
];
