-- text_instant reads a stored time as SQLite's julianday does: a date, or
-- a date and time with an optional Z or ±HH:MM offset (UTC without one),
-- and NULL for anything else. Feeds write services' last_modified in any
-- zone, so the Open Referral API compares them as instants, not as text.
CREATE FUNCTION text_instant(t text) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
	IF t !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$' THEN
		RETURN NULL;
	END IF;
	IF t ~ '(Z|[+-]\d{2}:\d{2})$' AND length(t) > 10 THEN
		RETURN t::timestamptz;
	END IF;
	RETURN t::timestamp AT TIME ZONE 'UTC';
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
	RETURN NULL; -- the right shape but no such day, as 2026-02-30
END;
$$;
