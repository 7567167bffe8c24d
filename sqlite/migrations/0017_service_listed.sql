-- Listed services by id, so that the Open Referral API's counts and pages
-- ("status IN ('active', 'temporarily closed')" in id order) read these
-- indexes alone: without them each count reads every service row, with
-- its document (two seconds at 100,000 services from a cold cache).
CREATE INDEX service_listed ON service (status, id);
-- The same for joins that reach a service by id only to check it is
-- listed (services at locations, organisations that run one).
CREATE INDEX service_id_status ON service (id, status);
