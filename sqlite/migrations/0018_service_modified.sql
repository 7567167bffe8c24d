-- Listed services by when they last changed, for the Open Referral API's
-- modified_after (what a directory syncing from Linkway asks every time):
-- feeds write last_modified in any zone, so it is compared as a time.
CREATE INDEX service_listed_modified ON service (status, julianday(last_modified));
