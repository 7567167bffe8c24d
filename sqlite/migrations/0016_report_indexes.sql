-- Reports (issue 16) read referrals by the date they were made and their
-- events by referral or by the status they moved to. These indexes hold
-- every column those queries read, so they never visit the tables: with
-- 20,000 referrals, the visits were most of a report's time.
DROP INDEX referrals_created;
CREATE INDEX referrals_made ON referrals (created_at, id, service_id, mode, person_id);
CREATE INDEX referral_events_reached ON referral_events (referral_id, at, to_status);
CREATE INDEX referral_events_status ON referral_events (to_status, at, referral_id);
