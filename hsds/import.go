package hsds

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// Geocoder turns a postcode into a point.
type Geocoder interface {
	Point(postcode string) (orb.Point, error)
}

// Writer stores what an import reads; changed is false when the stored
// copy was already identical. The import command writes to a staged
// import (sqlite.Import), which keeps an import from holding the
// database's write lock for its whole run; a transaction (sqlite.Tx)
// works too.
type Writer interface {
	PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error)
	// PutOrganization and PutLocation store an organisation or a venue
	// listed without services.
	PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error)
	PutLocation(ctx context.Context, l *directory.Location) (created, changed bool, err error)
	// PutTerms stores taxonomy terms as a vocabulary, replacing what is
	// stored for them.
	PutTerms(ctx context.Context, terms []directory.Term) error
	// HasLocation reports whether a location with this id is stored
	// already, for a service that names its location by id alone.
	HasLocation(ctx context.Context, id string) (bool, error)
}

// Importer reads a feed and writes its records.
type Importer struct {
	Geo Geocoder
	// SkipInvalid imports the valid records and reports the rest, instead
	// of failing the whole import on the first bad record.
	SkipInvalid bool
	// Progress, when set, is called after each record with the count so
	// far and the bytes read.
	Progress func(records int, offset int64)
	// Sink, when set, is given every warning and error as it is met (an
	// [IssueWriter]'s Add, say) and Report.Issues stays empty, so that a
	// feed with millions of warnings takes no more memory than one with
	// none. Report.Tally counts them either way.
	Sink func(Issue)
}

// Problem is one record that could not be imported.
type Problem struct {
	Index int
	ID    string
	Err   error
}

// Report summarises an import.
type Report struct {
	// Read counts the records read: services, and organisations,
	// locations and taxonomy terms listed on their own.
	Read int
	// Created, Updated and Unchanged count the services written.
	Created, Updated, Unchanged int
	// Organizations, Locations and Terms count what was written of those
	// listed on their own, new, changed or not.
	Organizations, Locations, Terms int
	Skipped                         []Problem
	// Issues are every warning and error, in the order met, when the
	// importer has no Sink: the import report. WriteIssues writes them as
	// JSON.
	Issues []Issue
	// Tally counts every warning and error by kind of problem, with the
	// first examples of each, for the summary a person reads.
	Tally Tally
	sink  func(Issue)
}

// Add puts an issue in the report: counted, and kept or given to the
// importer's Sink.
func (r *Report) Add(issues ...Issue) {
	for _, is := range issues {
		r.Tally.Add(is)
		if r.sink != nil {
			r.sink(is)
		} else {
			r.Issues = append(r.Issues, is)
		}
	}
}

// Written is how many services were written, new, changed or not.
func (r *Report) Written() int { return r.Created + r.Updated + r.Unchanged }

// maxListed bounds how many bad records a failed import names: enough to
// fix a feed in one go, short enough to read.
const maxListed = 20

// Import reads every record of the JSON document r (HSDS 3.0 or ORUK v1,
// told apart by its members) and writes the valid ones to w; see
// [Importer.ImportSource].
func (im *Importer) Import(ctx context.Context, r io.Reader, w Writer) (Report, error) {
	src, err := NewSource(r, FormatAuto, "")
	if err != nil {
		return Report{}, err
	}
	return im.ImportSource(ctx, src, w)
}

// importState is what an import remembers of the records before the one
// it is on: enough to find an id used twice and a location named by an
// id that nothing defines, and no more, so that memory stays flat.
type importState struct {
	services  map[string]int    // service id → record
	links     map[string]int    // service-at-location id → record, of valid records
	locations map[string]bool   // ids of locations written by this import
	alone     map[string]string // kind and id → record and content of what was listed on its own
}

// ImportSource reads every record from src and writes the valid ones to
// w. Unless SkipInvalid is set, any invalid record makes it return an
// error naming the records and fields at fault, and stops writing at the
// first; the caller discards what w holds on error (a staged import, or a
// transaction rolled back), so nothing is written.
func (im *Importer) ImportSource(ctx context.Context, src Source, w Writer) (Report, error) {
	rep := Report{sink: im.Sink}
	st := importState{services: map[string]int{}, links: map[string]int{}, locations: map[string]bool{}, alone: map[string]string{}}
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The report has every error, this one too.
			rep.Add(Issue{Level: Error, Action: directory.MessageOrError(err)})
			return rep, err
		}
		if rec.Kind() == "document" && rec.Err == nil {
			rep.Add(rec.Issues...)
			continue
		}
		rep.Read++
		if rec.Err == nil {
			rec.Err = im.check(ctx, rec, w, &st)
		}
		rep.Add(rec.Issues...)
		if rec.Err != nil {
			rep.Skipped = append(rep.Skipped, Problem{Index: rec.Index, ID: rec.ID, Err: rec.Err})
			rep.Add(errorIssues(rec)...)
		} else if len(rep.Skipped) == 0 || im.SkipInvalid {
			if err := im.write(ctx, rec, w, &rep, &st); err != nil {
				rep.Add(Issue{Level: Error, Index: rec.Index, ID: rec.ID, Action: directory.MessageOrError(err)})
				return rep, err
			}
		}
		if im.Progress != nil {
			im.Progress(rep.Read, src.Offset())
		}
	}
	if rep.Read == 0 && rep.Tally.Total() == 0 {
		err := &directory.Error{Kind: directory.Invalid, Msg: "the file holds no services"}
		rep.Add(Issue{Level: Error, Action: err.Msg})
		return rep, err
	}
	if len(rep.Skipped) > 0 && !im.SkipInvalid {
		return rep, invalidRecords(rep.Skipped)
	}
	return rep, nil
}

// check finds what makes a record unusable in the light of the records
// before it and of the directory: an id used twice, and for a service a
// location link used twice. It also resolves locations named by id and
// geocodes, with warnings for what cannot be done.
func (im *Importer) check(ctx context.Context, rec *Record, w Writer, st *importState) error {
	switch {
	case rec.Service != nil:
		if first, dup := st.services[rec.ID]; dup {
			return directory.Errorf(directory.Invalid, "%s: field \"id\": the same id is already used by record %d", rec.Label(), first)
		}
		st.services[rec.ID] = rec.Index
		if err := checkLinks(rec, st.links); err != nil {
			return err
		}
		if err := im.resolveLocations(ctx, rec, w, st); err != nil {
			return err
		}
		for i := range rec.Service.Locations {
			l := &rec.Service.Locations[i].Location
			if !l.IsReference() {
				im.geocode(rec, fmt.Sprintf("service_at_locations[%d].location", i), l)
			}
		}
	case rec.Location != nil:
		im.geocode(rec, "", rec.Location)
		return checkAlone(rec, "location", rec.Location, st)
	case rec.Organization != nil:
		return checkAlone(rec, "organisation", rec.Organization, st)
	case rec.Terms != nil:
		return checkAlone(rec, "taxonomy term", rec.Terms, st)
	}
	return nil
}

// checkAlone refuses a record listed on its own whose id an earlier
// record of the same kind used with other details. The same details
// again (a venue that two organisations list) are no conflict.
func checkAlone(rec *Record, what string, v any, st *importState) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("hsds: %s: %w", rec.Label(), err)
	}
	sum := sha256.Sum256(b)
	key := what + "\x00" + rec.ID
	content := fmt.Sprintf("%x", sum[:12])
	if prev, ok := st.alone[key]; ok {
		first, hash, _ := strings.Cut(prev, " ")
		if hash != content {
			return directory.Errorf(directory.Invalid, "%s: field \"id\": the same %s id is already used by record %s, with other details", rec.Label(), what, first)
		}
		return nil
	}
	st.alone[key] = fmt.Sprintf("%d %s", rec.Index, content)
	return nil
}

// write stores a checked record and counts it.
func (im *Importer) write(ctx context.Context, rec *Record, w Writer, rep *Report, st *importState) error {
	var created, changed bool
	var err error
	switch {
	case rec.Service != nil:
		created, changed, err = w.PutService(ctx, rec.Service)
		if err == nil {
			for _, sal := range rec.Service.Locations {
				st.links[sal.ID] = rec.Index
				st.locations[sal.Location.ID] = true
			}
			switch {
			case created:
				rep.Created++
			case changed:
				rep.Updated++
			default:
				rep.Unchanged++
			}
		}
	case rec.Location != nil:
		if _, _, err = w.PutLocation(ctx, rec.Location); err == nil {
			st.locations[rec.Location.ID] = true
			rep.Locations++
		}
	case rec.Organization != nil:
		if _, _, err = w.PutOrganization(ctx, rec.Organization); err == nil {
			rep.Organizations++
		}
	case rec.Terms != nil:
		if err = w.PutTerms(ctx, rec.Terms); err == nil {
			rep.Terms += len(rec.Terms)
		}
	}
	if err == nil {
		return nil
	}
	if k := directory.KindOf(err); k != directory.Internal {
		return &directory.Error{Kind: k, Msg: rec.Label() + ": " + directory.MessageOf(err), Err: err}
	}
	return fmt.Errorf("%s: %w", rec.Label(), err)
}

// resolveLocations checks each location a service names by id alone: it
// must be one this import wrote before it or one the directory holds.
// A link to any other is dropped with a warning; the service is kept.
func (im *Importer) resolveLocations(ctx context.Context, rec *Record, w Writer, st *importState) error {
	s := rec.Service
	kept := s.Locations[:0]
	for i, sal := range s.Locations {
		l := sal.Location
		if l.IsReference() && !st.locations[l.ID] {
			known, err := w.HasLocation(ctx, l.ID)
			if err != nil {
				return fmt.Errorf("%s: %w", rec.Label(), err)
			}
			if !known {
				rec.Warn(fmt.Sprintf("service_at_locations[%d].location_id", i), l.ID,
					"dropped: no location has this id, earlier in the file or in the directory")
				continue
			}
		}
		kept = append(kept, sal)
	}
	s.Locations = kept
	return nil
}

func invalidRecords(ps []Problem) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d invalid record(s); nothing was imported:", len(ps))
	for i, p := range ps {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(ps)-maxListed)
			break
		}
		b.WriteString("\n  " + directory.MessageOf(p.Err))
	}
	return &directory.Error{Kind: directory.Invalid, Msg: b.String()}
}

// errorIssues are the report's lines for an unusable record: one for
// each field at fault, or one for the whole record.
func errorIssues(rec *Record) []Issue {
	var v directory.ValidationError
	if errors.As(rec.Err, &v) {
		out := make([]Issue, len(v))
		for i, fe := range v {
			out[i] = Issue{Level: Error, Index: rec.Index, ID: rec.ID, Field: fe.Field, Action: fe.Msg}
		}
		return out
	}
	msg := strings.TrimPrefix(directory.MessageOrError(rec.Err), rec.Label()+": ")
	return []Issue{{Level: Error, Index: rec.Index, ID: rec.ID, Action: msg}}
}

// checkLinks refuses a record whose service-at-location ids are used
// twice in it or by an earlier record: each id is one service at one
// place, and the store keeps them unique.
func checkLinks(rec *Record, links map[string]int) error {
	var errs directory.ValidationError
	here := map[string]int{}
	for i, sal := range rec.Service.Locations {
		field := fmt.Sprintf("service_at_locations[%d].id", i)
		if j, dup := here[sal.ID]; dup {
			errs = append(errs, directory.FieldError{Field: field, Msg: fmt.Sprintf("the same id is already used by service_at_locations[%d]", j)})
		} else if first, dup := links[sal.ID]; dup {
			errs = append(errs, directory.FieldError{Field: field, Msg: fmt.Sprintf("the same id is already used by record %d", first)})
		}
		here[sal.ID] = i
	}
	if len(errs) == 0 {
		return nil
	}
	return &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + errs.Error(), Err: errs}
}

// ukCountries are the address countries whose postcodes we can look up.
var ukCountries = map[string]bool{"": true, "gb": true, "uk": true, "united kingdom": true, "england": true, "scotland": true, "wales": true, "great britain": true}

// ukPostcode is the shape of a UK postcode without its space (AA9A9AA,
// A99AA…), or of a postcode district alone.
var ukPostcode = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$|^GIR0AA$`)

// outsideGB names the postcode areas that are UK postcodes but not in
// Linkway's table, which covers Great Britain.
var outsideGB = []struct{ prefix, what string }{
	{"BT", "a Northern Ireland postcode"},
	{"IM", "an Isle of Man postcode"},
	{"GY", "a Guernsey postcode"},
	{"JE", "a Jersey postcode"},
	{"ZZ", "a pseudo-postcode (no fixed place)"},
	{"BF1", "a non-geographic postcode (British Forces)"},
	{"BX", "a non-geographic postcode"},
	{"XM", "a non-geographic postcode"},
	{"GIR", "a non-geographic postcode"},
}

// geocode gives a position to a location at field that lacks one, from
// its UK postcode. A postcode that cannot be placed leaves the listing
// without a map point, with a warning: it can still be found by what it
// offers and where it says it is, but not by distance.
func (im *Importer) geocode(rec *Record, field string, l *directory.Location) {
	if l.Point != nil || l.Type == directory.Virtual {
		return
	}
	a := l.Address()
	pc := strings.TrimSpace(a.PostalCode)
	if pc == "" {
		return
	}
	pcField := join(field, "addresses.postal_code")
	if !ukCountries[strings.ToLower(strings.TrimSpace(a.Country))] {
		rec.Warn(pcField, a.PostalCode, fmt.Sprintf("no map point: a postcode in %s cannot be looked up", directory.Shorten(a.Country)))
		return
	}
	if im.Geo == nil {
		return
	}
	p, err := im.Geo.Point(pc)
	if err == nil {
		l.Point = &p
		return
	}
	compact := strings.ToUpper(strings.ReplaceAll(pc, " ", ""))
	if !ukPostcode.MatchString(compact) {
		rec.Warn(pcField, a.PostalCode, "no map point: not a UK postcode, and Linkway places UK postcodes only; give the location a latitude and longitude")
		return
	}
	for _, o := range outsideGB {
		if strings.HasPrefix(compact, o.prefix) && (len(o.prefix) > 2 || len(compact) > 2 && compact[2] >= '0' && compact[2] <= '9') {
			rec.Warn(pcField, a.PostalCode, "no map point: "+o.what+", outside Linkway's postcode table for Great Britain; give the location a latitude and longitude")
			return
		}
	}
	rec.Warn(pcField, a.PostalCode, "no map point: "+directory.MessageOf(err)+"; give the location a latitude and longitude or a known postcode")
}
