-- Imports are staged here before they touch the directory (see
-- sqlite/staging.go). A run in state 'staging' has changed nothing and is
-- discarded if it fails; a run in state 'applying' is committed and is
-- finished from here, even after a crash.
CREATE TABLE import_run (
    id         INTEGER PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('staging', 'applying')),
    terms      TEXT NOT NULL DEFAULT '', -- JSON taxonomy terms to store before the services; '' once stored
    started_at TEXT NOT NULL,
    touched_at INTEGER NOT NULL          -- Unix time of the last staging write: a run left staging long ago was abandoned
);

-- The services of a run that differ from the directory, in file order
-- (id), as JSON of directory.Service. Applying a service deletes its
-- row in the same transaction, so what is left is what is still to do.
CREATE TABLE import_staged (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    service    TEXT NOT NULL
);
CREATE INDEX import_staged_run ON import_staged (run_id, id);
