package sqlite

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
	"github.com/linkway/linkway/internal/storedoc"
)

// The Open Referral API's reads (web/openreferral). Each one sees listed
// services only (active or temporarily closed) and pages in SQL, so no
// request reads more than the page it answers.

const listedStatus = `s.status IN ('active', 'temporarily closed')`

// listingWhere returns the joins and conditions over the alias s that
// select f's services, with their arguments.
func listingWhere(f directory.ListingFilter) (join, where string, args []any, err error) {
	if f.Among != nil {
		b, err := json.Marshal(f.Among)
		if err != nil {
			return "", "", nil, err
		}
		// One parameter however many hits, ordered by hit.key.
		join = ` JOIN json_each(?) hit ON hit.value = s.id`
		args = append(args, string(b))
	}
	conds := []string{listedStatus}
	if f.After != "" && f.Among == nil {
		conds = append(conds, `s.id > ?`)
		args = append(args, f.After)
	}
	if f.OrganizationID != "" {
		conds = append(conds, `s.organization_id = ?`)
		args = append(args, f.OrganizationID)
	}
	if f.TermID != "" {
		// Terms first, then their services by service_term_term.
		conds = append(conds, `s.id IN (
			SELECT st.service_id FROM service_term st
			WHERE st.term_id IN (SELECT t.id FROM taxonomy_term t WHERE t.id = ? OR t.code = ?))`)
		args = append(args, f.TermID, f.TermID)
	}
	if f.Taxonomy != "" {
		conds = append(conds, `s.id IN (
			SELECT st.service_id FROM service_term st
			WHERE st.term_id IN (SELECT t.id FROM taxonomy_term t WHERE t.taxonomy = ?))`)
		args = append(args, f.Taxonomy)
	}
	if !f.ModifiedAfter.IsZero() {
		// Compared as times: feeds write last_modified in any zone.
		conds = append(conds, `julianday(s.last_modified) >= julianday(?)`)
		args = append(args, f.ModifiedAfter.UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	if f.MinimumAge != nil {
		conds = append(conds, `s.minimum_age >= ?`)
		args = append(args, *f.MinimumAge)
	}
	if f.MaximumAge != nil {
		conds = append(conds, `s.maximum_age <= ?`)
		args = append(args, *f.MaximumAge)
	}
	if f.Day != "" || f.Opens != "" || f.Closes != "" {
		var sc []string
		var scArgs []any
		if f.Day != "" {
			sc = append(sc, `upper(coalesce(json_extract(sc.value, '$.ByDay'), '')) LIKE ?`)
			scArgs = append(scArgs, "%"+strings.ToUpper(f.Day)+"%")
		}
		if f.Opens != "" {
			sc = append(sc, `json_extract(sc.value, '$.Opens') >= ?`)
			scArgs = append(scArgs, f.Opens)
		}
		if f.Closes != "" {
			sc = append(sc, `json_extract(sc.value, '$.Closes') <= ?`)
			scArgs = append(scArgs, f.Closes)
		}
		cond := strings.Join(sc, " AND ")
		// A service's own times or its times at one of its places.
		conds = append(conds, `(EXISTS (SELECT 1 FROM json_each(s.doc, '$.schedules') sc WHERE `+cond+`)
			OR EXISTS (SELECT 1 FROM service_at_location sl, json_each(sl.doc, '$.schedules') sc
				WHERE sl.service_id = s.id AND `+cond+`))`)
		args = append(args, scArgs...)
		args = append(args, scArgs...)
	}
	return join, " WHERE " + strings.Join(conds, " AND "), args, nil
}

// onlyListed reports whether f selects by status (and After) alone.
func onlyListed(f directory.ListingFilter) bool {
	g := f
	g.After, g.Limit, g.Offset = "", 0, 0
	return reflect.ValueOf(g).IsZero()
}

func listingOrder(f directory.ListingFilter) string {
	if f.Among != nil {
		return ` ORDER BY hit.key`
	}
	// The primary key: paging needs no sort.
	return ` ORDER BY s.id`
}

func pageClause(limit, offset int) (string, []any) {
	if limit <= 0 {
		return "", nil
	}
	return ` LIMIT ? OFFSET ?`, []any{limit, offset}
}

// ListedServices returns a page of the listed services f selects, and
// how many it selects in all. The services come from the read cache, so
// callers must treat them as read-only.
func (db *DB) ListedServices(ctx context.Context, f directory.ListingFilter) ([]*directory.Service, int, error) {
	join, where, args, err := listingWhere(f)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM service s`+join+where, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services")
	}
	if total == 0 || f.Limit > 0 && f.Offset >= total {
		return nil, total, nil
	}
	page, pageArgs := pageClause(f.Limit, f.Offset)
	var ids []string
	switch {
	case onlyListed(f):
		// In id order through (id, status), stopping at the page: the
		// planner would otherwise sort every listed service's id first
		// (a third of a second at 100,000, deep in the list).
		ids, err = db.selectIDs(ctx, `SELECT s.id FROM service s INDEXED BY service_id_status`+join+where+listingOrder(f)+page, append(args, pageArgs...)...)
	case f.Among == nil:
		// Other filters can select most of the directory: the page is
		// ordered by what the indexes hold (rowid; last change first for
		// modified_after, as a syncing directory wants), and only its
		// own rows are read for their ids.
		order := ` ORDER BY s.rowid`
		if !f.ModifiedAfter.IsZero() {
			order = ` ORDER BY julianday(s.last_modified), s.rowid`
		}
		ids, err = db.pageByRowid(ctx, `SELECT s.rowid FROM service s`+where+order+page, append(args, pageArgs...)...)
	default:
		ids, err = db.selectIDs(ctx, `SELECT s.id FROM service s`+join+where+listingOrder(f)+page, append(args, pageArgs...)...)
	}
	if err != nil {
		return nil, 0, err
	}
	// Through the read cache: pages of a busy API are asked for again
	// and again, and a decoded service is reused until it changes.
	byID, err := db.ServicesByID(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	list := make([]*directory.Service, 0, len(ids))
	for _, id := range ids {
		if s := byID[id]; s != nil {
			list = append(list, s)
		}
	}
	return list, total, nil
}

// pageByRowid runs query, which selects the rowids of a page of services
// in order, and returns their ids in that order.
func (db *DB) pageByRowid(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	var rowids []any
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return nil, translate(err, "service")
		}
		rowids = append(rowids, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(rowids) == 0 {
		return nil, translate(err, "services")
	}
	rows, err = db.read.QueryContext(ctx, `SELECT rowid, id FROM service WHERE rowid IN (`+strings.TrimSuffix(strings.Repeat("?,", len(rowids)), ",")+`)`, rowids...)
	if err != nil {
		return nil, translate(err, "services")
	}
	defer rows.Close()
	idOf := make(map[int64]string, len(rowids))
	for rows.Next() {
		var r int64
		var id string
		if err := rows.Scan(&r, &id); err != nil {
			return nil, translate(err, "service")
		}
		idOf[r] = id
	}
	ids := make([]string, 0, len(rowids))
	for _, r := range rowids {
		ids = append(ids, idOf[r.(int64)])
	}
	return ids, translate(rows.Err(), "services")
}

// selectIDs runs a query of one text column and returns its values.
func (db *DB) selectIDs(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err, "services")
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, translate(err, "service")
		}
		ids = append(ids, id)
	}
	return ids, translate(rows.Err(), "services")
}

// ListedService returns the listed service with the given id; one that
// is not listed (inactive or defunct) is NotFound, as if it did not exist.
func (db *DB) ListedService(ctx context.Context, id string) (*directory.Service, error) {
	list, err := db.loadServices(ctx, `WHERE s.id = ? AND `+listedStatus, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no listed service has this id"}
	}
	return list[0], nil
}

// ListedServicesAt returns a page of the places of the listed services f
// selects (Open Referral's service_at_location), each with its service,
// and how many there are in all.
func (db *DB) ListedServicesAt(ctx context.Context, f directory.ListingFilter) ([]directory.ServiceAt, int, error) {
	join, where, args, err := listingWhere(f)
	if err != nil {
		return nil, 0, err
	}
	from := ` FROM service_at_location sl JOIN service s ON s.id = sl.service_id` + join + where
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	if total == 0 || f.Limit > 0 && f.Offset >= total {
		return nil, total, nil
	}
	order := ` ORDER BY sl.id`
	if f.Among != nil {
		order = ` ORDER BY hit.key, sl.position`
	}
	page, pageArgs := pageClause(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT sl.id, sl.service_id`+from+order+page, append(args, pageArgs...)...)
	if err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	defer rows.Close()
	var pairs [][2]string
	var serviceIDs []string
	for rows.Next() {
		var salID, serviceID string
		if err := rows.Scan(&salID, &serviceID); err != nil {
			return nil, 0, translate(err, "service at location")
		}
		pairs = append(pairs, [2]string{salID, serviceID})
		serviceIDs = append(serviceIDs, serviceID)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err, "services at locations")
	}
	services, err := db.ServicesByID(ctx, serviceIDs)
	if err != nil {
		return nil, 0, err
	}
	out := make([]directory.ServiceAt, 0, len(pairs))
	for _, p := range pairs {
		if at, ok := serviceAt(services[p[1]], p[0]); ok {
			out = append(out, at)
		}
	}
	return out, total, nil
}

// ListedServiceAt returns the service_at_location with the given id,
// with its service, when that service is listed.
func (db *DB) ListedServiceAt(ctx context.Context, id string) (directory.ServiceAt, error) {
	var serviceID string
	err := db.read.QueryRowContext(ctx, `SELECT s.id FROM service_at_location sl JOIN service s ON s.id = sl.service_id
		WHERE sl.id = ? AND `+listedStatus, id).Scan(&serviceID)
	if err != nil {
		return directory.ServiceAt{}, translate(err, "service at location")
	}
	s, err := db.ListedService(ctx, serviceID)
	if err != nil {
		return directory.ServiceAt{}, err
	}
	at, ok := serviceAt(s, id)
	if !ok {
		return directory.ServiceAt{}, &directory.Error{Kind: directory.NotFound, Msg: "no listed service is at this location"}
	}
	return at, nil
}

func serviceAt(s *directory.Service, salID string) (directory.ServiceAt, bool) {
	if s == nil {
		return directory.ServiceAt{}, false
	}
	for _, at := range s.Locations {
		if at.ID == salID {
			return directory.ServiceAt{Service: s, At: at}, true
		}
	}
	return directory.ServiceAt{}, false
}

const organizationListed = `EXISTS (SELECT 1 FROM service s WHERE s.organization_id = o.id AND ` + listedStatus + `)`

// ListedOrganizations returns a page of the organisations that run at
// least one listed service, by id, and how many there are; search, when
// not empty, keeps those whose name holds it.
func (db *DB) ListedOrganizations(ctx context.Context, search string, limit, offset int) ([]directory.Organization, int, error) {
	where := ` WHERE ` + organizationListed
	var args []any
	if search = strings.TrimSpace(search); search != "" {
		where += ` AND o.name LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(search)+"%")
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM organization o`+where, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "organisations")
	}
	page, pageArgs := pageClause(limit, offset)
	out, err := db.scanOrganizations(ctx, where+` ORDER BY o.id`+page, append(args, pageArgs...)...)
	return out, total, err
}

// ListedOrganization returns the organisation with the given id when it
// runs at least one listed service.
func (db *DB) ListedOrganization(ctx context.Context, id string) (*directory.Organization, error) {
	out, err := db.scanOrganizations(ctx, ` WHERE o.id = ? AND `+organizationListed, id)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no organisation with listed services has this id"}
	}
	return &out[0], nil
}

func (db *DB) scanOrganizations(ctx context.Context, tail string, args ...any) ([]directory.Organization, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT o.id, o.name, o.description, o.email, o.website, o.doc FROM organization o`+tail, args...)
	if err != nil {
		return nil, translate(err, "organisations")
	}
	defer rows.Close()
	var out []directory.Organization
	for rows.Next() {
		var o directory.Organization
		var doc string
		if err := rows.Scan(&o.ID, &o.Name, &o.Description, &o.Email, &o.Website, &doc); err != nil {
			return nil, translate(err, "organisation")
		}
		if err := storedoc.ReadOrganization(doc, &o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, translate(rows.Err(), "organisations")
}

// Taxonomies returns the vocabularies the directory's terms come from,
// by name, each with its id ([ids.Taxonomy]).
func (db *DB) Taxonomies(ctx context.Context) ([]directory.Taxonomy, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT taxonomy, max(version) FROM taxonomy_term
		WHERE taxonomy != ''
		GROUP BY taxonomy
		ORDER BY taxonomy`)
	if err != nil {
		return nil, translate(err, "taxonomies")
	}
	defer rows.Close()
	var out []directory.Taxonomy
	for rows.Next() {
		var t directory.Taxonomy
		if err := rows.Scan(&t.Name, &t.Version); err != nil {
			return nil, translate(err, "taxonomy")
		}
		t.ID = ids.Taxonomy(t.Name)
		out = append(out, t)
	}
	return out, translate(rows.Err(), "taxonomies")
}

// FindTerms returns a page of the taxonomy terms f selects, by id, and
// how many it selects in all.
func (db *DB) FindTerms(ctx context.Context, f directory.TermFilter) ([]directory.Term, int, error) {
	var conds []string
	var args []any
	if f.Taxonomy != "" {
		conds = append(conds, `taxonomy = ?`)
		args = append(args, f.Taxonomy)
	}
	if f.ParentID != "" {
		conds = append(conds, `parent_id = ?`)
		args = append(args, f.ParentID)
	}
	if f.TopOnly {
		conds = append(conds, `parent_id = ''`)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		conds = append(conds, `name LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(s)+"%")
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, " AND ")
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM taxonomy_term`+where, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "terms")
	}
	page, pageArgs := pageClause(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+termColumns("taxonomy_term")+` FROM taxonomy_term`+where+` ORDER BY id`+page, append(args, pageArgs...)...)
	if err != nil {
		return nil, 0, translate(err, "terms")
	}
	defer rows.Close()
	var out []directory.Term
	for rows.Next() {
		var t directory.Term
		if err := rows.Scan(termFields(&t)...); err != nil {
			return nil, 0, translate(err, "term")
		}
		out = append(out, t)
	}
	return out, total, translate(rows.Err(), "terms")
}

// likeEscape escapes LIKE's wildcards in s, for ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
