package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// putTerm stores a taxonomy term. A term named only by id (a feed that
// links terms without describing them) never overwrites a described one,
// and one described in a service's attributes keeps the code, URI and
// version that a vocabulary gave it unless it gives its own.
func (tx *Tx) putTerm(ctx context.Context, t directory.Term, authoritative bool) error {
	name := t.Name
	if name == "" {
		name = t.ID
	}
	const insert = `INSERT INTO taxonomy_term AS old (id, name, description, taxonomy, parent_id, code, uri, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	q := insert + ` ON CONFLICT (id) DO NOTHING`
	switch {
	case authoritative:
		q = insert + ` ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			taxonomy = excluded.taxonomy, parent_id = excluded.parent_id,
			code = excluded.code, uri = excluded.uri, version = excluded.version
		WHERE (old.name, old.description, old.taxonomy, old.parent_id, old.code, old.uri, old.version)
			IS DISTINCT FROM (excluded.name, excluded.description, excluded.taxonomy, excluded.parent_id,
				excluded.code, excluded.uri, excluded.version)`
	case t.Name != "":
		q = insert + ` ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			taxonomy = excluded.taxonomy, parent_id = excluded.parent_id,
			code = coalesce(nullif(excluded.code, ''), old.code), uri = coalesce(nullif(excluded.uri, ''), old.uri),
			version = coalesce(nullif(excluded.version, ''), old.version)
		WHERE (old.name, old.description, old.taxonomy, old.parent_id)
				IS DISTINCT FROM (excluded.name, excluded.description, excluded.taxonomy, excluded.parent_id)
			OR excluded.code NOT IN ('', old.code) OR excluded.uri NOT IN ('', old.uri) OR excluded.version NOT IN ('', old.version)`
	}
	tag, err := tx.tx.Exec(ctx, q, t.ID, name, t.Description, t.Taxonomy, t.ParentID, t.Code, t.URI, t.Version)
	if err != nil {
		return translate(err, "taxonomy term "+t.ID)
	}
	if tag.RowsAffected() == 0 {
		return nil
	}
	// The index holds each service's kind names and broader terms: a
	// renamed or moved term changes every service at or below it.
	return tx.logDependents(ctx, subtreeServices, t.ID)
}

// subtreeServices selects the services tagged with a term or with any
// narrower term at any depth. The index holds each service's terms and
// their broader terms, so a term that is renamed or moved under another
// changes every service beneath it.
const subtreeServices = `
	WITH RECURSIVE subtree(id) AS (
		SELECT $1::text
		UNION
		SELECT t.id FROM taxonomy_term t JOIN subtree ON t.parent_id = subtree.id
	)
	SELECT DISTINCT service_id FROM service_term WHERE term_id IN (SELECT id FROM subtree)`

// PutTerms stores a taxonomy's terms, replacing their names and descriptions.
func (tx *Tx) PutTerms(ctx context.Context, terms []directory.Term) error {
	if err := tx.lockChangeLog(ctx); err != nil {
		return err
	}
	for _, t := range terms {
		if err := tx.putTerm(ctx, t, true); err != nil {
			return err
		}
	}
	return nil
}

// TermParents maps every taxonomy term that has a broader term to that
// term's id (see [storedoc.TermParents] for how coded taxonomies are read).
func (db *DB) TermParents(ctx context.Context) (map[string]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, code, parent_id FROM taxonomy_term`)
	if err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	terms, err := pgx.CollectRows(rows, pgx.RowToStructByPos[storedoc.TermRow])
	if err != nil {
		return nil, translate(err, "taxonomy terms")
	}
	return storedoc.TermParents(terms), nil
}

// Terms returns every taxonomy term that listed services use, by name,
// with the number of such services. Counting reads every listing, and the
// home and browse pages ask on every visit, so the answer is kept until
// the change log moves on.
func (db *DB) Terms(ctx context.Context) ([]directory.TermCount, error) {
	return db.countsAsOf(ctx, &db.terms, `
		SELECT `+termColumns("t")+`, count(s.id)
		FROM taxonomy_term t
		JOIN service_term st ON st.term_id = t.id
		JOIN service s ON s.id = st.service_id AND s.status IN ('active', 'temporarily closed')
		GROUP BY t.id
		ORDER BY lower(t.name) COLLATE "C", t.id`, "terms")
}

// KindCounts returns each of Linkway's kinds of support that listed
// services have (from [directory.Service.Kinds], however they were
// given), by name, with the number of such services. Like [DB.Terms] it
// is kept until the change log moves on.
func (db *DB) KindCounts(ctx context.Context) ([]directory.TermCount, error) {
	return db.countsAsOf(ctx, &db.kinds, `
		WITH given(id, service_id) AS (
			SELECT sk.kind_id, sk.service_id
			FROM service_kind sk
			JOIN service s ON s.id = sk.service_id AND s.status IN ('active', 'temporarily closed')
		)
		SELECT given.id, coalesce(t.name, given.id), coalesce(t.description, ''), coalesce(t.taxonomy, ''),
			coalesce(t.parent_id, ''), coalesce(t.code, ''), coalesce(t.uri, ''), coalesce(t.version, ''), count(*)
		FROM given
		LEFT JOIN taxonomy_term t ON t.id = given.id
		GROUP BY given.id, t.id
		ORDER BY lower(coalesce(t.name, given.id)) COLLATE "C", given.id`, "kinds")
}

// countsAsOf returns the counts query gives, from cache while the change
// log has not moved on since they were counted.
func (db *DB) countsAsOf(ctx context.Context, cache *storedoc.CountCache, query, what string) ([]directory.TermCount, error) {
	seq, err := db.LastChangeSeq(ctx)
	if err != nil {
		return nil, err
	}
	if list, ok := cache.Get(seq); ok {
		return list, nil
	}
	rows, err := db.pool.Query(ctx, query)
	if err != nil {
		return nil, translate(err, what)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (directory.TermCount, error) {
		var tc directory.TermCount
		err := r.Scan(append(termFields(&tc.Term), &tc.Services)...)
		return tc, err
	})
	if err != nil {
		return nil, translate(err, what)
	}
	cache.Put(seq, list)
	return slices.Clone(list), nil
}

// TaxonomyTerms returns every taxonomy term, by name, without counting
// services: the cheap list that labels facets and checks what people
// ask for. (Terms counts, which reads every listing.)
func (db *DB) TaxonomyTerms(ctx context.Context) ([]directory.Term, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term ORDER BY lower(name) COLLATE "C", id`)
	if err != nil {
		return nil, translate(err, "terms")
	}
	terms, err := pgx.CollectRows(rows, scanTerm)
	return terms, translate(err, "terms")
}

// Term returns one taxonomy term.
func (db *DB) Term(ctx context.Context, id string) (*directory.Term, error) {
	var t directory.Term
	err := db.pool.QueryRow(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term WHERE id = $1`, id).
		Scan(termFields(&t)...)
	if err != nil {
		return nil, translate(err, "kind of support")
	}
	return &t, nil
}

func scanTerm(r pgx.CollectableRow) (directory.Term, error) {
	var t directory.Term
	err := r.Scan(termFields(&t)...)
	return t, err
}

// termColumns and termFields are the shared ones, named as the queries
// here have always used them.
var termColumns, termFields = storedoc.TermColumns, storedoc.TermFields
