-- A phone number for each account: the printable summary a link worker
-- gives a person says how to reach them. Empty when not given.
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
