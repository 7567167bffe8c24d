package reports_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/schemegen"
	"github.com/linkway/linkway/reports"
	"github.com/linkway/linkway/sqlite"
)

// mustBigScheme opens a store holding a scheme of the issue's size:
// 2,000 people, 20,000 referrals and 100,000 contacts.
func mustBigScheme(b *testing.B) *sqlite.DB {
	b.Helper()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "scheme.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := schemegen.Generate(context.Background(), db, schemegen.Issue16, 16); err != nil {
		b.Fatal(err)
	}
	return db
}

// allReachable stands in for the search index, which the web layer's
// benchmark includes: here only the store's counting is measured.
type allReachable struct{}

func (allReachable) Reachable(context.Context, string, string) (bool, bool, error) {
	return true, true, nil
}

// BenchmarkReportBuild builds every table of the report, for the whole
// scheme over a year and narrowed by each filter; the target is 500 ms
// for each.
func BenchmarkReportBuild(b *testing.B) {
	db := mustBigScheme(b)
	year := reports.Filter{From: schemegen.Start.AddDate(1, 0, 0), To: schemegen.End}
	for _, bm := range []struct {
		name string
		f    reports.Filter
	}{
		{"year", year},
		{"two-years", reports.Filter{From: schemegen.Start, To: schemegen.End}},
		{"team", func() reports.Filter { f := year; f.TeamID = "north"; return f }()},
		{"kind", func() reports.Filter { f := year; f.Kind = "walking-groups"; return f }()},
		{"area-practice-worker", func() reports.Filter {
			f := year
			f.Area, f.Practice, f.LinkWorker = "LS6", "Oak Surgery", 3
			return f
		}()},
	} {
		b.Run(bm.name, func(b *testing.B) {
			builder := reports.Builder{Source: db, Reach: allReachable{}}
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if _, err := builder.Build(context.Background(), bm.f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkReportGPReturns counts the coded events per practice per
// month over two years.
func BenchmarkReportGPReturns(b *testing.B) {
	db := mustBigScheme(b)
	f := reports.Filter{From: schemegen.Start, To: schemegen.End}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		counts, err := db.CodedEventCounts(context.Background(), f)
		if err != nil {
			b.Fatal(err)
		}
		reports.CodedReturnsTable(counts)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
