-- Moderation and history of listings. Services are kept whole as JSON
-- (encoding/json of directory.Service): a review or a version is read
-- and shown as one thing, never queried by its parts.

-- Changes sent by an organisation's editors, waiting for an admin. base
-- is the listing as published when the change was made, proposed what
-- the editor wants it to be.
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    service_id      TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL DEFAULT '',
    submitted_by    INTEGER NOT NULL,
    submitted_at    TEXT NOT NULL,
    base            TEXT NOT NULL,
    proposed        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason          TEXT NOT NULL DEFAULT '',
    decided_by      INTEGER NOT NULL DEFAULT 0,
    decided_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reviews_status ON reviews (status, id);
CREATE INDEX reviews_service ON reviews (service_id, id);
CREATE INDEX reviews_organization ON reviews (organization_id, id);

-- Every published version of a listing. Version 0 is the listing as it
-- was before its first change here (usually as imported), recorded with
-- that first change.
CREATE TABLE service_versions (
    id           INTEGER PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    published_by INTEGER NOT NULL DEFAULT 0,
    content      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (service_id, version)
);
