-- Live feeds (issue 11): the Open Referral APIs a scheme keeps its
-- directory in sync with. A feed's services are stored with ids
-- namespaced by the feed's name ("name:original-id").
CREATE TABLE feed (
    name          TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    format        TEXT NOT NULL DEFAULT '',  -- hsds3 or oruk1, told at the first sync
    added_at      TEXT NOT NULL,
    -- The last sync, whatever its outcome, and the last one applied.
    synced_at     TEXT NOT NULL DEFAULT '',
    applied_at    TEXT NOT NULL DEFAULT '',
    -- What the last sync did: counts, and why it failed ('' when not).
    read          INTEGER NOT NULL DEFAULT 0,
    created       INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    withdrawn     INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    pages         INTEGER NOT NULL DEFAULT 0,
    error         TEXT NOT NULL DEFAULT '',
    -- The first page's validators, sent back on the next sync.
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT ''
);
