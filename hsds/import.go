package hsds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// Geocoder turns a postcode into a point.
type Geocoder interface {
	Point(postcode string) (orb.Point, error)
}

// Writer stores services; changed is false when the stored copy was
// already identical. The import command writes to a staged import
// (sqlite.Import), which keeps an import from holding the database's
// write lock for its whole run; a transaction (sqlite.Tx) works too.
type Writer interface {
	PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error)
}

// Importer reads an HSDS feed and writes its services.
type Importer struct {
	Geo Geocoder
	// SkipInvalid imports the valid records and reports the rest, instead
	// of failing the whole import on the first bad record.
	SkipInvalid bool
	// Progress, when set, is called after each record with the count so
	// far and the bytes read.
	Progress func(records int, offset int64)
}

// Problem is one record that could not be imported.
type Problem struct {
	Index int
	ID    string
	Err   error
}

// Report summarises an import.
type Report struct {
	Read, Created, Updated, Unchanged int
	Skipped                           []Problem
	Warnings                          []string
}

// maxListed bounds how many bad records a failed import names: enough to
// fix a feed in one go, short enough to read.
const maxListed = 20

// Import reads every record from r and writes the valid ones to w. Unless
// SkipInvalid is set, any invalid record makes Import return an error
// naming the records and fields at fault, and stops writing at the first;
// the caller discards what w holds on error (a staged import, or a
// transaction rolled back), so nothing is written.
func (im *Importer) Import(ctx context.Context, r io.Reader, w Writer) (Report, error) {
	var rep Report
	rd := NewReader(r)
	seen := map[string]int{}
	links := map[string]int{} // service-at-location ids of valid records
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, err
		}
		rep.Read++
		if rec.Err == nil {
			if first, dup := seen[rec.ID]; dup {
				rec.Err = directory.Errorf(directory.Invalid, "%s: field \"id\": the same id is already used by record %d", rec.Label(), first)
			} else {
				seen[rec.ID] = rec.Index
				rec.Err = checkLinks(rec, links)
			}
			if rec.Err == nil {
				rec.Err = im.geocode(rec)
			}
			if rec.Err == nil {
				for _, sal := range rec.Service.Locations {
					links[sal.ID] = rec.Index
				}
			}
		}
		for _, is := range rec.Issues {
			rep.Warnings = append(rep.Warnings, rec.Label()+": "+issueText(is))
		}
		if rec.Err != nil {
			rep.Skipped = append(rep.Skipped, Problem{Index: rec.Index, ID: rec.ID, Err: rec.Err})
		} else if len(rep.Skipped) == 0 || im.SkipInvalid {
			created, changed, err := w.PutService(ctx, rec.Service)
			if err != nil {
				if k := directory.KindOf(err); k != directory.Internal {
					return rep, &directory.Error{Kind: k, Msg: rec.Label() + ": " + directory.MessageOf(err), Err: err}
				}
				return rep, fmt.Errorf("%s: %w", rec.Label(), err)
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
		if im.Progress != nil {
			im.Progress(rep.Read, rd.Offset())
		}
	}
	if rep.Read == 0 {
		return rep, &directory.Error{Kind: directory.Invalid, Msg: "the file holds no services"}
	}
	if len(rep.Skipped) > 0 && !im.SkipInvalid {
		return rep, invalidRecords(rep.Skipped)
	}
	return rep, nil
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

// geocode gives a position to each located service that lacks one, from
// its UK postcode. An unknown postcode is an error: the service could
// never be found by distance and the feed is most likely wrong.
func (im *Importer) geocode(rec *Record) error {
	var errs directory.ValidationError
	for i := range rec.Service.Locations {
		l := &rec.Service.Locations[i].Location
		if l.Point != nil || l.Type == directory.Virtual {
			continue
		}
		a := l.Address()
		if strings.TrimSpace(a.PostalCode) == "" {
			continue
		}
		if !ukCountries[strings.ToLower(strings.TrimSpace(a.Country))] {
			rec.Warn(fmt.Sprintf("location %s", directory.Quote(l.ID)), a.PostalCode, fmt.Sprintf("no position, and its %s postcode cannot be looked up", directory.Shorten(a.Country)))
			continue
		}
		if im.Geo == nil {
			continue
		}
		p, err := im.Geo.Point(a.PostalCode)
		if err != nil {
			errs = append(errs, directory.FieldError{
				Field: fmt.Sprintf("service_at_locations[%d].location.addresses.postal_code", i),
				Msg:   directory.MessageOf(err) + "; give the location a latitude and longitude or a known postcode",
			})
			continue
		}
		l.Point = &p
	}
	if len(errs) == 0 {
		return nil
	}
	return &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + errs.Error(), Err: errs}
}

// issueText writes an issue as one line for a person.
func issueText(is Issue) string {
	switch {
	case is.Field == "":
		return is.Action
	case is.Value == "":
		return is.Field + ": " + is.Action
	}
	return fmt.Sprintf("%s: %s: %s", is.Field, directory.Quote(is.Value), is.Action)
}
