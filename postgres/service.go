package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
	"github.com/paulmach/orb"
)

// querier is what reads need: the pool, or a transaction when a write
// must read what it is about to change.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// PutService creates or replaces a service with everything nested in it
// (organisation, locations, terms) and records the change in the change
// log. created reports a new id; changed is false when the stored service
// was already identical, in which case nothing is written.
//
// Unless s carries kinds an admin set, it is given Linkway's kinds of
// support as [DB.Kinds] assigns them, or keeps the kinds an admin set on
// the stored service.
func (tx *Tx) PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error) {
	if err := tx.lockChangeLog(ctx); err != nil {
		return false, false, err
	}
	stored, err := storedKinds(ctx, tx.tx, s.ID)
	if err != nil {
		return false, false, err
	}
	return tx.writeService(ctx, tx.db.withKinds(s, stored, true), stored)
}

// writeService writes s, kinds and all, unless stored shows it unchanged.
// Callers read stored after taking the change log's lock (lockChangeLog),
// so that it is still what is stored.
func (tx *Tx) writeService(ctx context.Context, s *directory.Service, stored storedService) (created, changed bool, err error) {
	if err := tx.lockChangeLog(ctx); err != nil {
		return false, false, err
	}
	hash := storedoc.ContentHash(s)
	switch {
	case !stored.exists:
		created = true
	case stored.hash == hash:
		return false, false, nil
	}
	now := tx.now.Format(time.RFC3339)
	var orgID *string
	if o := s.Organization; o != nil {
		orgID = &o.ID
		if _, err := tx.putOrganization(ctx, o, s.ID); err != nil {
			return false, false, err
		}
	}
	if _, err := tx.tx.Exec(ctx, `INSERT INTO service (id, organization_id, name, status, accepting,
			minimum_age, maximum_age, last_verified, verified_by, last_modified, content_hash, doc,
			created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
		ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id,
			name = excluded.name, status = excluded.status, accepting = excluded.accepting,
			minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age,
			last_verified = excluded.last_verified, verified_by = excluded.verified_by,
			last_modified = excluded.last_modified, content_hash = excluded.content_hash,
			doc = excluded.doc, updated_at = excluded.updated_at`,
		s.ID, orgID, s.Name, string(s.Status), string(s.Accepting), s.MinimumAge, s.MaximumAge,
		storedoc.DateOrEmpty(s.LastVerified, time.DateOnly), s.VerifiedBy, storedoc.DateOrEmpty(s.LastModified, time.RFC3339Nano),
		hash, storedoc.ServiceText(s), now); err != nil {
		return false, false, translate(err, "service "+s.ID)
	}
	if err := tx.putServiceLocations(ctx, s); err != nil {
		return false, false, err
	}
	if err := tx.putServiceTerms(ctx, s); err != nil {
		return false, false, err
	}
	if err := tx.putServiceKinds(ctx, s); err != nil {
		return false, false, err
	}
	if err := tx.logChange(ctx, s.ID, "upsert"); err != nil {
		return false, false, err
	}
	return created, true, nil
}

// putServiceLocations replaces where s is offered, storing each place
// it describes (a location named by id alone is linked as it is stored).
func (tx *Tx) putServiceLocations(ctx context.Context, s *directory.Service) error {
	if _, err := tx.tx.Exec(ctx, `DELETE FROM service_at_location WHERE service_id = $1`, s.ID); err != nil {
		return translate(err, "service locations")
	}
	for i := range s.Locations {
		sal := &s.Locations[i]
		if !sal.Location.IsReference() {
			if _, err := tx.putLocation(ctx, &sal.Location, s.ID); err != nil {
				return err
			}
		}
		if _, err := tx.tx.Exec(ctx, `INSERT INTO service_at_location (id, service_id, location_id, position, doc)
			VALUES ($1, $2, $3, $4, $5)`,
			sal.ID, s.ID, sal.Location.ID, i, storedoc.ServiceAtLocationText(sal)); err != nil {
			return translate(err, fmt.Sprintf("service at location %q", sal.ID))
		}
	}
	return nil
}

// putServiceTerms replaces the taxonomy terms s is tagged with, storing
// any term not yet known.
func (tx *Tx) putServiceTerms(ctx context.Context, s *directory.Service) error {
	if _, err := tx.tx.Exec(ctx, `DELETE FROM service_term WHERE service_id = $1`, s.ID); err != nil {
		return translate(err, "service terms")
	}
	for i, t := range s.Terms {
		if err := tx.putTerm(ctx, t, false); err != nil {
			return err
		}
		if _, err := tx.tx.Exec(ctx, `INSERT INTO service_term (service_id, term_id, position) VALUES ($1, $2, $3)`, s.ID, t.ID, i); err != nil {
			return translate(err, "service term "+t.ID)
		}
	}
	return nil
}

// putOrganization stores an organisation that runs services. When it
// changes, its other services are logged as changed too, since the index
// holds the organisation's name in each. changed is false when the
// stored row was already identical.
func (tx *Tx) putOrganization(ctx context.Context, o *directory.Organization, serviceID string) (changed bool, err error) {
	tag, err := tx.tx.Exec(ctx, `INSERT INTO organization (id, name, description, email, website, doc)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			email = excluded.email, website = excluded.website, doc = excluded.doc
		WHERE (organization.name, organization.description, organization.email, organization.website, organization.doc)
			IS DISTINCT FROM (excluded.name, excluded.description, excluded.email, excluded.website, excluded.doc)`,
		o.ID, o.Name, o.Description, o.Email, o.Website, storedoc.OrganizationText(o))
	if err != nil {
		return false, translate(err, "organisation "+o.ID)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	return true, tx.logDependents(ctx, `SELECT id FROM service WHERE organization_id = $1 AND id <> $2`, o.ID, serviceID)
}

// PutOrganization stores an organisation listed without services (an
// HSDS organisation list); created reports a new id, changed is false when
// the stored one was already identical.
func (tx *Tx) PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error) {
	if err := tx.lockChangeLog(ctx); err != nil {
		return false, false, err
	}
	exists, err := tx.exists(ctx, `SELECT 1 FROM organization WHERE id = $1`, o.ID)
	if err != nil {
		return false, false, err
	}
	changed, err = tx.putOrganization(ctx, o, "")
	return !exists, changed, err
}

// putLocation stores a location shared by many services. When it changes,
// the other services there are logged as changed too, since the index
// holds each service with its places. changed is false when the stored
// row was already identical.
func (tx *Tx) putLocation(ctx context.Context, l *directory.Location, serviceID string) (changed bool, err error) {
	var lat, lon *float64
	if p := l.Point; p != nil {
		la, lo := p.Lat(), p.Lon()
		lat, lon = &la, &lo
	}
	tag, err := tx.tx.Exec(ctx, `INSERT INTO location (id, location_type, name, latitude, longitude, postcode, doc)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (id) DO UPDATE SET location_type = excluded.location_type, name = excluded.name,
			latitude = excluded.latitude, longitude = excluded.longitude, postcode = excluded.postcode,
			doc = excluded.doc
		WHERE (location.location_type, location.name, location.latitude, location.longitude, location.postcode, location.doc)
			IS DISTINCT FROM (excluded.location_type, excluded.name, excluded.latitude, excluded.longitude, excluded.postcode, excluded.doc)`,
		l.ID, string(l.Type), l.Name, lat, lon, l.Address().PostalCode, storedoc.LocationText(l))
	if err != nil {
		return false, translate(err, "location "+l.ID)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	return true, tx.logDependents(ctx, `SELECT DISTINCT service_id FROM service_at_location WHERE location_id = $1 AND service_id <> $2`, l.ID, serviceID)
}

// PutLocation stores a location listed without services (an HSDS
// location file), so that services can name it later by id; created
// reports a new id, changed is false when the stored one was already
// identical.
func (tx *Tx) PutLocation(ctx context.Context, l *directory.Location) (created, changed bool, err error) {
	if err := tx.lockChangeLog(ctx); err != nil {
		return false, false, err
	}
	exists, err := tx.HasLocation(ctx, l.ID)
	if err != nil {
		return false, false, err
	}
	changed, err = tx.putLocation(ctx, l, "")
	return !exists, changed, err
}

// HasLocation reports whether a location with this id is stored.
func (tx *Tx) HasLocation(ctx context.Context, id string) (bool, error) {
	return tx.exists(ctx, `SELECT 1 FROM location WHERE id = $1`, id)
}

// exists reports whether query selects a row.
func (tx *Tx) exists(ctx context.Context, query string, args ...any) (bool, error) {
	var one int
	switch err := tx.tx.QueryRow(ctx, query, args...).Scan(&one); {
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	case err != nil:
		return false, translate(err, "lookup")
	}
	return true, nil
}

// logDependents logs a change for each service that query selects: the
// services that show a shared row the caller has just changed.
func (tx *Tx) logDependents(ctx context.Context, query string, args ...any) error {
	rows, err := tx.tx.Query(ctx, query, args...)
	if err != nil {
		return translate(err, "dependent services")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return translate(err, "dependent services")
	}
	for _, id := range ids {
		if err := tx.logChange(ctx, id, "upsert"); err != nil {
			return err
		}
	}
	return nil
}

// Service returns the service with the given id, fully nested.
func (db *DB) Service(ctx context.Context, id string) (*directory.Service, error) {
	list, err := db.loadServices(ctx, `WHERE s.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no service has this id"}
	}
	return list[0], nil
}

// FindServices returns the services matching f ordered by name, and how
// many match in all.
func (db *DB) FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error) {
	var where []string
	var args []any
	if f.TermID != "" {
		// A term is one of Linkway's kinds given to the service or one of
		// its feed's own terms, as a search by kind reads it.
		args = append(args, f.TermID)
		where = append(where, `(s.id IN (SELECT service_id FROM service_term WHERE term_id = $1)
			OR s.id IN (SELECT service_id FROM service_kind WHERE kind_id = $1))`)
	}
	if f.Listed {
		where = append(where, `s.status IN ('active', 'temporarily closed')`)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM service s `+cond, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services")
	}
	page := cond + ` ORDER BY lower(s.name) COLLATE "C", s.id`
	if f.Limit > 0 {
		n := len(args)
		page += ` LIMIT $` + strconv.Itoa(n+1) + ` OFFSET $` + strconv.Itoa(n+2)
		args = append(args, f.Limit, f.Offset)
	}
	list, err := db.loadServices(ctx, page, args...)
	return list, total, err
}

// loadServices reads services selected by tail (a WHERE/ORDER/LIMIT over
// the alias s, and o for the organisation, with $1… for args) together
// with their organisations, locations and terms.
func (db *DB) loadServices(ctx context.Context, tail string, args ...any) ([]*directory.Service, error) {
	return loadServices(ctx, db.pool, tail, args...)
}

// loadServices is [DB.loadServices] through q: a transaction reads what
// it is about to rewrite.
func loadServices(ctx context.Context, q querier, tail string, args ...any) ([]*directory.Service, error) {
	rows, err := q.Query(ctx, `
		SELECT s.id, s.name, s.status, s.accepting, s.minimum_age, s.maximum_age,
			s.last_verified, s.verified_by, s.last_modified, s.doc,
			o.id, o.name, o.description, o.email, o.website, o.doc
		FROM service s
		LEFT JOIN organization o ON o.id = s.organization_id
		`+tail, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	list, err := pgx.CollectRows(rows, scanService)
	if err != nil {
		return nil, translate(err, "services")
	}
	if len(list) == 0 {
		return list, nil
	}
	byID := make(map[string]*directory.Service, len(list))
	ids := make([]string, len(list))
	for i, s := range list {
		byID[s.ID], ids[i] = s, s.ID
	}
	if err := loadLocations(ctx, q, ids, byID); err != nil {
		return nil, err
	}
	if err := loadTerms(ctx, q, ids, byID); err != nil {
		return nil, err
	}
	return list, nil
}

// scanService reads one row of loadServices' query: a service and its
// organisation, without locations or terms.
func scanService(row pgx.CollectableRow) (*directory.Service, error) {
	var (
		s                  directory.Service
		verified, modified string
		doc                string
		oid, oname, odesc  *string
		oemail, owebsite   *string
		odoc               *string
	)
	if err := row.Scan(&s.ID, &s.Name, &s.Status, &s.Accepting, &s.MinimumAge, &s.MaximumAge,
		&verified, &s.VerifiedBy, &modified, &doc, &oid, &oname, &odesc, &oemail, &owebsite, &odoc); err != nil {
		return nil, err
	}
	s.LastVerified, _ = time.Parse(time.DateOnly, verified)
	s.LastModified, _ = time.Parse(time.RFC3339, modified)
	if err := storedoc.ReadService(doc, &s); err != nil {
		return nil, err
	}
	if oid != nil {
		s.Organization = &directory.Organization{ID: *oid, Name: *oname, Description: *odesc, Email: *oemail, Website: *owebsite}
		if err := storedoc.ReadOrganization(*odoc, s.Organization); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

func loadLocations(ctx context.Context, q querier, ids []string, byID map[string]*directory.Service) error {
	rows, err := q.Query(ctx, `
		SELECT sl.service_id, sl.id, sl.doc, l.id, l.location_type, l.name, l.latitude, l.longitude, l.doc
		FROM service_at_location sl
		JOIN location l ON l.id = sl.location_id
		WHERE sl.service_id = ANY($1)
		ORDER BY sl.service_id, sl.position`, ids)
	if err != nil {
		return translate(err, "service locations")
	}
	var serviceID, salDoc, locDoc string
	var sal directory.ServiceAtLocation
	var lat, lon *float64
	_, err = pgx.ForEachRow(rows, []any{&serviceID, &sal.ID, &salDoc, &sal.Location.ID, &sal.Location.Type, &sal.Location.Name, &lat, &lon, &locDoc}, func() error {
		got := sal
		if err := storedoc.ReadServiceAtLocation(salDoc, &got); err != nil {
			return err
		}
		if err := storedoc.ReadLocation(locDoc, &got.Location); err != nil {
			return err
		}
		if lat != nil && lon != nil {
			got.Location.Point = &orb.Point{*lon, *lat}
		}
		s := byID[serviceID]
		s.Locations = append(s.Locations, got)
		return nil
	})
	return translate(err, "service locations")
}

func loadTerms(ctx context.Context, q querier, ids []string, byID map[string]*directory.Service) error {
	rows, err := q.Query(ctx, `
		SELECT st.service_id, `+termColumns("t")+`
		FROM service_term st
		JOIN taxonomy_term t ON t.id = st.term_id
		WHERE st.service_id = ANY($1)
		ORDER BY st.service_id, st.position`, ids)
	if err != nil {
		return translate(err, "service terms")
	}
	var serviceID string
	var t directory.Term
	_, err = pgx.ForEachRow(rows, append([]any{&serviceID}, termFields(&t)...), func() error {
		byID[serviceID].Terms = append(byID[serviceID].Terms, t)
		return nil
	})
	return translate(err, "service terms")
}

// ServicesByID returns the services with the given ids that exist, keyed
// by id; missing ids are simply absent. It is the read path of search
// and matching, so decoded services are cached, each checked against the
// last change-log entry for it (which also moves when a shared location,
// organisation or term changes): callers must treat them as read-only.
//
// The cache is kept on PostgreSQL too: a hit costs one query where a
// miss costs three and the JSON decoding, and the check against the
// change log sees writes by every instance.
func (db *DB) ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error) {
	out := make(map[string]*directory.Service, len(ids))
	versions, err := db.lastChanges(ctx, ids)
	if err != nil {
		return nil, err
	}
	var missing []string
	for id, v := range versions {
		if s := db.cache.Get(id, v); s != nil {
			out[id] = s
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	list, err := db.loadServices(ctx, `WHERE s.id = ANY($1)`, missing)
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		out[s.ID] = s
		db.cache.Put(s.ID, versions[s.ID], s)
	}
	return out, nil
}

// lastChanges returns, for each existing service among ids, the sequence
// of its last change-log entry.
func (db *DB) lastChanges(ctx context.Context, ids []string) (map[string]int64, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT s.id, coalesce((SELECT max(seq) FROM change_log c WHERE c.service_id = s.id), 0)
		FROM service s
		WHERE s.id = ANY($1)`, ids)
	if err != nil {
		return nil, translate(err, "services")
	}
	out := make(map[string]int64, len(ids))
	var id string
	var seq int64
	_, err = pgx.ForEachRow(rows, []any{&id, &seq}, func() error {
		out[id] = seq
		return nil
	})
	return out, translate(err, "services")
}

// EachService calls fn with every service, batch at a time, in id order.
// It reads in pages so memory stays flat however big the directory is.
func (db *DB) EachService(ctx context.Context, batch int, fn func([]*directory.Service) error) error {
	after := ""
	for {
		list, err := db.loadServices(ctx, `WHERE s.id > $1 ORDER BY s.id LIMIT $2`, after, batch)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return nil
		}
		if err := fn(list); err != nil {
			return err
		}
		after = list[len(list)-1].ID
	}
}

// LocationPoints returns the positions of every listed service's
// locations, keyed by service id: the search index keeps them in memory
// to give exact distances to services that meet in several places.
// Confidential locations have no point here (directory's PublicPoint).
func (db *DB) LocationPoints(ctx context.Context) (map[string][]orb.Point, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT sl.service_id, l.longitude, l.latitude
		FROM service_at_location sl
		JOIN location l ON l.id = sl.location_id
		JOIN service s ON s.id = sl.service_id
		WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL
			AND s.status IN ('active', 'temporarily closed')
			AND (l.doc::jsonb ->> 'confidential') IS DISTINCT FROM 'true' -- PublicPoint: none for a refuge
		ORDER BY sl.service_id, sl.position`)
	if err != nil {
		return nil, translate(err, "location points")
	}
	out := map[string][]orb.Point{}
	var id string
	var p orb.Point
	_, err = pgx.ForEachRow(rows, []any{&id, &p[0], &p[1]}, func() error {
		out[id] = append(out[id], p)
		return nil
	})
	return out, translate(err, "location points")
}

// Stats is [directory.Stats], what both stores count.
type Stats = directory.Stats

// Stats returns counts of services, listed services, organisations and
// locations.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM service),
		(SELECT count(*) FROM service WHERE status IN ('active', 'temporarily closed')),
		(SELECT count(*) FROM organization),
		(SELECT count(*) FROM location)`).Scan(&st.Services, &st.Listed, &st.Organizations, &st.Locations)
	return st, translate(err, "stats")
}
