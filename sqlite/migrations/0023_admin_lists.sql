-- The admins' lists page through organisations by name, the audit log
-- by action and the outbox by kind or by what was not sent, so each of
-- those reads walks an index instead of the whole table.
CREATE INDEX organization_name ON organization (name COLLATE NOCASE, id);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX outbox_kind ON outbox (kind, id);
-- Counting the outbox by kind and by what became of each message reads
-- this index alone, never the messages' bodies.
CREATE INDEX outbox_state ON outbox (kind, sent_at, error);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
