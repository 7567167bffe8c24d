-- The listings directory, shaped like Open Referral HSDS 3.0. Repeating
-- leaf objects (schedules, phones, cost options…) are kept as JSON on
-- their owner: they are always read and written with it.

CREATE TABLE organization (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	website     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE location (
	id            TEXT PRIMARY KEY,
	location_type TEXT NOT NULL,
	name          TEXT NOT NULL DEFAULT '',
	latitude      REAL,
	longitude     REAL,
	postcode      TEXT NOT NULL DEFAULT '',
	doc           TEXT NOT NULL -- JSON: description, url, addresses, accessibility…
);

CREATE TABLE service (
	id              TEXT PRIMARY KEY,
	organization_id TEXT REFERENCES organization (id),
	name            TEXT NOT NULL,
	status          TEXT NOT NULL,
	accepting       TEXT NOT NULL DEFAULT '',
	minimum_age     INTEGER,
	maximum_age     INTEGER,
	last_verified   TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
	verified_by     TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	content_hash    TEXT NOT NULL,
	doc             TEXT NOT NULL, -- JSON: description, schedules, costs, phones…
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX service_organization ON service (organization_id);
CREATE INDEX service_name ON service (name COLLATE NOCASE);

CREATE TABLE service_at_location (
	id          TEXT PRIMARY KEY,
	service_id  TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
	location_id TEXT NOT NULL REFERENCES location (id),
	position    INTEGER NOT NULL,
	doc         TEXT NOT NULL -- JSON: description, schedules, phones, contacts
);
CREATE INDEX service_at_location_service ON service_at_location (service_id);
CREATE INDEX service_at_location_location ON service_at_location (location_id);

CREATE TABLE taxonomy_term (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	taxonomy    TEXT NOT NULL DEFAULT '',
	parent_id   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE service_term (
	service_id TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
	term_id    TEXT NOT NULL REFERENCES taxonomy_term (id),
	position   INTEGER NOT NULL,
	PRIMARY KEY (service_id, term_id)
);
CREATE INDEX service_term_term ON service_term (term_id);

-- The change log (outbox): every listing change appends a row in the same
-- transaction, so the search index can follow the store and catch up
-- after a crash from the last sequence it applied.
CREATE TABLE change_log (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	service_id TEXT NOT NULL,
	op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
	changed_at TEXT NOT NULL
);
