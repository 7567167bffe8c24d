-- Accounts: who may log in, their sessions, and the audit log of what
-- they did. Casework (0004) hangs people off teams.

CREATE TABLE teams (
	id   TEXT PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE users (
	id              INTEGER PRIMARY KEY,
	-- NOCASE: Ann@Example.org and ann@example.org are one person, both
	-- for uniqueness and for the lookup at login.
	email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name            TEXT NOT NULL DEFAULT '',
	role            TEXT NOT NULL CHECK (role IN ('admin', 'linkworker', 'editor')),
	team_id         TEXT REFERENCES teams (id),
	organization_id TEXT REFERENCES organization (id),
	password_hash   TEXT NOT NULL,
	disabled        INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	-- Failed logins since failed_since; five within 15 minutes set
	-- locked_until. Empty text means none.
	failed_logins   INTEGER NOT NULL DEFAULT 0,
	failed_since    TEXT NOT NULL DEFAULT '',
	locked_until    TEXT NOT NULL DEFAULT ''
);

-- Sessions, in the shape github.com/alexedwards/scs/sqlite3store reads
-- and writes: expiry is a Julian day number.
CREATE TABLE sessions (
	token  TEXT PRIMARY KEY,
	data   BLOB NOT NULL,
	expiry REAL NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- The audit log: every read and write of a person's record, and logins.
-- It is append-only: the triggers refuse any change or removal, so not
-- even a bug in Linkway can rewrite history.
CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	at        TEXT NOT NULL, -- UTC, fixed width, so text order is time order
	user_id   INTEGER NOT NULL DEFAULT 0, -- 0: the system or an anonymous attempt
	action    TEXT NOT NULL,
	person_id TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT '',
	remote    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_person ON audit_log (person_id, at) WHERE person_id != '';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
