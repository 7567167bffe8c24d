package sqlite

import (
	"context"

	"github.com/linkway/linkway/internal/storedoc"
)

// TermParents maps every taxonomy term that has a broader term to that
// term's id (see [storedoc.TermParents] for how coded taxonomies are read).
func (db *DB) TermParents(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, code, parent_id FROM taxonomy_term`)
	if err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	defer rows.Close()
	var terms []storedoc.TermRow
	for rows.Next() {
		var t storedoc.TermRow
		if err := rows.Scan(&t.ID, &t.Code, &t.ParentID); err != nil {
			return nil, translate(err, "taxonomy term")
		}
		terms = append(terms, t)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	return storedoc.TermParents(terms), nil
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
