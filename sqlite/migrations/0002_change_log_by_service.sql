-- The last change to each service, for the read cache to check against.
CREATE INDEX change_log_service ON change_log (service_id, seq);
