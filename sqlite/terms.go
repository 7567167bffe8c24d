package sqlite

import "context"

// TermParents maps every taxonomy term that has a broader term to that
// term's id: the hierarchy the search index follows so that a filter on
// a term finds services tagged with any narrower term.
func (db *DB) TermParents(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, parent_id FROM taxonomy_term WHERE parent_id <> ''`)
	if err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, parent string
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, translate(err, "taxonomy term")
		}
		out[id] = parent
	}
	return out, translate(rows.Err(), "taxonomy terms")
}

// subtreeServices selects the services tagged with a term or with any
// narrower term at any depth. The index holds each service's terms and
// their broader terms, so a term that is renamed or moved under another
// changes every service beneath it.
const subtreeServices = `
	WITH RECURSIVE subtree(id) AS (
		SELECT ?
		UNION
		SELECT t.id FROM taxonomy_term t JOIN subtree ON t.parent_id = subtree.id
	)
	SELECT DISTINCT service_id FROM service_term WHERE term_id IN (SELECT id FROM subtree)`
