-- The caseload is searched, filtered, sorted and paged in SQL, so a
-- team of thousands gets a page without reading every record. What it
-- searches and sorts on sits in columns beside the JSON record:
-- search_name (the name folded by casework.FoldName: lower case, no
-- accents), nhs_number (ten digits) and date_of_birth (YYYY-MM-DD) are
-- written by the store with each record; the store fills them for
-- records older than this migration when it opens, since the folding is
-- Go's. contact_count and last_contact are kept by the triggers below,
-- so every way a contact is added or removed keeps them true.
ALTER TABLE people ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN nhs_number TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN date_of_birth TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN contact_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN last_contact TEXT NOT NULL DEFAULT '';

UPDATE people SET
    contact_count = (SELECT count(*) FROM contacts c WHERE c.person_id = people.id),
    last_contact = coalesce((SELECT max(c.date) FROM contacts c WHERE c.person_id = people.id), '');

CREATE TRIGGER contacts_summary_insert AFTER INSERT ON contacts BEGIN
    UPDATE people SET contact_count = contact_count + 1, last_contact = max(last_contact, NEW.date)
    WHERE id = NEW.person_id;
END;

CREATE TRIGGER contacts_summary_delete AFTER DELETE ON contacts BEGIN
    UPDATE people SET
        contact_count = contact_count - 1,
        last_contact = coalesce((SELECT max(c.date) FROM contacts c WHERE c.person_id = OLD.person_id), '')
    WHERE id = OLD.person_id;
END;

CREATE TRIGGER contacts_summary_update AFTER UPDATE OF person_id, date ON contacts BEGIN
    UPDATE people SET
        contact_count = (SELECT count(*) FROM contacts c WHERE c.person_id = people.id),
        last_contact = coalesce((SELECT max(c.date) FROM contacts c WHERE c.person_id = people.id), '')
    WHERE id IN (OLD.person_id, NEW.person_id);
END;

-- One index per way in, each leading with the team as every list does
-- and ending with the name, so that a search for one NHS number, one
-- birthday or one worker's people comes out of its index already in
-- name order (ties are broken by rowid, which every index holds). A
-- name search is a substring match: it scans people_team_name without
-- touching the records, which the benchmark shows is cheap at thousands.
CREATE INDEX people_team_name ON people (team_id, search_name);
CREATE INDEX people_team_nhs ON people (team_id, nhs_number, search_name);
CREATE INDEX people_team_dob ON people (team_id, date_of_birth, search_name);
CREATE INDEX people_team_worker ON people (team_id, link_worker, search_name);
CREATE INDEX people_team_status ON people (team_id, status, search_name);
CREATE INDEX people_team_review ON people (team_id, review_date, search_name);
CREATE INDEX people_team_last_contact ON people (team_id, last_contact, search_name);
CREATE INDEX people_team_created ON people (team_id, created_at);
