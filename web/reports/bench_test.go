package reports_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/linkway/linkway/internal/schemegen"
	"github.com/linkway/linkway/internal/webtest"
)

// BenchmarkReportPage asks the whole site for the reports page and its
// CSV, over HTTP, for a scheme of the issue's size (2,000 people, 20,000
// referrals, 100,000 contacts): the store's counting, unmet need from
// the search index, the tables, charts and template. The target is
// 500 ms for each.
func BenchmarkReportPage(b *testing.B) {
	fx := webtest.New(b)
	if err := schemegen.Generate(context.Background(), fx.DB, schemegen.Issue16, 16); err != nil {
		b.Fatal(err)
	}
	admin := fx.As(b, "admin@example.org")
	for _, bm := range []struct{ name, query string }{
		{"year", "from=2026-01-01&to=2026-12-31"},
		{"two-years", "from=2025-01-01&to=2026-12-31"},
		{"filtered", "from=2026-01-01&to=2026-12-31&team=north&kind=walking-groups&area=LS6"},
		{"csv", "from=2026-01-01&to=2026-12-31&format=csv&table=uptake"},
		{"gp-returns", "gp-returns"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			path := "/reports?" + bm.query
			if bm.query == "gp-returns" {
				path = "/reports/gp-returns?from=2025-01-01&to=2026-12-31"
			}
			for b.Loop() {
				resp, err := admin.Get(fx.TS.URL + path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s = %d", path, resp.StatusCode)
				}
			}
		})
	}
}
