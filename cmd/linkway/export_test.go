package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// mustExportSource is a data folder holding the Leeds demo directory, the
// HSDS 3.0 and UK profile full service examples (attributes with values,
// funding, programmes, identifiers, contacts), a live feed's listing, a
// confidential place and a withdrawn service.
func mustExportSource(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	a, err := openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.loadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	a.Close()
	for _, f := range []string{
		filepath.Join(openReferralExamples, "hsds-3.0-examples", "service_full.json"),
		filepath.Join(openReferralExamples, "oruk-3.0-uk-profile-examples", "service_full.json"),
	} {
		if _, stderr, err := runCmd(t, "import", "--data", dir, f); err != nil {
			t.Fatalf("import %s: %v\n%s", f, err, stderr)
		}
	}
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	age := 16
	fromFeed := &directory.Service{
		ID: directory.FeedID("camden", "123"), Source: "camden", SourceID: "123", FetchedAt: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC),
		Name: "Camden Carers Café", Status: directory.StatusActive, MinimumAge: &age,
		Organization: &directory.Organization{ID: directory.FeedID("camden", "org-9"), Name: "Camden Carers"},
		Locations: []directory.ServiceAtLocation{{ID: directory.FeedID("camden", "sal-9"), Location: directory.Location{
			ID: directory.FeedID("camden", "loc-9"), Type: directory.Physical, Name: "Camden Centre", Point: &orb.Point{-0.14, 51.54},
			Addresses: []directory.Address{{ID: "ad-9", Address1: "1 Camden Road", City: "London", PostalCode: "NW1 9AA", Country: "GB", Type: "physical"}}}}},
	}
	refuge := &directory.Service{ID: "refuge-1", Name: "Safe Space", Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{{ID: "sal-refuge", Description: "Ring the blue door", Location: directory.Location{
			ID: "loc-refuge", Type: directory.Physical, Name: "Hidden House", Confidential: true, Point: &orb.Point{-1.53, 53.82},
			Addresses: []directory.Address{{ID: "ad-refuge", Address1: "12 Secret Street", City: "Leeds", PostalCode: "LS7 3AB", Country: "GB", Type: "physical"}}}}}}
	withdrawn := &directory.Service{ID: "withdrawn-1", Name: "Withdrawn Group", Status: directory.StatusDefunct}
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, s := range []*directory.Service{fromFeed, refuge, withdrawn} {
			if _, _, err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// mustServices reads every service of the data folder dir, by id.
func mustServices(t *testing.T, dir string) map[string]*directory.Service {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]*directory.Service{}
	err = db.EachService(context.Background(), 500, func(list []*directory.Service) error {
		for _, s := range list {
			out[s.ID] = s
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// carried is s as an export carries it: what the public may see, under
// a feed's own ids, without what HSDS has no place for (Linkway's own
// kinds of support, which each import gives again, and provenance); a
// data package has no place for Linkway's sp_ extensions either.
//
// A confidential place is exported as its postcode district, with no mark
// that it is confidential (HSDS has none), and the import places it at
// the district's centre, which is public: confidential names the ids of
// such places, whose mark and point are not compared.
func carried(s *directory.Service, format string, confidential map[string]bool) *directory.Service {
	c := *directoryOriginal(s.ForPublic())
	c.Kinds, c.Source, c.SourceID, c.FetchedAt = nil, "", "", time.Time{}
	if format == "datapackage" {
		c.ReferralRoutes, c.Accepting, c.TypicalWaitDays = nil, "", 0
		// The CSV reader trims cells.
		c.Description = strings.TrimSpace(c.Description)
	}
	c.Locations = append([]directory.ServiceAtLocation(nil), c.Locations...)
	for i := range c.Locations {
		if l := &c.Locations[i].Location; confidential[l.ID] {
			l.Confidential, l.Point = false, nil
		}
	}
	return &c
}

// directoryOriginal strips a feed's namespace from s's ids, as export
// does (hsds.OriginalIDs).
func directoryOriginal(s *directory.Service) *directory.Service {
	if s.Source == "" {
		return s
	}
	strip := func(id string) string { return strings.TrimPrefix(id, directory.FeedID(s.Source, "")) }
	c := *s
	c.ID = strip(s.ID)
	o := *s.Organization
	o.ID = strip(o.ID)
	c.Organization = &o
	c.Locations = append([]directory.ServiceAtLocation(nil), s.Locations...)
	for i := range c.Locations {
		c.Locations[i].ID = strip(c.Locations[i].ID)
		c.Locations[i].Location.ID = strip(c.Locations[i].Location.ID)
	}
	return &c
}

// TestExportRoundTrip: for each format, export then import into a new
// folder gives the same listed services, field for field.
func TestExportRoundTrip(t *testing.T) {
	src := mustExportSource(t)
	before := mustServices(t, src)
	confidential := map[string]bool{}
	for _, s := range before {
		for _, sal := range s.Locations {
			if sal.Location.Confidential {
				confidential[sal.Location.ID] = true
			}
		}
	}
	if len(confidential) != 1 {
		t.Fatalf("confidential places = %v, want the refuge's", confidential)
	}
	for _, format := range []string{"hsds3", "ndjson", "datapackage"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "export."+format)
			_, stderr, err := runCmd(t, "export", "--data", src, "--format", format, out)
			if err != nil {
				t.Fatalf("export: %v\n%s", err, stderr)
			}
			mustContain(t, "export's last line", stderr, "exported 446 listed services")
			dst := t.TempDir()
			if _, stderr, err := runCmd(t, "import", "--data", dst, "--format", format2import(format), out); err != nil {
				t.Fatalf("import: %v\n%s", err, stderr)
			}
			after := mustServices(t, dst)
			compared := 0
			for id, s := range before {
				if !s.Listed() {
					if _, ok := after[id]; ok {
						t.Errorf("%s is not listed but was exported", id)
					}
					continue
				}
				want := carried(s, format, confidential)
				got, ok := after[want.ID]
				if !ok {
					t.Errorf("service %s did not come back", want.ID)
					continue
				}
				compared++
				if g := carried(got, format, confidential); !reflect.DeepEqual(g, want) {
					t.Errorf("service %s came back changed:\n%s", want.ID, firstDifference(t, want, g))
				}
			}
			if compared != 446 || len(after) != 446 {
				t.Errorf("compared %d services, %d came back; want 446", compared, len(after))
			}
			body := mustReadAll(t, out)
			for _, secret := range []string{"12 Secret Street", "Hidden House", "Ring the blue door", "LS7 3AB", "Withdrawn Group"} {
				if strings.Contains(body, secret) {
					t.Errorf("the export holds %q", secret)
				}
			}
			if format != "datapackage" {
				mustContain(t, "export", body, `"sp_source":"camden"`, `"sp_source_id":"123"`, `"sp_fetched_at":"2026-12-01T08:00:00Z"`)
			}
		})
	}
}

func format2import(format string) string {
	if format == "ndjson" {
		return "hsds3"
	}
	return format
}

// mustReadAll is the file at path, or every file in the folder at path.
func mustReadAll(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// firstDifference shows the first line where want and got differ as
// indented JSON.
func firstDifference(t *testing.T, want, got *directory.Service) string {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			return "line " + strings.Join([]string{"", "want " + wl[i], "got  " + gl[i]}, "\n")
		}
	}
	return "lengths differ"
}

func TestExportUsage(t *testing.T) {
	src := t.TempDir()
	for _, args := range [][]string{
		{"export", "--data", src, "--format", "xml", "out.json"},
		{"export", "--data", src, "--format", "datapackage", "-"},
		{"export", "--data", src},
	} {
		if _, _, err := runCmd(t, args...); err == nil {
			t.Errorf("%v: no error", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if _, _, err := runCmd(t, "export", "--data", filepath.Join(src, "none"), filepath.Join(src, "out.json")); err == nil || !strings.Contains(err.Error(), "no Linkway directory") {
		t.Errorf("export from no data folder: %v", err)
	}
}
