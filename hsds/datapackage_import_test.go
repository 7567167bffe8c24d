package hsds_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// importPackage imports the package at path into db as the import
// command does: staged, then applied.
func importPackage(tb testing.TB, db *sqlite.DB, path string) hsds.Report {
	tb.Helper()
	ctx := context.Background()
	src, c, err := hsds.OpenDataPackage(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	imp, err := db.BeginImport(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer imp.Discard()
	im := &hsds.Importer{Geo: newFakeGeo()}
	rep, err := im.ImportSource(ctx, src, imp)
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	if err := imp.Commit(ctx); err != nil {
		tb.Fatalf("commit: %v", err)
	}
	if len(imp.Failed) > 0 {
		tb.Fatalf("%d services not applied: %v", len(imp.Failed), imp.Failed[0])
	}
	return rep
}

// TestDataPackageMiamiImport imports the Miami package through the
// importer into a real database and finds every service there with its
// opening times and categories.
func TestDataPackageMiamiImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 4,089 services")
	}
	ctx := context.Background()
	db := mustOpenDB(t)
	rep := importPackage(t, db, miamiPackage)
	if rep.Created != miamiServices || len(rep.Skipped) > 0 {
		t.Fatalf("created %d, skipped %d; want %d and none", rep.Created, len(rep.Skipped), miamiServices)
	}
	st := mustStats(t, db)
	// Every organisation of organizations.csv runs a service; 447 services
	// name one of 82 organisations the file lacks, and are kept without.
	if st.Services != miamiServices || st.Listed != miamiServices || st.Organizations != 1074 {
		t.Errorf("stored %+v, want %d services, all listed, 1,074 organisations", st, miamiServices)
	}

	read := mustReadPackage(t, miamiPackage)
	want := map[string]*directory.Service{}
	for _, s := range read.services {
		want[s.ID] = s
	}
	var stored, withPoint, schedules, links int
	err := db.EachService(ctx, 500, func(batch []*directory.Service) error {
		for _, s := range batch {
			stored++
			w := want[s.ID]
			if w == nil {
				return fmt.Errorf("service %s is not in the package", s.ID)
			}
			if got, want := scheduleText(s.Schedules), scheduleText(w.Schedules); got != want {
				return fmt.Errorf("service %s: stored schedules %q, read %q", s.ID, got, want)
			}
			if got, want := strings.Join(sorted(s.TermIDs()), ","), strings.Join(sorted(w.TermIDs()), ","); got != want {
				return fmt.Errorf("service %s: stored terms %q, read %q", s.ID, got, want)
			}
			for _, sal := range s.Locations {
				if sal.Location.Point != nil {
					withPoint++
				}
			}
			schedules += len(s.Schedules)
			links += len(s.Terms)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored != miamiServices || withPoint != miamiWithPoint || schedules != miamiScheduled || links != miamiTermLinks {
		t.Errorf("stored %d services, %d with a map point, %d schedules, %d term links; want %d, %d, %d, %d",
			stored, withPoint, schedules, links, miamiServices, miamiWithPoint, miamiScheduled, miamiTermLinks)
	}
	terms, err := db.TaxonomyTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inMiami := 0
	for _, tm := range terms {
		if tm.Taxonomy == "Open211 Miami - AIRS" {
			inMiami++
		}
	}
	if inMiami != miamiTermsTotal {
		t.Errorf("stored %d terms of the Miami taxonomy, want %d (with the broader terms no service uses)", inMiami, miamiTermsTotal)
	}

	var warnings, errs int
	for _, is := range rep.Issues {
		if is.Level == hsds.Error {
			errs++
		} else {
			warnings++
		}
	}
	t.Logf("Miami: %d services (%d with a map point), %d schedules, %d term links, %d terms; %d warnings, %d errors",
		stored, withPoint, schedules, links, inMiami, warnings, errs)
	for _, g := range hsds.Summarize(rep.Issues) {
		t.Logf("  %6d× %s: %s", g.Count, g.Field, g.Action)
	}
}

func scheduleText(scs []directory.Schedule) string {
	var out []string
	for _, sc := range scs {
		out = append(out, sc.ByDay+" "+sc.Opens+"–"+sc.Closes)
	}
	return strings.Join(out, "; ")
}

// BenchmarkDataPackageMiami reads the Miami package (4,089 services and
// their tables), without storing it.
func BenchmarkDataPackageMiami(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p := mustReadPackage(b, miamiPackage)
		if len(p.services) != miamiServices {
			b.Fatalf("services %d", len(p.services))
		}
	}
	b.ReportMetric(float64(miamiServices)*float64(b.N)/b.Elapsed().Seconds(), "services/s")
}

// BenchmarkDataPackageMiamiImport imports the Miami package into a new
// database, staged and applied, as linkway import does.
func BenchmarkDataPackageMiamiImport(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		importPackage(b, db, miamiPackage)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(miamiServices)*float64(b.N)/b.Elapsed().Seconds(), "services/s")
}

// BenchmarkDataPackage100k reads a synthetic package of 100,000 services
// in HSDS 1.x tables shaped like Miami's (a location, an address, a
// phone, five weekday rows, three languages and six term links each), to
// show what the tables held in memory cost. peak-heap-MB is the largest
// heap seen between records.
func BenchmarkDataPackage100k(b *testing.B) {
	const n = 100_000
	dir := writeSyntheticPackage(b, n)
	runtime.GC() // the text just written is garbage, not the reader's
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		src, c, err := hsds.OpenDataPackage(dir)
		if err != nil {
			b.Fatal(err)
		}
		services := 0
		var ms runtime.MemStats
		for i := 0; ; i++ {
			rec, err := src.Next()
			if err != nil {
				break
			}
			if rec.Service != nil && rec.Err == nil {
				services++
			}
			if i%20_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		c.Close()
		if services != n {
			b.Fatalf("services %d, want %d", services, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "services/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// writeSyntheticPackage writes a 1.x package of n services into a
// temporary folder.
func writeSyntheticPackage(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	files := map[string]*strings.Builder{}
	add := func(name, format string, args ...any) {
		sb := files[name]
		if sb == nil {
			sb = &strings.Builder{}
			files[name] = sb
		}
		fmt.Fprintf(sb, format, args...)
	}
	add("services.csv", "id,organization_id,name,description,url,status\n")
	add("organizations.csv", "id,name,description\n")
	add("locations.csv", "id,organization_id,name,description,latitude,longitude\n")
	add("services_at_location.csv", "id,service_id,location_id\n")
	add("physical_addresses.csv", "id,location_id,address_1,city,postal_code,country\n")
	add("phones.csv", "id,service_id,number\n")
	add("regular_schedules.csv", "id,service_id,weekday,opens_at,closes_at\n")
	add("languages.csv", "id,service_id,language\n")
	add("services_taxonomy.csv", "id,service_id,taxonomy_id\n")
	add("taxonomy.csv", "id,name,parent_id,vocabulary\n")
	for t := 0; t < 2000; t++ {
		add("taxonomy.csv", "T%d,Term %d,T%d,Synthetic\n", t, t, t/10)
	}
	const text = "A group that meets every week for company, a hot drink and a chat; all welcome, no need to book."
	for i := 0; i < n; i++ {
		if i%4 == 0 {
			add("organizations.csv", "o%d,Organisation %d,\"%s\"\n", i/4, i/4, text)
		}
		add("services.csv", "s%d,o%d,Service %d,\"%s %s\",www.example.org/%d,active\n", i, i/4, i, text, text, i)
		add("locations.csv", "l%d,o%d,Venue %d,\"%s\",%.5f,%.5f\n", i, i/4, i, text, 53.7+float64(i%1000)/10000, -1.6+float64(i%997)/10000)
		add("services_at_location.csv", "a%d,s%d,l%d\n", i, i, i)
		add("physical_addresses.csv", "ad%d,l%d,%d High Street,Leeds,LS1 1UR,GB\n", i, i, i%300)
		add("phones.csv", "p%d,s%d,0113 496 %04d\n", i, i, i%10000)
		for _, d := range []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"} {
			add("regular_schedules.csv", ",s%d,%s,9:00am,5:00pm\n", i, d)
		}
		for _, l := range []string{"English", "Polish", "Urdu"} {
			add("languages.csv", "s%d,s%d,%s\n", i, i, l)
		}
		for k := 0; k < 6; k++ {
			add("services_taxonomy.csv", "%d,s%d,T%d\n", i*6+k, i, (i*7+k*131)%2000)
		}
	}
	for name, sb := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
