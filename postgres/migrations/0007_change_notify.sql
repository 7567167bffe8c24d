-- Every transaction that appends to the change log sends one notification
-- on the channel linkway_changes when it commits (PostgreSQL delivers
-- notifications only on commit, and folds identical ones from one
-- transaction into one). Each instance listens, so its search index
-- applies another instance's edit at once instead of at its next poll.
-- A statement trigger covers every way rows arrive, COPY included.
CREATE FUNCTION notify_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('linkway_changes', '');
	RETURN NULL;
END
$$;

CREATE TRIGGER change_log_notify AFTER INSERT ON change_log
	FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log();
