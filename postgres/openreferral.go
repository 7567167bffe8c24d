package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
	"github.com/linkway/linkway/internal/like"
	"github.com/linkway/linkway/internal/storedoc"
)

// The Open Referral API's reads (web/openreferral). Each one sees listed
// services only (active or temporarily closed) and pages in SQL, so no
// request reads more than the page it answers.

const listedStatus = `s.status IN ('active', 'temporarily closed')`

// page is the LIMIT and OFFSET clause of a page, or nothing for all rows.
func (p *params) page(limit, offset int) string {
	if limit <= 0 {
		return ""
	}
	return ` LIMIT ` + p.add(limit) + ` OFFSET ` + p.add(offset)
}

// listingWhere returns the joins and conditions over the alias s that
// select f's services, adding their arguments to p.
func listingWhere(f directory.ListingFilter, p *params) (join, where string) {
	if f.Among != nil {
		// One parameter however many hits, ordered by hit.key.
		join = ` JOIN unnest(` + p.add(f.Among) + `::text[]) WITH ORDINALITY hit(id, key) ON hit.id = s.id`
	}
	conds := []string{listedStatus}
	if f.After != "" && f.Among == nil {
		conds = append(conds, `s.id > `+p.add(f.After))
	}
	if f.OrganizationID != "" {
		conds = append(conds, `s.organization_id = `+p.add(f.OrganizationID))
	}
	if f.TermID != "" {
		term := p.add(f.TermID)
		conds = append(conds, `s.id IN (
			SELECT st.service_id FROM service_term st
			WHERE st.term_id IN (SELECT t.id FROM taxonomy_term t WHERE t.id = `+term+` OR t.code = `+term+`))`)
	}
	if f.Taxonomy != "" {
		conds = append(conds, `s.id IN (
			SELECT st.service_id FROM service_term st
			WHERE st.term_id IN (SELECT t.id FROM taxonomy_term t WHERE t.taxonomy = `+p.add(f.Taxonomy)+`))`)
	}
	if !f.ModifiedAfter.IsZero() {
		// Compared as instants: feeds write last_modified in any zone.
		conds = append(conds, `text_instant(s.last_modified) >= `+p.add(f.ModifiedAfter.UTC()))
	}
	if f.MinimumAge != nil {
		conds = append(conds, `s.minimum_age >= `+p.add(*f.MinimumAge))
	}
	if f.MaximumAge != nil {
		conds = append(conds, `s.maximum_age <= `+p.add(*f.MaximumAge))
	}
	if cond := scheduleCond(f, p); cond != "" {
		// A service's own times or its times at one of its places; lax
		// JSON paths, so a doc without schedules has none.
		conds = append(conds, `(EXISTS (SELECT 1 FROM jsonb_path_query(s.doc::jsonb, '$.schedules[*]') sc WHERE `+cond+`)
			OR EXISTS (SELECT 1 FROM service_at_location sl, jsonb_path_query(sl.doc::jsonb, '$.schedules[*]') sc
				WHERE sl.service_id = s.id AND `+cond+`))`)
	}
	return join, " WHERE " + strings.Join(conds, " AND ")
}

// scheduleCond is the condition on one schedule, sc, that f's day and
// times ask for, or "" when they ask nothing. Times compare as text,
// byte by byte as in SQLite, whatever the database's collation.
func scheduleCond(f directory.ListingFilter, p *params) string {
	var sc []string
	if f.Day != "" {
		sc = append(sc, `upper(coalesce(sc->>'ByDay', '')) LIKE `+p.add(like.Contains(strings.ToUpper(f.Day))))
	}
	if f.Opens != "" {
		sc = append(sc, `(sc->>'Opens') COLLATE "C" >= `+p.add(f.Opens))
	}
	if f.Closes != "" {
		sc = append(sc, `(sc->>'Closes') COLLATE "C" <= `+p.add(f.Closes))
	}
	return strings.Join(sc, " AND ")
}

// listingOrder orders f's services: as the hits were, else by id, which
// paging by After relies on; for modified_after, last change first, as a
// syncing directory wants.
func listingOrder(f directory.ListingFilter) string {
	switch {
	case f.Among != nil:
		return ` ORDER BY hit.key`
	case !f.ModifiedAfter.IsZero():
		return ` ORDER BY text_instant(s.last_modified), s.id`
	}
	return ` ORDER BY s.id`
}

// ListedServices returns a page of the listed services f selects, and
// how many it selects in all. Callers must treat the services as
// read-only (they may be shared).
func (db *DB) ListedServices(ctx context.Context, f directory.ListingFilter) ([]*directory.Service, int, error) {
	var p params
	join, where := listingWhere(f, &p)
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM service s`+join+where, p...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services")
	}
	if total == 0 || f.Limit > 0 && f.Offset >= total {
		return nil, total, nil
	}
	order := listingOrder(f)
	ids, err := db.selectIDs(ctx, `SELECT s.id FROM service s`+join+where+order+p.page(f.Limit, f.Offset), p...)
	if err != nil {
		return nil, 0, err
	}
	byID, err := db.ServicesByID(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	return storedoc.InOrder(ids, byID), total, nil
}

// selectIDs runs a query of one text column and returns its values.
func (db *DB) selectIDs(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return ids, translate(err, "services")
}

// ListedService returns the listed service with the given id; one that
// is not listed (inactive or defunct) is NotFound, as if it did not exist.
func (db *DB) ListedService(ctx context.Context, id string) (*directory.Service, error) {
	ids, err := db.selectIDs(ctx, `SELECT s.id FROM service s WHERE s.id = $1 AND `+listedStatus, id)
	if err != nil {
		return nil, err
	}
	var s *directory.Service
	if len(ids) == 1 {
		byID, err := db.ServicesByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		s = byID[id]
	}
	if s == nil {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no listed service has this id"}
	}
	return s, nil
}

// ListedServicesAt returns a page of the places of the listed services f
// selects (Open Referral's service_at_location), each with its service,
// and how many there are in all.
func (db *DB) ListedServicesAt(ctx context.Context, f directory.ListingFilter) ([]directory.ServiceAt, int, error) {
	var p params
	join, where := listingWhere(f, &p)
	from := ` FROM service_at_location sl JOIN service s ON s.id = sl.service_id` + join + where
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*)`+from, p...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	if total == 0 || f.Limit > 0 && f.Offset >= total {
		return nil, total, nil
	}
	order := ` ORDER BY sl.id`
	if f.Among != nil {
		order = ` ORDER BY hit.key, sl.position`
	}
	rows, err := db.pool.Query(ctx, `SELECT sl.id, sl.service_id`+from+order+p.page(f.Limit, f.Offset), p...)
	if err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pair [2]string, err error) {
		return pair, r.Scan(&pair[0], &pair[1])
	})
	if err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	serviceIDs := make([]string, len(pairs))
	for i, pair := range pairs {
		serviceIDs[i] = pair[1]
	}
	services, err := db.ServicesByID(ctx, serviceIDs)
	if err != nil {
		return nil, 0, err
	}
	out := make([]directory.ServiceAt, 0, len(pairs))
	for _, pair := range pairs {
		if at, ok := services[pair[1]].AtLocation(pair[0]); ok {
			out = append(out, at)
		}
	}
	return out, total, nil
}

// ListedServiceAt returns the service_at_location with the given id,
// with its service, when that service is listed.
func (db *DB) ListedServiceAt(ctx context.Context, id string) (directory.ServiceAt, error) {
	var serviceID string
	err := db.pool.QueryRow(ctx, `SELECT s.id FROM service_at_location sl JOIN service s ON s.id = sl.service_id
		WHERE sl.id = $1 AND `+listedStatus, id).Scan(&serviceID)
	if err != nil {
		return directory.ServiceAt{}, translate(err, "service at location")
	}
	s, err := db.ListedService(ctx, serviceID)
	if err != nil {
		return directory.ServiceAt{}, err
	}
	at, ok := s.AtLocation(id)
	if !ok {
		return directory.ServiceAt{}, &directory.Error{Kind: directory.NotFound, Msg: "no listed service is at this location"}
	}
	return at, nil
}

const organizationListed = `EXISTS (SELECT 1 FROM service s WHERE s.organization_id = o.id AND ` + listedStatus + `)`

// ListedOrganizations returns a page of the organisations that run at
// least one listed service, by id, and how many there are; search, when
// not empty, keeps those whose name holds it, ignoring case (ILIKE: as
// SQLite's LIKE for ASCII, and beyond it for other letters too).
func (db *DB) ListedOrganizations(ctx context.Context, search string, limit, offset int) ([]directory.Organization, int, error) {
	var p params
	where := ` WHERE ` + organizationListed
	if search = strings.TrimSpace(search); search != "" {
		where += ` AND o.name ILIKE ` + p.add(like.Contains(search))
	}
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM organization o`+where, p...).Scan(&total); err != nil {
		return nil, 0, translate(err, "organisations")
	}
	out, err := db.scanOrganizations(ctx, where+` ORDER BY o.id`+p.page(limit, offset), p...)
	return out, total, err
}

// ListedOrganization returns the organisation with the given id when it
// runs at least one listed service.
func (db *DB) ListedOrganization(ctx context.Context, id string) (*directory.Organization, error) {
	out, err := db.scanOrganizations(ctx, ` WHERE o.id = $1 AND `+organizationListed, id)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no organisation with listed services has this id"}
	}
	return &out[0], nil
}

func (db *DB) scanOrganizations(ctx context.Context, tail string, args ...any) ([]directory.Organization, error) {
	rows, err := db.pool.Query(ctx, `SELECT o.id, o.name, o.description, o.email, o.website, o.doc FROM organization o`+tail, args...)
	if err != nil {
		return nil, translate(err, "organisations")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (o directory.Organization, err error) {
		var doc string
		if err := r.Scan(&o.ID, &o.Name, &o.Description, &o.Email, &o.Website, &doc); err != nil {
			return o, err
		}
		return o, storedoc.ReadOrganization(doc, &o)
	})
	return out, translate(err, "organisations")
}

// Taxonomies returns the vocabularies the directory's terms come from,
// by name, each with its id ([ids.Taxonomy]).
func (db *DB) Taxonomies(ctx context.Context) ([]directory.Taxonomy, error) {
	// Names and versions in byte order, as SQLite's max and ORDER BY.
	rows, err := db.pool.Query(ctx, `SELECT taxonomy, max(version COLLATE "C") FROM taxonomy_term
		WHERE taxonomy <> ''
		GROUP BY taxonomy
		ORDER BY taxonomy COLLATE "C"`)
	if err != nil {
		return nil, translate(err, "taxonomies")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (t directory.Taxonomy, err error) {
		if err := r.Scan(&t.Name, &t.Version); err != nil {
			return t, err
		}
		t.ID = ids.Taxonomy(t.Name)
		return t, nil
	})
	return out, translate(err, "taxonomies")
}

// FindTerms returns a page of the taxonomy terms f selects, by id, and
// how many it selects in all.
func (db *DB) FindTerms(ctx context.Context, f directory.TermFilter) ([]directory.Term, int, error) {
	var p params
	var conds []string
	if f.Taxonomy != "" {
		conds = append(conds, `taxonomy = `+p.add(f.Taxonomy))
	}
	if f.ParentID != "" {
		conds = append(conds, `parent_id = `+p.add(f.ParentID))
	}
	if f.TopOnly {
		conds = append(conds, `parent_id = ''`)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		conds = append(conds, `name ILIKE `+p.add(like.Contains(s)))
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, " AND ")
	}
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM taxonomy_term`+where, p...).Scan(&total); err != nil {
		return nil, 0, translate(err, "terms")
	}
	rows, err := db.pool.Query(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term`+where+` ORDER BY id`+p.page(f.Limit, f.Offset), p...)
	if err != nil {
		return nil, 0, translate(err, "terms")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (t directory.Term, err error) {
		return t, r.Scan(termFields(&t)...)
	})
	return out, total, translate(err, "terms")
}
