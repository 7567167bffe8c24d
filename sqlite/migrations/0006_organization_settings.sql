-- What Linkway knows about an organisation beyond its listing: whether
-- its editors' changes publish without review.
CREATE TABLE organization_settings (
    organization_id TEXT PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    trusted         INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
);
