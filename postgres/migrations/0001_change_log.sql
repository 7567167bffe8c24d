-- The change log: every listing change appends a row in the same
-- transaction as the change, and each instance's search index follows it
-- from the last sequence number it applied (see changelog.go for why a
-- follower never skips a row).
CREATE TABLE change_log (
	seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id text NOT NULL,
	op         text NOT NULL CHECK (op IN ('upsert', 'delete')),
	changed_at timestamptz NOT NULL
);
CREATE INDEX change_log_service ON change_log (service_id, seq);
