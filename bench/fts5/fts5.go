// Package fts5 is the benchmark's baseline: the same searches as the
// bleve index in package indexer, answered by SQLite FTS5 and R*Tree, so
// the two engines can be timed on the same questions and their hit sets
// compared. It is research code: only the benchmark uses it, and the
// server binary does not link it.
//
// mattn/go-sqlite3 compiles FTS5 only under the sqlite_fts5 build tag.
// Without it this package still builds, and [Open] says which tag is
// missing.
package fts5

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
	"github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

// ErrNotCompiled is returned by [Open] when the SQLite linked in was built
// without FTS5, which go-sqlite3 compiles only under a build tag.
var ErrNotCompiled = errors.New("fts5: SQLite was built without FTS5: build with -tags sqlite_fts5")

// DB holds a flattened copy of the directory and answers a
// [directory.Query] with the same filters as the bleve index.
//
// Like sqlite.DB, it writes through one connection and reads through a
// pool.
type DB struct {
	write *sql.DB
	read  *sql.DB
}

// ftsSchema is the search database. Every multi-valued filter is a
// WITHOUT ROWID table keyed (value, svc), so that a filter is either a
// range of one primary key or, for a given service, a single probe.
// svc_by_name lets a page in name order stop after its last row, and
// svc_kind_by_svc gives the kind facet a service's kinds in one probe.
//
// Places are points on the unit sphere, where "within r km" is a plain
// sum of squares (see [chordSquared]): SQLite has no trigonometry without
// another build tag. The R*Tree svc_geo holds them in fixed point
// ([fixedOne]), as exact integers, so a radius query reads nothing but
// R*Tree nodes: the rounding is far smaller than the margin within which
// a candidate is decided from its exact vector in svc_pt instead. A point's id is its service's rowid
// shifted left by [pointShift] plus its number, so a service's points are
// one range of svc_pt and the R*Tree never has to say whose a point is.
const ftsSchema = `
CREATE TABLE svc (
	rowid     INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	sort_name TEXT NOT NULL,
	status    TEXT NOT NULL,
	cost      TEXT NOT NULL,
	accepting TEXT NOT NULL,
	min_age   INTEGER NOT NULL,
	max_age   INTEGER NOT NULL,
	in_person INTEGER NOT NULL,
	online    INTEGER NOT NULL,
	phone     INTEGER NOT NULL
);
CREATE INDEX svc_by_name ON svc (sort_name, id);
CREATE TABLE svc_kind (
	kind TEXT NOT NULL,
	svc  INTEGER NOT NULL,
	PRIMARY KEY (kind, svc)
) WITHOUT ROWID;
CREATE INDEX svc_kind_by_svc ON svc_kind (svc, kind);
CREATE TABLE svc_when (
	token TEXT NOT NULL,
	svc   INTEGER NOT NULL,
	PRIMARY KEY (token, svc)
) WITHOUT ROWID;
CREATE TABLE svc_access (
	feature TEXT NOT NULL,
	svc     INTEGER NOT NULL,
	PRIMARY KEY (feature, svc)
) WITHOUT ROWID;
CREATE TABLE svc_lang (
	lang TEXT NOT NULL,
	svc  INTEGER NOT NULL,
	PRIMARY KEY (lang, svc)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE svc_geo USING rtree_i32(
	id,
	min_x, max_x,
	min_y, max_y,
	min_z, max_z
);
CREATE TABLE svc_pt (
	id INTEGER PRIMARY KEY,
	x  REAL NOT NULL,
	y  REAL NOT NULL,
	z  REAL NOT NULL
);
`

// Points on the unit sphere in svc_geo are multiples of 1/fixedOne.
const fixedOne = 1 << 30

// A point's id is its service's rowid << pointShift | its number, so a
// service has at most maxPlaces points.
const (
	pointShift = 16
	maxPlaces  = 1 << pointShift
)

// ftsText is created apart from ftsSchema so that a missing FTS5 module
// can be told from any other failure.
const ftsText = `
CREATE VIRTUAL TABLE svc_text USING fts5(
	name, description, kind_names, organization,
	content = '',
	tokenize = 'porter unicode61'
)`

// ftsRank is bm25 with the field weights the bleve index boosts by: name
// 3, kinds 2, description 1, organisation 0.8.
const ftsRank = `bm25(svc_text, 3.0, 1.0, 2.0, 0.8)`

// meanEarthRadiusKm is the IUGG mean radius, as geo.DistanceKm uses.
const meanEarthRadiusKm = 6371.0088

// Open creates a search database at path, which must not exist yet. It
// returns [ErrNotCompiled] when SQLite was built without FTS5.
func Open(path string) (*DB, error) {
	if _, err := os.Lstat(path); err == nil {
		return nil, &directory.Error{Kind: directory.Conflict, Msg: "search database already exists", Err: fmt.Errorf("fts5: %s exists", path)}
	}
	f, err := open(path)
	if err != nil {
		// Nothing was there before, so leave nothing behind.
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
		return nil, err
	}
	return f, nil
}

func open(path string) (*DB, error) {
	w, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("fts5: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	ctx := context.Background()
	if _, err := w.ExecContext(ctx, ftsText); err != nil {
		var has int
		// The compile-time option says for sure why the table failed,
		// where the message text ("no such module: fts5") might change.
		if w.QueryRowContext(ctx, `SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&has) == nil && has == 0 {
			err = fmt.Errorf("%w (%v)", ErrNotCompiled, err)
		} else {
			err = fmt.Errorf("fts5: create text table: %w", err)
		}
		w.Close()
		return nil, err
	}
	if _, err := w.ExecContext(ctx, ftsSchema); err != nil {
		w.Close()
		return nil, fmt.Errorf("fts5: create schema: %w", err)
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("fts5: open %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return &DB{write: w, read: r}, nil
}

// dsn is the store's settings (see sqlite.Open: WAL, a busy timeout,
// immediate write transactions) plus a per-connection statement cache,
// since Search builds its SQL from the query's shape and a benchmark
// repeats a handful of shapes, and a larger page cache for the read pool.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_stmt_cache_size", "64")
	if readOnly {
		q.Set("mode", "ro")
		q.Set("_cache_size", "-32768") // KiB: 32 MiB a connection
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes both pools.
func (f *DB) Close() error {
	return errors.Join(f.read.Close(), f.write.Close())
}

// Add stores the listed services among services in one transaction;
// unlisted ones are skipped, as the index skips them. A service already
// stored is a [directory.Conflict]: the baseline is loaded once.
func (f *DB) Add(ctx context.Context, services []*directory.Service) error {
	tx, err := f.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("fts5: begin: %w", err)
	}
	defer tx.Rollback()
	l, err := newLoader(ctx, tx)
	if err != nil {
		return fmt.Errorf("fts5: prepare: %w", err)
	}
	defer l.close()
	for _, s := range services {
		if !s.Listed() {
			continue
		}
		if err := l.add(ctx, s); err != nil {
			var se sqlite3.Error
			if errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey) {
				return &directory.Error{Kind: directory.Conflict, Msg: "search service " + s.ID + " already exists", Err: err}
			}
			return fmt.Errorf("fts5: search service %s: %w", s.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("fts5: commit: %w", err)
	}
	return nil
}

// Optimize merges the text index into one segment, gathers the planner's
// statistics and checkpoints the WAL. Run it once after loading.
func (f *DB) Optimize(ctx context.Context) error {
	for _, q := range []string{
		`INSERT INTO svc_text(svc_text) VALUES ('optimize')`,
		`ANALYZE`,
		// An operation, not a setting: readers then find every page in
		// the database file instead of looking each one up in the WAL.
		`PRAGMA wal_checkpoint(TRUNCATE)`,
	} {
		if _, err := f.write.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("fts5: optimize: %w", err)
		}
	}
	return nil
}

// loader holds one transaction's prepared inserts.
type loader struct {
	svc, text, kind, when, access, lang, geo, pt *sql.Stmt
	hours                                        whenSet
}

func newLoader(ctx context.Context, tx *sql.Tx) (*loader, error) {
	l := &loader{}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&l.svc, `INSERT INTO svc (id, sort_name, status, cost, accepting, min_age, max_age, in_person, online, phone)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&l.text, `INSERT INTO svc_text (rowid, name, description, kind_names, organization)
			VALUES (?, ?, ?, ?, ?)`},
		{&l.kind, `INSERT OR IGNORE INTO svc_kind (kind, svc) VALUES (?, ?)`},
		{&l.when, `INSERT INTO svc_when (token, svc) VALUES (?, ?)`},
		{&l.access, `INSERT OR IGNORE INTO svc_access (feature, svc) VALUES (?, ?)`},
		{&l.lang, `INSERT OR IGNORE INTO svc_lang (lang, svc) VALUES (?, ?)`},
		{&l.geo, `INSERT INTO svc_geo (id, min_x, max_x, min_y, max_y, min_z, max_z)
			VALUES (?, ?, ?, ?, ?, ?, ?)`},
		{&l.pt, `INSERT INTO svc_pt (id, x, y, z) VALUES (?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			l.close()
			return nil, err
		}
		*p.st = st
	}
	return l, nil
}

func (l *loader) close() {
	for _, st := range []*sql.Stmt{l.svc, l.text, l.kind, l.when, l.access, l.lang, l.geo, l.pt} {
		if st != nil {
			st.Close()
		}
	}
}

// add stores one service the way indexer's newDoc flattens it, so that
// the filters mean the same on both engines.
func (l *loader) add(ctx context.Context, s *directory.Service) error {
	minAge, maxAge := 0, 200 // the index's sentinels for "no limit"
	if s.MinimumAge != nil {
		minAge = *s.MinimumAge
	}
	if s.MaximumAge != nil {
		maxAge = *s.MaximumAge
	}
	accepting := s.Accepting
	if accepting == "" {
		accepting = directory.CapacityOpen
	}
	var inPerson, online, phone bool
	for _, a := range s.Attending() {
		switch a {
		case "in_person":
			inPerson = true
		case "online":
			online = true
		case "phone":
			phone = true
		}
	}
	res, err := l.svc.ExecContext(ctx, s.ID, strings.ToLower(s.Name), string(s.Status), s.CostBand(), string(accepting), minAge, maxAge, inPerson, online, phone)
	if err != nil {
		return err
	}
	row, err := res.LastInsertId()
	if err != nil {
		return err
	}

	var kindNames strings.Builder
	for i, t := range s.Terms {
		if i > 0 {
			kindNames.WriteByte('\n')
		}
		kindNames.WriteString(t.Name)
		if _, err := l.kind.ExecContext(ctx, t.ID, row); err != nil {
			return err
		}
	}
	var desc strings.Builder
	for _, part := range []string{s.AlternateName, s.Description, s.Eligibility} {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if desc.Len() > 0 {
			desc.WriteByte('\n')
		}
		desc.WriteString(part)
	}
	org := ""
	if s.Organization != nil {
		org = s.Organization.Name
	}
	if _, err := l.text.ExecContext(ctx, row, s.Name, desc.String(), kindNames.String(), org); err != nil {
		return err
	}

	l.hours.reset()
	for _, sc := range s.AllSchedules() {
		l.hours.addSchedule(&sc)
	}
	for tok := range l.hours.tokens() {
		if _, err := l.when.ExecContext(ctx, tok, row); err != nil {
			return err
		}
	}
	for _, a := range s.AccessFeatures() {
		if _, err := l.access.ExecContext(ctx, a, row); err != nil {
			return err
		}
	}
	for _, lang := range s.Languages {
		for _, v := range []string{lang.Code, lang.Name} {
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
				if _, err := l.lang.ExecContext(ctx, v, row); err != nil {
					return err
				}
			}
		}
	}
	n := int64(0)
	for _, sal := range s.Locations {
		p := sal.Location.Point
		if p == nil {
			continue
		}
		if n == maxPlaces {
			return fmt.Errorf("more than %d places", maxPlaces)
		}
		id := row<<pointShift | n
		n++
		x, y, z := unitVector(p.Lat(), p.Lon())
		fx, fy, fz := fixed(x), fixed(y), fixed(z)
		if _, err := l.geo.ExecContext(ctx, id, fx, fx, fy, fy, fz, fz); err != nil {
			return err
		}
		if _, err := l.pt.ExecContext(ctx, id, x, y, z); err != nil {
			return err
		}
	}
	return nil
}

// whenSet collects a service's opening-hour tokens without duplicates,
// as indexer's whenTokens makes them: "tue" for any time on Tuesdays,
// "tue-10" for a session running some time between 10:00 and 10:59 on a
// Tuesday, and "any-10" for that hour on any day.
type whenSet struct {
	day     [7]bool
	dayHour [7][24]bool
	anyHour [24]bool
}

func (w *whenSet) reset() { *w = whenSet{} }

func (w *whenSet) addSchedule(sc *directory.Schedule) {
	opens, closes, timed := sc.Window()
	for _, r := range sc.Days() { // an ordinal ("1TH") still means Thursday
		if r.Day < 0 || r.Day > 6 {
			continue
		}
		w.day[r.Day] = true
		if !timed {
			continue
		}
		last := closes - 1
		if closes <= opens { // past midnight or 00:00–00:00: the rest of the day
			last = 24*60 - 1
		}
		for h := int(opens) / 60; h <= int(last)/60 && h < 24; h++ {
			w.dayHour[r.Day][h] = true
			w.anyHour[h] = true
		}
	}
}

func (w *whenSet) tokens() func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for d := range 7 {
			if w.day[d] && !yield(whenToken(time.Weekday(d), -1)) {
				return
			}
			for h := range 24 {
				if w.dayHour[d][h] && !yield(whenToken(time.Weekday(d), h)) {
					return
				}
			}
		}
		for h := range 24 {
			if w.anyHour[h] && !yield(whenToken(-1, h)) {
				return
			}
		}
	}
}

var ftsDays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// whenToken is indexer.WhenToken: day -1 means any day, hour -1 any time
// that day. A day or hour outside the week or the clock gives a token no
// service has.
func whenToken(day time.Weekday, hour int) string {
	d := "any"
	if day >= 0 && day < 7 {
		d = ftsDays[day]
	} else if day != -1 {
		return "none"
	}
	switch {
	case hour < 0 && day == -1:
		return "none"
	case hour < 0:
		return d
	case hour > 99:
		return "none"
	}
	return d + "-" + string(rune('0'+hour/10)) + string(rune('0'+hour%10))
}

// unitVector is the point on the unit sphere at lat, lon (degrees).
func unitVector(lat, lon float64) (x, y, z float64) {
	φ, λ := lat*math.Pi/180, lon*math.Pi/180
	return math.Cos(φ) * math.Cos(λ), math.Cos(φ) * math.Sin(λ), math.Sin(φ)
}

// fixed is v, a unit-sphere coordinate, in svc_geo's fixed point.
func fixed(v float64) int64 { return int64(math.Round(v * fixedOne)) }

// chordSquared is the squared straight-line distance, through the unit
// sphere, between two points an arc of km apart on the Earth's surface.
// It grows with the arc, so "within km" is "chord² ≤ chordSquared(km)":
// haversine's a is exactly chord²/4.
func chordSquared(km float64) float64 {
	θ := min(km/meanEarthRadiusKm, math.Pi)
	s := math.Sin(θ / 2)
	return 4 * s * s
}

// sphereQuery is the arguments of a radius query, in the order nearSQL
// takes them.
func sphereQuery(near orb.Point, km float64) []any {
	x, y, z := unitVector(near.Lat(), near.Lon())
	c2 := chordSquared(km)
	// In fixed point, a stored point is within √3/2 of where it really
	// is: one unit either side of the radius decides every point but
	// those within a few millimetres of the edge.
	r := math.Sqrt(c2) * fixedOne
	fx, fy, fz := x*fixedOne, y*fixedOne, z*fixedOne
	in, out := max(r-1, 0), r+1
	if r < 1 {
		in = -1 // nothing is sure to be in
	} else {
		in *= in
	}
	box := r + 2
	return []any{
		fx, fx, fy, fy, fz, fz,
		fx + box, fx - box, fy + box, fy - box, fz + box, fz - box,
		in, out * out,
		x, x, y, y, z, z, c2,
	}
}

// nearSQL is the CTE "near": the services with a point within a radius,
// given sphereQuery's arguments. With grouped, it has each one's squared
// distance to its nearest point in fixed point, d2; without, it may list
// a service twice, which an IN list does not mind. It reads svc_pt only
// for points near the edge. 16 is pointShift.
func nearSQL(grouped bool) string {
	names, cols, group := "svc", "g.id >> 16", ""
	if grouped {
		names, cols, group = "svc, d2", "g.id >> 16, min(g.d)", "\n\tGROUP BY 1"
	}
	return `near (` + names + `) AS (
	SELECT ` + cols + `
	FROM (
		SELECT id, (min_x - ?) * (min_x - ?) + (min_y - ?) * (min_y - ?) + (min_z - ?) * (min_z - ?) AS d
		FROM svc_geo
		WHERE min_x <= ? AND max_x >= ? AND min_y <= ? AND max_y >= ? AND min_z <= ? AND max_z >= ?
	) AS g
	WHERE g.d <= ?
		OR g.d <= ? AND (
			SELECT (x - ?) * (x - ?) + (y - ?) * (y - ?) + (z - ?) * (z - ?)
			FROM svc_pt
			WHERE svc_pt.id = g.id
		) <= ?` + group + `
)
`
}

// Search answers q with a page of service ids and the total: Offset and
// Limit page (Limit 0 means 20). Filters mean what they mean on the bleve
// index, with a radius met by any of a service's places within RadiusKm
// by great-circle distance on the mean sphere, as geo.DistanceKm
// measures. Words are matched any of them, ranked by bm25; without words,
// results come nearest first when q.Near is set and by name otherwise,
// and q.Sort picks name or distance order as it does on the index. Not
// reproduced: facets, BoostKinds, fuzzy matching, the index's reading of
// everyday words as kinds of support, and its blend of relevance with
// distance.
func (f *DB) Search(ctx context.Context, q directory.Query) (ids []string, total int, err error) {
	var b searchSQL
	if !b.build(q) {
		return nil, 0, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	offset := max(q.Offset, 0)
	if !b.windowed {
		if err := f.read.QueryRowContext(ctx, b.count.String(), b.countArgs...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("fts5: count: %w", err)
		}
		if total <= offset {
			return nil, total, nil
		}
	}
	rows, err := f.read.QueryContext(ctx, b.page.String(), append(b.pageArgs, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("fts5: search: %w", err)
	}
	defer rows.Close()
	ids = make([]string, 0, min(limit, 1000))
	var id string
	dest := []any{&id}
	if b.windowed {
		dest = append(dest, &total)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, fmt.Errorf("fts5: search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("fts5: search: %w", err)
	}
	if b.windowed && len(ids) == 0 && offset > 0 {
		// Past the end, no row carried the total.
		if err := f.read.QueryRowContext(ctx, b.count.String(), b.countArgs...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("fts5: count: %w", err)
		}
	}
	return ids, total, nil
}

// distanceBuckets are the radii (km) the distance facet counts within,
// as on the index.
var distanceBuckets = []float64{1, 2, 5, 10, 25}

// Facets counts the services matching q by kind of support, cost band,
// way of attending and, with a place, distance: the same counts the index
// gives, so the benchmark compares like with like.
func (f *DB) Facets(ctx context.Context, q directory.Query) (map[string][]directory.FacetCount, error) {
	var b searchSQL
	out := map[string][]directory.FacetCount{}
	if !b.build(q) {
		return out, nil
	}
	group := func(name, query string) error {
		rows, err := f.read.QueryContext(ctx, query, b.filteredArgs...)
		if err != nil {
			return fmt.Errorf("fts5: %s facet: %w", name, err)
		}
		defer rows.Close()
		for rows.Next() {
			var fc directory.FacetCount
			if err := rows.Scan(&fc.Value, &fc.Count); err != nil {
				return err
			}
			out[name] = append(out[name], fc)
		}
		return rows.Err()
	}
	if err := group("category", b.with+"SELECT k.kind, count(*)"+b.from+"\n\tJOIN svc_kind k ON k.svc = s.rowid"+b.where+"\nGROUP BY k.kind"); err != nil {
		return nil, err
	}
	if err := group("cost", b.with+"SELECT s.cost, count(*)"+b.from+b.where+"\nGROUP BY s.cost"); err != nil {
		return nil, err
	}
	var inPerson, online, phone sql.NullInt64
	if err := f.read.QueryRowContext(ctx, b.with+"SELECT sum(s.in_person), sum(s.online), sum(s.phone)"+b.from+b.where, b.filteredArgs...).Scan(&inPerson, &online, &phone); err != nil {
		return nil, fmt.Errorf("fts5: attending facet: %w", err)
	}
	for _, a := range []struct {
		v string
		n sql.NullInt64
	}{{"in_person", inPerson}, {"online", online}, {"phone", phone}} {
		if a.n.Int64 > 0 {
			out["attending"] = append(out["attending"], directory.FacetCount{Value: a.v, Count: int(a.n.Int64)})
		}
	}
	if q.Near != nil {
		for _, km := range distanceBuckets {
			if q.RadiusKm > 0 && km > q.RadiusKm {
				break
			}
			qq := q
			qq.RadiusKm, qq.Online = km, false
			var bb searchSQL
			n := 0
			if bb.build(qq) {
				if err := f.read.QueryRowContext(ctx, bb.count.String(), bb.countArgs...).Scan(&n); err != nil {
					return nil, fmt.Errorf("fts5: distance facet: %w", err)
				}
			}
			out["distance"] = append(out["distance"], directory.FacetCount{Value: fmt.Sprintf("%g", km), Count: n})
		}
	}
	return out, nil
}

// Orders of search results.
const (
	byName = iota
	byRank
	byDistance
)

// searchSQL is one query's statements: the page with the total on every
// row, and the total alone for a page past the end.
type searchSQL struct {
	page, count         strings.Builder
	pageArgs, countArgs []any
	// with, from and where select the matching services (as s), with
	// their arguments, for facet counts.
	with, from, where string
	filteredArgs      []any
	// windowed says the page carries the total on each row.
	windowed bool
}

// build writes the statements for q; it returns false when q can match
// nothing, as when its words are all too short or too common to search.
//
// Whatever drives the query (the words, the places within a radius, or
// failing both the filter the planner finds smallest), the other filters
// are checked per candidate. With words or places driving, a filter is a
// probe of its table's primary key; otherwise it is an IN list, which
// SQLite can also drive from.
func (b *searchSQL) build(q directory.Query) bool {
	var match string
	if strings.TrimSpace(q.Text) != "" {
		if match = matchExpr(q.Text); match == "" {
			return false
		}
	}
	order := byName
	switch {
	case q.Near != nil && (q.Sort == directory.ByDistance || q.Sort == "" && match == ""):
		order = byDistance
	case match != "" && q.Sort != directory.ByName:
		order = byRank
	}
	radius := q.Near != nil && q.RadiusKm > 0 && !q.Online
	// Nearest first within a radius, near drives and carries the
	// distances it has worked out.
	nearFirst := radius && order == byDistance && match == "" && q.Remote != directory.RemoteIncluded
	probe := match != "" || nearFirst

	var where strings.Builder
	var args []any
	and := func(cond string, vs ...any) {
		if where.Len() == 0 {
			where.WriteString("\n\tWHERE ")
		} else {
			where.WriteString("\n\t  AND ")
		}
		where.WriteString(cond)
		args = append(args, vs...)
	}
	// member is the filter "s has one of vs in table's col".
	member := func(table, col string, vs ...string) {
		var c strings.Builder
		if probe {
			c.WriteString("EXISTS (SELECT 1 FROM " + table + " WHERE svc = s.rowid AND " + col)
		} else {
			c.WriteString("s.rowid IN (SELECT svc FROM " + table + " WHERE " + col)
		}
		if len(vs) == 1 {
			c.WriteString(" = ?)")
		} else {
			c.WriteString(" IN (?" + strings.Repeat(", ?", len(vs)-1) + "))")
		}
		for _, v := range vs {
			args = append(args, v)
		}
		and(c.String())
	}

	if match != "" {
		and(`svc_text MATCH ?`, match)
	}
	switch {
	case radius && q.Remote == directory.RemoteIncluded:
		and(`(s.rowid IN (SELECT svc FROM near) OR s.online = 1 OR s.phone = 1)`)
	case radius && match != "":
		// Unary + keeps SQLite from handing the list to FTS5 as rowids to
		// look up one by one, which costs far more than checking it
		// against each match, before the service row is even read.
		and(`+svc_text.rowid IN (SELECT svc FROM near)`)
	case radius && !nearFirst:
		and(`s.rowid IN (SELECT svc FROM near)`)
	}
	if !q.IncludeTemporarilyClosed {
		and(`s.status = ?`, string(directory.StatusActive))
	}
	if len(q.Kinds) > 0 {
		member("svc_kind", "kind", q.Kinds...)
	}
	if q.Free {
		and(`s.cost = ?`, "free")
	}
	if q.Remote == directory.RemoteExcluded {
		and(`s.in_person = 1`)
	}
	if q.Online {
		and(`s.online = 1`)
	}
	switch {
	case q.Day != nil && q.At != nil:
		member("svc_when", "token", whenToken(*q.Day, int(*q.At)/60))
	case q.Day != nil:
		member("svc_when", "token", whenToken(*q.Day, -1))
	case q.At != nil:
		member("svc_when", "token", whenToken(-1, int(*q.At)/60))
	}
	if q.Age != nil {
		and(`s.min_age <= ? AND s.max_age >= ?`, *q.Age, *q.Age)
	}
	for _, a := range q.Access {
		member("svc_access", "feature", a)
	}
	if len(q.Languages) > 0 {
		langs := make([]string, len(q.Languages))
		for i, l := range q.Languages {
			langs[i] = strings.ToLower(strings.TrimSpace(l))
		}
		member("svc_lang", "lang", langs...)
	}
	if len(q.Accepting) > 0 {
		and(`s.accepting IN (?` + strings.Repeat(", ?", len(q.Accepting)-1) + `)`)
		for _, c := range q.Accepting {
			args = append(args, string(c))
		}
	}

	var with string
	var withArgs []any
	if radius {
		with = "WITH " + nearSQL(nearFirst)
		withArgs = sphereQuery(*q.Near, q.RadiusKm)
	}
	from := "svc s"
	switch {
	case match != "":
		from = "svc_text\n\tJOIN svc s ON s.rowid = svc_text.rowid"
	case nearFirst:
		// CROSS JOIN keeps near the outer loop.
		from = "near AS n\n\tCROSS JOIN svc s ON s.rowid = n.svc"
	}

	b.count.WriteString(with + "SELECT count(*)\nFROM " + from + where.String())
	b.countArgs = append(append(b.countArgs, withArgs...), args...)
	b.with, b.from, b.where = with, "\nFROM "+from, where.String()
	b.filteredArgs = b.countArgs

	// The ORDER BY keys: k1, then k2 (none for rank), then id.
	var k1, k2 string
	var keyArgs []any
	switch {
	case order == byRank:
		k1 = ftsRank
	case nearFirst:
		k1, k2 = "n.d2", "s.sort_name"
	case order == byDistance:
		// Without a radius, each match's nearest point is a range of
		// svc_pt. 65535 is maxPlaces-1.
		k1, k2 = `(
		SELECT min((x - ?) * (x - ?) + (y - ?) * (y - ?) + (z - ?) * (z - ?))
		FROM svc_pt
		WHERE id BETWEEN s.rowid << 16 AND (s.rowid << 16) + 65535
	)`, "s.sort_name"
		x, y, z := unitVector(q.Near.Lat(), q.Near.Lon())
		keyArgs = []any{x, x, y, y, z, z}
	default:
		k1 = "s.sort_name"
	}
	nulls := ""
	if order == byDistance && !nearFirst {
		nulls = " NULLS LAST"
	}

	b.pageArgs = append(b.pageArgs, withArgs...)
	// When words or places drive, the matches are found once: the window
	// puts the total on every row of the page. Otherwise the count is a
	// separate, cheaper scan, and the page can stop early by walking
	// svc_by_name.
	b.windowed = match != "" || radius
	if b.windowed {
		b.page.WriteString(with + "SELECT id, count(*) OVER ()\nFROM (\n\tSELECT s.id AS id, " + k1 + " AS k1")
		b.pageArgs = append(b.pageArgs, keyArgs...)
		by := "k1" + nulls
		if k2 != "" {
			b.page.WriteString(", " + k2 + " AS k2")
			by += ", k2"
		}
		b.page.WriteString("\n\tFROM " + from + strings.ReplaceAll(where.String(), "\n", "\n\t") + "\n)\nORDER BY " + by + ", id\nLIMIT ? OFFSET ?")
		b.pageArgs = append(b.pageArgs, args...)
		return true
	}
	b.page.WriteString(with + "SELECT s.id\nFROM " + from + where.String() + "\nORDER BY " + k1 + nulls)
	if k2 != "" {
		b.page.WriteString(", " + k2)
	}
	b.page.WriteString(", s.id\nLIMIT ? OFFSET ?")
	b.pageArgs = append(append(b.pageArgs, args...), keyArgs...)
	return true
}

// matchExpr turns words into an FTS5 query matching any of them. Each
// word is quoted, so nothing in it is read as query syntax; words under
// two letters and English stop words are dropped, as the index's English
// analyser drops them.
func matchExpr(text string) string {
	var b strings.Builder
	seen := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '\''
	}) {
		w = strings.Trim(w, "'")
		w = strings.TrimSuffix(w, "'s")
		if utf8.RuneCountInString(w) < 2 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		if b.Len() > 0 {
			b.WriteString(" OR ")
		}
		b.WriteByte('"')
		b.WriteString(w) // has no '"': FieldsFunc split on it
		b.WriteByte('"')
	}
	return b.String()
}

// stopWords is the English stop list of bleve's "en" analyser (Lucene's
// Snowball list).
var stopWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`i me my myself we our ours ourselves you your yours yourself
		yourselves he him his himself she her hers herself it its itself they them their theirs
		themselves what which who whom this that these those am is are was were be been being
		have has had having do does did doing would should could ought i'm you're he's she's
		it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll
		you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't haven't hadn't
		doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't
		let's that's who's what's here's there's when's where's why's how's a an the and but
		if or because as until while of at by for with about against between into through
		during before after above below to from up down in out on off over under again
		further then once here there when where why how all any both each few more most other
		some such no nor not only own same so than too very`) {
		m[w] = true
	}
	return m
}()
