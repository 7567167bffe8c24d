-- The admins' lists page through organisations by name, the audit log
-- by action and the outbox by kind or by what was not sent, so each of
-- those reads walks an index instead of the whole table.
CREATE INDEX organization_name ON organization (name COLLATE NOCASE, id);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX outbox_kind ON outbox (kind, id);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
