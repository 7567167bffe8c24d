-- Reports (issue 16): a commissioner role, and what the aggregate
-- report queries filter and join on.
--
-- SQLite cannot change a CHECK constraint in place, so users is rebuilt
-- with the new role allowed. Nothing references users by foreign key,
-- so dropping the old table is safe inside the migration's transaction.
CREATE TABLE users_new (
	id              INTEGER PRIMARY KEY,
	email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name            TEXT NOT NULL DEFAULT '',
	role            TEXT NOT NULL CHECK (role IN ('admin', 'linkworker', 'editor', 'commissioner')),
	team_id         TEXT REFERENCES teams (id),
	organization_id TEXT REFERENCES organization (id),
	password_hash   TEXT NOT NULL,
	disabled        INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	failed_logins   INTEGER NOT NULL DEFAULT 0,
	failed_since    TEXT NOT NULL DEFAULT '',
	locked_until    TEXT NOT NULL DEFAULT ''
);
INSERT INTO users_new SELECT id, email, name, role, team_id, organization_id, password_hash, disabled,
	created_at, failed_logins, failed_since, locked_until FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- Reports count people, referrals, contacts and coded events by date;
-- the existing indexes lead with a person or a team instead.
CREATE INDEX people_created ON people (created_at);
CREATE INDEX referrals_created ON referrals (created_at);
CREATE INDEX contacts_date ON contacts (date, person_id);
CREATE INDEX coded_events_date ON coded_events (date);
