-- The community index (docs/community.md). A project's own Durable Object is the source of truth
-- for who owns it and who may see it; these tables are what the gallery searches and sorts, and
-- the counters no single project's object can keep (stars, reports, daily views across visitors).
-- Times are milliseconds since the epoch: the trending score does arithmetic on them.

CREATE TABLE gallery (
  -- The rowid alias the full-text index points at: stable, unlike an implicit rowid.
  seq INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  author TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  idea TEXT NOT NULL,
  language TEXT NOT NULL,
  model TEXT NOT NULL,
  files INTEGER NOT NULL DEFAULT 0,
  stars INTEGER NOT NULL DEFAULT 0,
  remixes INTEGER NOT NULL DEFAULT 0,
  clones INTEGER NOT NULL DEFAULT 0,
  views INTEGER NOT NULL DEFAULT 0,
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'unlisted', 'public')),
  -- Out of the gallery after REPORTS_TO_HIDE distinct reports, until an admin decides.
  hidden INTEGER NOT NULL DEFAULT 0,
  -- Taken down by an admin: out of the gallery and its public page closed, for good.
  removed INTEGER NOT NULL DEFAULT 0,
  parent_id TEXT,
  published_at INTEGER,
  updated_at INTEGER NOT NULL
);

-- What the gallery lists, in the orders it lists them.
CREATE INDEX gallery_recent ON gallery (published_at DESC, seq DESC) WHERE visibility = 'public' AND hidden = 0 AND removed = 0;
CREATE INDEX gallery_account ON gallery (account_id);

CREATE VIRTUAL TABLE gallery_fts USING fts5 (
  name, summary, idea,
  content = 'gallery', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER gallery_fts_insert AFTER INSERT ON gallery BEGIN
  INSERT INTO gallery_fts (rowid, name, summary, idea) VALUES (new.seq, new.name, new.summary, new.idea);
END;

CREATE TRIGGER gallery_fts_delete AFTER DELETE ON gallery BEGIN
  INSERT INTO gallery_fts (gallery_fts, rowid, name, summary, idea) VALUES ('delete', old.seq, old.name, old.summary, old.idea);
END;

-- Only the indexed columns: a star or a view does not rewrite the full-text index.
CREATE TRIGGER gallery_fts_update AFTER UPDATE OF name, summary, idea ON gallery BEGIN
  INSERT INTO gallery_fts (gallery_fts, rowid, name, summary, idea) VALUES ('delete', old.seq, old.name, old.summary, old.idea);
  INSERT INTO gallery_fts (rowid, name, summary, idea) VALUES (new.seq, new.name, new.summary, new.idea);
END;

-- One star per account and project. The counter follows the rows through triggers, so an
-- ignored duplicate star (INSERT OR IGNORE) or a second unstar changes nothing.
CREATE TABLE stars (
  account_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, project_id)
);
CREATE INDEX stars_project ON stars (project_id);

CREATE TRIGGER stars_count_insert AFTER INSERT ON stars BEGIN
  UPDATE gallery SET stars = stars + 1 WHERE project_id = new.project_id;
END;

CREATE TRIGGER stars_count_delete AFTER DELETE ON stars BEGIN
  UPDATE gallery SET stars = MAX(stars - 1, 0) WHERE project_id = old.project_id;
END;

-- One report per reporter and project. `resolved` is set when an admin restores the project, so
-- only reports made after that count towards hiding it again.
CREATE TABLE reports (
  project_id TEXT NOT NULL,
  reporter TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, reporter)
);

-- One row per project, day and visitor: an account id, or a hash of the address with a salt that
-- exists only for that day (view_salts), so no address is stored and no hash can be matched to
-- one once the day's salt is deleted.
CREATE TABLE daily_views (
  project_id TEXT NOT NULL,
  day TEXT NOT NULL,
  viewer TEXT NOT NULL,
  PRIMARY KEY (project_id, day, viewer)
);
-- Past days are deleted as a new one starts (their counts stay on the gallery rows).
CREATE INDEX daily_views_day ON daily_views (day);

CREATE TRIGGER views_count AFTER INSERT ON daily_views BEGIN
  UPDATE gallery SET views = views + 1 WHERE project_id = new.project_id;
END;

CREATE TABLE view_salts (day TEXT PRIMARY KEY, salt TEXT NOT NULL);

-- Remixes: one row per new project, so a retried remix counts once.
CREATE TABLE remixes (
  child_id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TRIGGER remixes_count AFTER INSERT ON remixes BEGIN
  UPDATE gallery SET remixes = remixes + 1 WHERE project_id = new.parent_id;
END;

-- Clones (a git-upload-pack that sent a pack), counted from the first one even before the project
-- has a gallery row, so publishing later shows every clone.
CREATE TABLE clone_counts (project_id TEXT PRIMARY KEY, clones INTEGER NOT NULL DEFAULT 0);

CREATE TRIGGER clones_count_insert AFTER INSERT ON clone_counts BEGIN
  UPDATE gallery SET clones = new.clones WHERE project_id = new.project_id;
END;

CREATE TRIGGER clones_count_update AFTER UPDATE OF clones ON clone_counts BEGIN
  UPDATE gallery SET clones = new.clones WHERE project_id = new.project_id;
END;

-- The name an account publishes under (set from the console or taken from the chat profile).
CREATE TABLE authors (account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, updated_at INTEGER NOT NULL);
