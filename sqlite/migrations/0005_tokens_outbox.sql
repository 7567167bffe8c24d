-- Single-use links (editor invitations, "still correct" reminders, answers
-- to a referral without a login). Only a hash of each token is kept, so a
-- copy of the database does not hold working links.
CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX tokens_subject ON tokens (purpose, subject);

-- Notifications waiting for, or already given to, their readers. With no
-- mail server configured this table is where they go, and admins read it.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    about      TEXT NOT NULL DEFAULT '',
    sent_at    TEXT,
    error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX outbox_about ON outbox (kind, about);
