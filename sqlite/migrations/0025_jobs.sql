-- Background jobs (issue 13): a feed sync or an import started from an
-- admin page, so the page can show its progress and then its report.
CREATE TABLE job (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('feed-sync', 'import')),
    subject     TEXT NOT NULL,             -- the feed's name, or the uploaded file's
    started_by  INTEGER NOT NULL DEFAULT 0, -- a user's id; 0 for the schedule
    state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'interrupted')),
    progress    TEXT NOT NULL DEFAULT '{}', -- JSON: pages, records, bytes read of the size
    report      TEXT NOT NULL DEFAULT '{}', -- JSON: counts and problems, once done
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT ''
);
-- One sync of a feed at a time: a second start is refused by the store.
CREATE UNIQUE INDEX job_one_sync_running ON job (subject) WHERE kind = 'feed-sync' AND state = 'running';
