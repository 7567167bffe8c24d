-- What feeds carry beyond a listing (issue 11).
--
-- An organisation's identifiers in public registers (charity and company
-- numbers), as JSON: read with the organisation, never queried alone.
ALTER TABLE organization ADD COLUMN doc TEXT NOT NULL DEFAULT '';

-- A taxonomy term's code in its taxonomy, its URI and the taxonomy's
-- version. Feeds filter by code, so it is indexed.
ALTER TABLE taxonomy_term ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE taxonomy_term ADD COLUMN uri TEXT NOT NULL DEFAULT '';
ALTER TABLE taxonomy_term ADD COLUMN version TEXT NOT NULL DEFAULT '';
CREATE INDEX taxonomy_term_code ON taxonomy_term (code) WHERE code != '';

-- A staged import holds organisations, locations and taxonomy terms
-- listed on their own as well as services, applied in file order. The
-- row's JSON is that of the kind named here; service_id is the id of
-- whatever it is.
ALTER TABLE import_staged ADD COLUMN kind TEXT NOT NULL DEFAULT 'service'
    CHECK (kind IN ('service', 'organization', 'location', 'terms'));
