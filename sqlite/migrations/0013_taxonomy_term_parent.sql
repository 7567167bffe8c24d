-- The narrower terms of a term, at any depth: the search index holds
-- each service's broader terms, so a term renamed or moved re-indexes
-- every service below it (sqlite/terms.go, subtreeServices).
CREATE INDEX taxonomy_term_parent ON taxonomy_term (parent_id);
