-- Community groups asking, without an account, to look after a listing
-- already here (a claim) or to add a new group. An admin approves one
-- (inviting the contact as an editor) or rejects it with a reason.
CREATE TABLE listing_requests (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('claim', 'new')),
    service_id      TEXT NOT NULL DEFAULT '',
    group_name      TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    postcode        TEXT NOT NULL DEFAULT '',
    contact_name    TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    message         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason          TEXT NOT NULL DEFAULT '',
    -- The organisation the contact was invited to edit, once approved.
    organization_id TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    decided_at      TEXT,
    decided_by      INTEGER
);
CREATE INDEX listing_requests_status ON listing_requests (status, id);
