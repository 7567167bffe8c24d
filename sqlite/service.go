package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// serviceDoc is what a service row keeps as JSON: the fields that are
// always read with the service and never queried on their own.
type serviceDoc struct {
	AlternateName   string                    `json:"alternate_name,omitempty"`
	Description     string                    `json:"description,omitempty"`
	URL             string                    `json:"url,omitempty"`
	Email           string                    `json:"email,omitempty"`
	Alert           string                    `json:"alert,omitempty"`
	Eligibility     string                    `json:"eligibility,omitempty"`
	Application     string                    `json:"application,omitempty"`
	Fees            string                    `json:"fees,omitempty"`
	Interpretation  string                    `json:"interpretation,omitempty"`
	WaitTime        string                    `json:"wait_time,omitempty"`
	ReferralRoutes  []directory.ReferralRoute `json:"referral_routes,omitempty"`
	TypicalWaitDays int                       `json:"typical_wait_days,omitempty"`
	Languages       []directory.Language      `json:"languages,omitempty"`
	CostOptions     []directory.CostOption    `json:"cost_options,omitempty"`
	Phones          []directory.Phone         `json:"phones,omitempty"`
	Contacts        []directory.Contact       `json:"contacts,omitempty"`
	Schedules       []directory.Schedule      `json:"schedules,omitempty"`
	Areas           []directory.ServiceArea   `json:"areas,omitempty"`
	// Linkway's kinds of support with their provenance: given on every
	// write (see kindsFor), or set by an admin.
	Kinds []directory.ServiceKind `json:"kinds,omitempty"`
	// What feeds carry beyond the listing.
	Attributes        []directory.Attribute `json:"attributes,omitempty"`
	Funding           []string              `json:"funding,omitempty"`
	Program           *directory.Program    `json:"program,omitempty"`
	RequiredDocuments []directory.Document  `json:"required_documents,omitempty"`
	// Where a feed's listing came from (directory.Service.Source).
	Source    string `json:"source,omitempty"`
	SourceID  string `json:"source_id,omitempty"`
	FetchedAt string `json:"fetched_at,omitempty"`
}

type locationDoc struct {
	Description    string                    `json:"description,omitempty"`
	URL            string                    `json:"url,omitempty"`
	Transportation string                    `json:"transportation,omitempty"`
	Addresses      []directory.Address       `json:"addresses,omitempty"`
	Accessibility  []directory.Accessibility `json:"accessibility,omitempty"`
	Schedules      []directory.Schedule      `json:"schedules,omitempty"` // the venue's own opening times
	ExternalID     string                    `json:"external_id,omitempty"`
	ExternalIDType string                    `json:"external_id_type,omitempty"`
	Confidential   bool                      `json:"confidential,omitempty"` // only its district is shown in public
}

func locationDocOf(l *directory.Location) locationDoc {
	return locationDoc{
		Description: l.Description, URL: l.URL, Transportation: l.Transportation,
		Addresses: l.Addresses, Accessibility: l.Accessibility, Schedules: l.Schedules,
		ExternalID: l.ExternalID, ExternalIDType: l.ExternalIDType,
		Confidential: l.Confidential,
	}
}

func (d *locationDoc) fill(l *directory.Location) {
	l.Description, l.URL, l.Transportation = d.Description, d.URL, d.Transportation
	l.Addresses, l.Accessibility, l.Schedules = d.Addresses, d.Accessibility, d.Schedules
	l.ExternalID, l.ExternalIDType = d.ExternalID, d.ExternalIDType
	l.Confidential = d.Confidential
}

// organizationDoc is what an organisation row keeps as JSON. An
// organisation with nothing in it is kept as "", as rows were before it
// existed, so that they read as unchanged.
type organizationDoc struct {
	Identifiers []directory.Identifier `json:"identifiers,omitempty"`
}

func organizationDocText(o *directory.Organization) string {
	if len(o.Identifiers) == 0 {
		return ""
	}
	return mustJSON(organizationDoc{Identifiers: o.Identifiers})
}

func readOrganizationDoc(text string, o *directory.Organization) error {
	if text == "" {
		return nil
	}
	var d organizationDoc
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return fmt.Errorf("sqlite: organisation %s: %w", o.ID, err)
	}
	o.Identifiers = d.Identifiers
	return nil
}

type salDoc struct {
	Description string               `json:"description,omitempty"`
	Schedules   []directory.Schedule `json:"schedules,omitempty"`
	Phones      []directory.Phone    `json:"phones,omitempty"`
	Contacts    []directory.Contact  `json:"contacts,omitempty"`
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data structs are marshalled here
	}
	return string(b)
}

// contentHash fingerprints everything about a service, so re-importing an
// unchanged record writes nothing and adds nothing to the change log.
func contentHash(s *directory.Service) string {
	// Terms are stored once for all services; a service holds only which
	// ones it has, so only their ids are part of its content.
	c := *s
	// When a feed's listing was fetched is not part of what it says: an
	// unchanged listing fetched again is not written again.
	c.FetchedAt = time.Time{}
	c.Terms = make([]directory.Term, len(s.Terms))
	for i, t := range s.Terms {
		c.Terms[i] = directory.Term{ID: t.ID}
	}
	sum := sha256.Sum256([]byte(mustJSON(&c)))
	return hex.EncodeToString(sum[:16])
}

func dateOrEmpty(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
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
	stored, err := storedKinds(ctx, tx.queryRow, s.ID)
	if err != nil {
		return false, false, err
	}
	return tx.writeService(ctx, tx.db.withKinds(s, stored, true), stored)
}

// writeService writes s, kinds and all, unless stored shows it unchanged.
func (tx *Tx) writeService(ctx context.Context, s *directory.Service, stored storedService) (created, changed bool, err error) {
	hash := contentHash(s)
	switch {
	case !stored.exists:
		created = true
	case stored.hash == hash:
		return false, false, nil
	}
	now := tx.now.Format(time.RFC3339)
	var orgID any
	if o := s.Organization; o != nil {
		orgID = o.ID
		if _, err := tx.putOrganization(ctx, o, s.ID); err != nil {
			return false, false, err
		}
	}
	if _, err := tx.exec(ctx, `INSERT INTO service (id, organization_id, name, status, accepting,
			minimum_age, maximum_age, last_verified, verified_by, last_modified, content_hash, doc,
			created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id,
			name = excluded.name, status = excluded.status, accepting = excluded.accepting,
			minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age,
			last_verified = excluded.last_verified, verified_by = excluded.verified_by,
			last_modified = excluded.last_modified, content_hash = excluded.content_hash,
			doc = excluded.doc, updated_at = excluded.updated_at`,
		s.ID, orgID, s.Name, string(s.Status), string(s.Accepting), nullInt(s.MinimumAge), nullInt(s.MaximumAge),
		dateOrEmpty(s.LastVerified, time.DateOnly), s.VerifiedBy, dateOrEmpty(s.LastModified, time.RFC3339Nano),
		hash, mustJSON(serviceDocOf(s)), now, now); err != nil {
		return false, false, translate(err, "service "+s.ID)
	}
	if _, err := tx.exec(ctx, `DELETE FROM service_at_location WHERE service_id = ?`, s.ID); err != nil {
		return false, false, translate(err, "service locations")
	}
	for i, sal := range s.Locations {
		// A location named by id alone is linked as it is stored.
		if !sal.Location.IsReference() {
			if _, err := tx.putLocation(ctx, &sal.Location, s.ID); err != nil {
				return false, false, err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO service_at_location (id, service_id, location_id, position, doc)
			VALUES (?, ?, ?, ?, ?)`,
			sal.ID, s.ID, sal.Location.ID, i, mustJSON(salDoc{sal.Description, sal.Schedules, sal.Phones, sal.Contacts})); err != nil {
			return false, false, translate(err, fmt.Sprintf("service at location %q", sal.ID))
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM service_term WHERE service_id = ?`, s.ID); err != nil {
		return false, false, translate(err, "service terms")
	}
	for i, t := range s.Terms {
		if err := tx.putTerm(ctx, t, false); err != nil {
			return false, false, err
		}
		if _, err := tx.exec(ctx, `INSERT INTO service_term (service_id, term_id, position) VALUES (?, ?, ?)`, s.ID, t.ID, i); err != nil {
			return false, false, translate(err, "service term "+t.ID)
		}
	}
	if err := tx.putServiceKinds(ctx, s); err != nil {
		return false, false, err
	}
	if err := tx.logChange(ctx, s.ID, "upsert"); err != nil {
		return false, false, err
	}
	return created, true, nil
}

// serviceDocOf is what s's row keeps as JSON.
func serviceDocOf(s *directory.Service) serviceDoc {
	return serviceDoc{
		AlternateName: s.AlternateName, Description: s.Description, URL: s.URL, Email: s.Email,
		Alert: s.Alert, Eligibility: s.Eligibility, Application: s.Application, Fees: s.Fees,
		Interpretation: s.Interpretation, WaitTime: s.WaitTime, ReferralRoutes: s.ReferralRoutes,
		TypicalWaitDays: s.TypicalWaitDays, Languages: s.Languages, CostOptions: s.CostOptions,
		Phones: s.Phones, Contacts: s.Contacts, Schedules: s.Schedules, Areas: s.Areas, Kinds: s.Kinds,
		Attributes: s.Attributes, Funding: s.Funding, Program: s.Program, RequiredDocuments: s.RequiredDocuments,
		Source: s.Source, SourceID: s.SourceID, FetchedAt: dateOrEmpty(s.FetchedAt, time.RFC3339),
	}
}

func (tx *Tx) logChange(ctx context.Context, serviceID, op string) error {
	_, err := tx.exec(ctx, `INSERT INTO change_log (service_id, op, changed_at) VALUES (?, ?, ?)`,
		serviceID, op, tx.now.Format(time.RFC3339Nano))
	return translate(err, "change log")
}

// putOrganization stores an organisation that runs services. When it
// changes, its other services are logged as changed too, since the index
// holds the organisation's name in each. changed is false when the
// stored row was already identical.
func (tx *Tx) putOrganization(ctx context.Context, o *directory.Organization, serviceID string) (changed bool, err error) {
	res, err := tx.exec(ctx, `INSERT INTO organization (id, name, description, email, website, doc)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			email = excluded.email, website = excluded.website, doc = excluded.doc
		WHERE (name, description, email, website, doc)
			IS NOT (excluded.name, excluded.description, excluded.email, excluded.website, excluded.doc)`,
		o.ID, o.Name, o.Description, o.Email, o.Website, organizationDocText(o))
	if err != nil {
		return false, translate(err, "organisation "+o.ID)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, tx.logDependents(ctx, res, `SELECT id FROM service WHERE organization_id = ? AND id != ?`, o.ID, serviceID)
}

// PutOrganization stores an organisation listed without services (an
// HSDS organisation list); created reports a new id, changed is false when
// the stored one was already identical.
func (tx *Tx) PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error) {
	exists, err := tx.exists(ctx, `SELECT 1 FROM organization WHERE id = ?`, o.ID)
	if err != nil {
		return false, false, err
	}
	changed, err = tx.putOrganization(ctx, o, "")
	return !exists, changed, err
}

// locationRow is what the location table holds for l.
func locationRow(l *directory.Location) []any {
	var lat, lon any
	if l.Point != nil {
		lat, lon = l.Point.Lat(), l.Point.Lon()
	}
	return []any{l.ID, string(l.Type), l.Name, lat, lon, l.Address().PostalCode, mustJSON(locationDocOf(l))}
}

// putLocation stores a location shared by many services. When it changes,
// the other services there are logged as changed too, since the index
// holds each service with its places. changed is false when the stored
// row was already identical.
func (tx *Tx) putLocation(ctx context.Context, l *directory.Location, serviceID string) (changed bool, err error) {
	res, err := tx.exec(ctx, `INSERT INTO location (id, location_type, name, latitude, longitude, postcode, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET location_type = excluded.location_type, name = excluded.name,
			latitude = excluded.latitude, longitude = excluded.longitude, postcode = excluded.postcode,
			doc = excluded.doc
		WHERE (location_type, name, latitude, longitude, postcode, doc)
			IS NOT (excluded.location_type, excluded.name, excluded.latitude, excluded.longitude, excluded.postcode, excluded.doc)`,
		locationRow(l)...)
	if err != nil {
		return false, translate(err, "location "+l.ID)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, tx.logDependents(ctx, res, `SELECT DISTINCT service_id FROM service_at_location WHERE location_id = ? AND service_id != ?`, l.ID, serviceID)
}

// PutLocation stores a location listed without services (an HSDS
// location file), so that services can name it later by id; created
// reports a new id, changed is false when the stored one was already
// identical.
func (tx *Tx) PutLocation(ctx context.Context, l *directory.Location) (created, changed bool, err error) {
	exists, err := tx.HasLocation(ctx, l.ID)
	if err != nil {
		return false, false, err
	}
	changed, err = tx.putLocation(ctx, l, "")
	return !exists, changed, err
}

// HasLocation reports whether a location with this id is stored.
func (tx *Tx) HasLocation(ctx context.Context, id string) (bool, error) {
	return tx.exists(ctx, `SELECT 1 FROM location WHERE id = ?`, id)
}

// exists reports whether query selects a row.
func (tx *Tx) exists(ctx context.Context, query string, args ...any) (bool, error) {
	var one int
	switch err := tx.queryRow(ctx, query, args...).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, translate(err, "lookup")
	}
	return true, nil
}

// logDependents logs a change for each service that query selects, when
// res shows the shared row it depends on was written.
func (tx *Tx) logDependents(ctx context.Context, res sql.Result, query string, args ...any) error {
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	rows, err := tx.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err, "dependent services")
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return translate(err, "dependent service")
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := tx.logChange(ctx, id, "upsert"); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "dependent services")
}

// putTerm stores a taxonomy term. A term named only by id (a feed that
// links terms without describing them) never overwrites a described one,
// and one described in a service's attributes keeps the code, URI and
// version that a vocabulary gave it unless it gives its own.
func (tx *Tx) putTerm(ctx context.Context, t directory.Term, authoritative bool) error {
	name := t.Name
	if name == "" {
		name = t.ID
	}
	const insert = `INSERT INTO taxonomy_term (id, name, description, taxonomy, parent_id, code, uri, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	q := insert + ` ON CONFLICT (id) DO NOTHING`
	switch {
	case authoritative:
		q = insert + ` ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			taxonomy = excluded.taxonomy, parent_id = excluded.parent_id,
			code = excluded.code, uri = excluded.uri, version = excluded.version
		WHERE (name, description, taxonomy, parent_id, code, uri, version)
			IS NOT (excluded.name, excluded.description, excluded.taxonomy, excluded.parent_id,
				excluded.code, excluded.uri, excluded.version)`
	case t.Name != "":
		q = insert + ` ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
			taxonomy = excluded.taxonomy, parent_id = excluded.parent_id,
			code = coalesce(nullif(excluded.code, ''), code), uri = coalesce(nullif(excluded.uri, ''), uri),
			version = coalesce(nullif(excluded.version, ''), version)
		WHERE (name, description, taxonomy, parent_id) IS NOT (excluded.name, excluded.description, excluded.taxonomy, excluded.parent_id)
			OR excluded.code NOT IN ('', code) OR excluded.uri NOT IN ('', uri) OR excluded.version NOT IN ('', version)`
	}
	res, err := tx.exec(ctx, q, t.ID, name, t.Description, t.Taxonomy, t.ParentID, t.Code, t.URI, t.Version)
	if err != nil {
		return translate(err, "taxonomy term "+t.ID)
	}
	// The index holds each service's kind names and broader terms: a
	// renamed or moved term changes every service at or below it.
	return tx.logDependents(ctx, res, subtreeServices, t.ID)
}

// PutTerms stores a taxonomy's terms, replacing their names and descriptions.
func (tx *Tx) PutTerms(ctx context.Context, terms []directory.Term) error {
	for _, t := range terms {
		if err := tx.putTerm(ctx, t, true); err != nil {
			return err
		}
	}
	return nil
}

// Service returns the service with the given id, fully nested.
func (db *DB) Service(ctx context.Context, id string) (*directory.Service, error) {
	list, err := db.loadServices(ctx, `WHERE s.id = ?`, id)
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
		where = append(where, `(s.id IN (SELECT service_id FROM service_term WHERE term_id = ?)
			OR s.id IN (SELECT service_id FROM service_kind WHERE kind_id = ?))`)
		args = append(args, f.TermID, f.TermID)
	}
	if f.Listed {
		where = append(where, `s.status IN ('active', 'temporarily closed')`)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM service s `+cond, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services")
	}
	page := cond + ` ORDER BY s.name COLLATE NOCASE, s.id`
	if f.Limit > 0 {
		page += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	list, err := db.loadServices(ctx, page, args...)
	return list, total, err
}

// loadServices reads services selected by tail (a WHERE/ORDER/LIMIT over
// the alias s) together with their organisations, locations and terms.
func (db *DB) loadServices(ctx context.Context, tail string, args ...any) ([]*directory.Service, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT s.id, s.name, s.status, s.accepting, s.minimum_age, s.maximum_age,
			s.last_verified, s.verified_by, s.last_modified, s.doc,
			o.id, o.name, o.description, o.email, o.website, o.doc
		FROM service s
		LEFT JOIN organization o ON o.id = s.organization_id
		`+tail, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	defer rows.Close()
	var list []*directory.Service
	byID := map[string]*directory.Service{}
	for rows.Next() {
		var (
			s                  directory.Service
			minAge, maxAge     sql.NullInt64
			verified, modified string
			doc                string
			oid, oname, odesc  sql.NullString
			oemail, owebsite   sql.NullString
			odoc               sql.NullString
		)
		if err := rows.Scan(&s.ID, &s.Name, &s.Status, &s.Accepting, &minAge, &maxAge,
			&verified, &s.VerifiedBy, &modified, &doc, &oid, &oname, &odesc, &oemail, &owebsite, &odoc); err != nil {
			return nil, translate(err, "service")
		}
		if minAge.Valid {
			v := int(minAge.Int64)
			s.MinimumAge = &v
		}
		if maxAge.Valid {
			v := int(maxAge.Int64)
			s.MaximumAge = &v
		}
		s.LastVerified, _ = time.Parse(time.DateOnly, verified)
		s.LastModified, _ = time.Parse(time.RFC3339, modified)
		var d serviceDoc
		if err := json.Unmarshal([]byte(doc), &d); err != nil {
			return nil, fmt.Errorf("sqlite: service %s: %w", s.ID, err)
		}
		s.AlternateName, s.Description, s.URL, s.Email = d.AlternateName, d.Description, d.URL, d.Email
		s.Alert, s.Eligibility, s.Application, s.Fees = d.Alert, d.Eligibility, d.Application, d.Fees
		s.Interpretation, s.WaitTime, s.ReferralRoutes, s.TypicalWaitDays = d.Interpretation, d.WaitTime, d.ReferralRoutes, d.TypicalWaitDays
		s.Languages, s.CostOptions, s.Phones, s.Contacts = d.Languages, d.CostOptions, d.Phones, d.Contacts
		s.Schedules, s.Areas, s.Kinds = d.Schedules, d.Areas, d.Kinds
		s.Attributes, s.Funding, s.Program, s.RequiredDocuments = d.Attributes, d.Funding, d.Program, d.RequiredDocuments
		s.Source, s.SourceID = d.Source, d.SourceID
		s.FetchedAt, _ = time.Parse(time.RFC3339, d.FetchedAt)
		if oid.Valid {
			s.Organization = &directory.Organization{ID: oid.String, Name: oname.String, Description: odesc.String, Email: oemail.String, Website: owebsite.String}
			if err := readOrganizationDoc(odoc.String, s.Organization); err != nil {
				return nil, err
			}
		}
		list = append(list, &s)
		byID[s.ID] = &s
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "services")
	}
	if len(list) == 0 {
		return list, nil
	}
	// SQLite bounds the parameters of one statement: read nested parts
	// for at most 500 services at a time.
	for start := 0; start < len(list); start += 500 {
		chunk := list[start:min(start+500, len(list))]
		ids := make([]any, len(chunk))
		for i, s := range chunk {
			ids[i] = s.ID
		}
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
		if err := db.loadLocations(ctx, in, ids, byID); err != nil {
			return nil, err
		}
		if err := db.loadTerms(ctx, in, ids, byID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func (db *DB) loadLocations(ctx context.Context, in string, ids []any, byID map[string]*directory.Service) error {
	rows, err := db.read.QueryContext(ctx, `
		SELECT sl.service_id, sl.id, sl.doc, l.id, l.location_type, l.name, l.latitude, l.longitude, l.doc
		FROM service_at_location sl
		JOIN location l ON l.id = sl.location_id
		WHERE sl.service_id IN `+in+`
		ORDER BY sl.service_id, sl.position`, ids...)
	if err != nil {
		return translate(err, "service locations")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			serviceID, salDocText, locDocText string
			sal                               directory.ServiceAtLocation
			lat, lon                          sql.NullFloat64
		)
		if err := rows.Scan(&serviceID, &sal.ID, &salDocText, &sal.Location.ID, &sal.Location.Type, &sal.Location.Name, &lat, &lon, &locDocText); err != nil {
			return translate(err, "service location")
		}
		var sd salDoc
		var ld locationDoc
		if err := json.Unmarshal([]byte(salDocText), &sd); err != nil {
			return fmt.Errorf("sqlite: service at location %s: %w", sal.ID, err)
		}
		if err := json.Unmarshal([]byte(locDocText), &ld); err != nil {
			return fmt.Errorf("sqlite: location %s: %w", sal.Location.ID, err)
		}
		sal.Description, sal.Schedules, sal.Phones, sal.Contacts = sd.Description, sd.Schedules, sd.Phones, sd.Contacts
		l := &sal.Location
		ld.fill(l)
		if lat.Valid && lon.Valid {
			l.Point = &orb.Point{lon.Float64, lat.Float64}
		}
		s := byID[serviceID]
		s.Locations = append(s.Locations, sal)
	}
	return translate(rows.Err(), "service locations")
}

func (db *DB) loadTerms(ctx context.Context, in string, ids []any, byID map[string]*directory.Service) error {
	rows, err := db.read.QueryContext(ctx, `
		SELECT st.service_id, `+termColumns("t")+`
		FROM service_term st
		JOIN taxonomy_term t ON t.id = st.term_id
		WHERE st.service_id IN `+in+`
		ORDER BY st.service_id, st.position`, ids...)
	if err != nil {
		return translate(err, "service terms")
	}
	defer rows.Close()
	for rows.Next() {
		var serviceID string
		var t directory.Term
		if err := rows.Scan(append([]any{&serviceID}, termFields(&t)...)...); err != nil {
			return translate(err, "service term")
		}
		byID[serviceID].Terms = append(byID[serviceID].Terms, t)
	}
	return translate(rows.Err(), "service terms")
}

// Terms returns every taxonomy term that listed services use, by name,
// with the number of such services.
//
// Counting reads every listing (a third of a second at 100,000), and the
// home and browse pages ask on every visit, so the answer is kept until
// the change log moves on.
func (db *DB) Terms(ctx context.Context) ([]directory.TermCount, error) {
	seq, err := db.LastChangeSeq(ctx)
	if err != nil {
		return nil, err
	}
	if list, ok := db.terms.get(seq); ok {
		return list, nil
	}
	list, err := db.countTerms(ctx)
	if err != nil {
		return nil, err
	}
	db.terms.put(seq, list)
	return slices.Clone(list), nil
}

func (db *DB) countTerms(ctx context.Context) ([]directory.TermCount, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT `+termColumns("t")+`, count(s.id)
		FROM taxonomy_term t
		JOIN service_term st ON st.term_id = t.id
		JOIN service s ON s.id = st.service_id AND s.status IN ('active', 'temporarily closed')
		GROUP BY t.id
		ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, translate(err, "terms")
	}
	defer rows.Close()
	var out []directory.TermCount
	for rows.Next() {
		var tc directory.TermCount
		if err := rows.Scan(append(termFields(&tc.Term), &tc.Services)...); err != nil {
			return nil, translate(err, "term")
		}
		out = append(out, tc)
	}
	return out, translate(rows.Err(), "terms")
}

// KindCounts returns each of Linkway's kinds of support that listed
// services have (from [directory.Service.Kinds], however they were
// given), by name, with the number of such services. Like [DB.Terms] it
// is kept until the change log moves on.
func (db *DB) KindCounts(ctx context.Context) ([]directory.TermCount, error) {
	seq, err := db.LastChangeSeq(ctx)
	if err != nil {
		return nil, err
	}
	if list, ok := db.kinds.get(seq); ok {
		return list, nil
	}
	rows, err := db.read.QueryContext(ctx, `
		WITH given(id, service_id) AS (
			SELECT sk.kind_id, sk.service_id
			FROM service_kind sk
			JOIN service s ON s.id = sk.service_id AND s.status IN ('active', 'temporarily closed')
		)
		SELECT given.id, coalesce(t.name, given.id), coalesce(t.description, ''), coalesce(t.taxonomy, ''),
			coalesce(t.parent_id, ''), coalesce(t.code, ''), coalesce(t.uri, ''), coalesce(t.version, ''), count(*)
		FROM given
		LEFT JOIN taxonomy_term t ON t.id = given.id
		GROUP BY given.id
		ORDER BY coalesce(t.name, given.id) COLLATE NOCASE`)
	if err != nil {
		return nil, translate(err, "kinds")
	}
	defer rows.Close()
	var out []directory.TermCount
	for rows.Next() {
		var tc directory.TermCount
		if err := rows.Scan(append(termFields(&tc.Term), &tc.Services)...); err != nil {
			return nil, translate(err, "kind")
		}
		out = append(out, tc)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "kinds")
	}
	db.kinds.put(seq, out)
	return slices.Clone(out), nil
}

// TaxonomyTerms returns every taxonomy term, by name, without counting
// services: the cheap list that labels facets and checks what people
// ask for. (Terms counts, which reads every listing.)
func (db *DB) TaxonomyTerms(ctx context.Context) ([]directory.Term, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, translate(err, "terms")
	}
	defer rows.Close()
	var out []directory.Term
	for rows.Next() {
		var t directory.Term
		if err := rows.Scan(termFields(&t)...); err != nil {
			return nil, translate(err, "term")
		}
		out = append(out, t)
	}
	return out, translate(rows.Err(), "terms")
}

// Term returns one taxonomy term.
func (db *DB) Term(ctx context.Context, id string) (*directory.Term, error) {
	var t directory.Term
	err := db.read.QueryRowContext(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term WHERE id = ?`, id).
		Scan(termFields(&t)...)
	if err != nil {
		return nil, translate(err, "kind of support")
	}
	return &t, nil
}

// termColumns lists a term's columns in the order termFields scans them,
// each qualified by table.
func termColumns(table string) string {
	cols := []string{"id", "name", "description", "taxonomy", "parent_id", "code", "uri", "version"}
	for i, c := range cols {
		cols[i] = table + "." + c
	}
	return strings.Join(cols, ", ")
}

func termFields(t *directory.Term) []any {
	return []any{&t.ID, &t.Name, &t.Description, &t.Taxonomy, &t.ParentID, &t.Code, &t.URI, &t.Version}
}

// Stats counts what the directory holds (the type both stores return).
type Stats = directory.Stats

// Stats returns counts of services, listed services, organisations and
// locations.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM service),
		(SELECT count(*) FROM service WHERE status IN ('active', 'temporarily closed')),
		(SELECT count(*) FROM organization),
		(SELECT count(*) FROM location)`).Scan(&st.Services, &st.Listed, &st.Organizations, &st.Locations)
	return st, translate(err, "stats")
}

// Changes returns up to limit change-log entries after seq, oldest first.
func (db *DB) Changes(ctx context.Context, after int64, limit int) ([]directory.Change, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, service_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, translate(err, "change log")
	}
	defer rows.Close()
	var out []directory.Change
	for rows.Next() {
		var c directory.Change
		if err := rows.Scan(&c.Seq, &c.ServiceID); err != nil {
			return nil, translate(err, "change")
		}
		out = append(out, c)
	}
	return out, translate(rows.Err(), "change log")
}

// LastChangeSeq returns the newest change-log sequence, or 0.
func (db *DB) LastChangeSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM change_log`).Scan(&seq)
	return seq, translate(err, "change log")
}

// ServicesByID returns the services with the given ids that exist, keyed
// by id; missing ids are simply absent. It is the read path of search
// and matching, so decoded services are cached, each checked against the
// last change-log entry for it (which also moves when a shared location,
// organisation or term changes): callers must treat them as read-only.
func (db *DB) ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error) {
	out := make(map[string]*directory.Service, len(ids))
	// SQLite limits bound parameters; 500 per query stays well inside.
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		versions, err := db.lastChanges(ctx, chunk)
		if err != nil {
			return nil, err
		}
		var missing []any
		for id, v := range versions {
			if s := db.cache.get(id, v); s != nil {
				out[id] = s
			} else {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			continue
		}
		list, err := db.loadServices(ctx, `WHERE s.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(missing)), ",")+`)`, missing...)
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			out[s.ID] = s
			db.cache.put(s.ID, versions[s.ID], s)
		}
	}
	return out, nil
}

// lastChanges returns, for each existing service among ids, the sequence
// of its last change-log entry.
func (db *DB) lastChanges(ctx context.Context, ids []string) (map[string]int64, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT s.id, (SELECT max(seq) FROM change_log c WHERE c.service_id = s.id)
		FROM service s
		WHERE s.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")+`)`, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	defer rows.Close()
	out := make(map[string]int64, len(ids))
	for rows.Next() {
		var id string
		var seq sql.NullInt64
		if err := rows.Scan(&id, &seq); err != nil {
			return nil, translate(err, "service")
		}
		out[id] = seq.Int64
	}
	return out, translate(rows.Err(), "services")
}

// EachService calls fn with every service, batch at a time, in id order.
// It reads in pages so memory stays flat however big the directory is.
func (db *DB) EachService(ctx context.Context, batch int, fn func([]*directory.Service) error) error {
	after := ""
	for {
		list, err := db.loadServices(ctx, `WHERE s.id > ? ORDER BY s.id LIMIT ?`, after, batch)
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
	rows, err := db.read.QueryContext(ctx, `
		SELECT sl.service_id, l.longitude, l.latitude
		FROM service_at_location sl
		JOIN location l ON l.id = sl.location_id
		JOIN service s ON s.id = sl.service_id
		WHERE l.latitude IS NOT NULL AND s.status IN ('active', 'temporarily closed')
			AND json_extract(l.doc, '$.confidential') IS NOT 1 -- PublicPoint: none for a refuge
		ORDER BY sl.service_id, sl.position`)
	if err != nil {
		return nil, translate(err, "location points")
	}
	defer rows.Close()
	out := map[string][]orb.Point{}
	for rows.Next() {
		var id string
		var p orb.Point
		if err := rows.Scan(&id, &p[0], &p[1]); err != nil {
			return nil, translate(err, "location point")
		}
		out[id] = append(out[id], p)
	}
	return out, translate(rows.Err(), "location points")
}
