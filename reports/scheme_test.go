package reports_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/reports"
	"github.com/linkway/linkway/sqlite"
)

// The fixed scheme (see [storetest.FixedScheme]): one quarter, January
// to March 2026, in a real SQLite store; the store's own figures are
// tested by storetest.Reports, here the report built from them.
var q1 = reports.Filter{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}

func openStore(tb testing.TB, now func() time.Time) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	db.Now = now
	return db
}

// reachable is the test's reach: walking is within reach of LS6,
// nothing else anywhere; LS9 cannot be placed.
type reachable struct{}

func (reachable) Reachable(_ context.Context, district, kind string) (bool, bool, error) {
	return district == "LS6" && kind == "walking", district != "LS9", nil
}

func TestReportOfTheFixedScheme(t *testing.T) {
	db := storetest.FixedScheme[*sqlite.Tx](t, openStore)
	b := reports.Builder{Source: db, Reach: reachable{}, KindNames: map[string]string{"walking": "Walking", "arts": "Arts", "money-advice": "Money advice"}}
	rep, err := b.Build(context.Background(), q1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		table, row string
		want       []string
	}{
		// Loneliness: GP 7, self 2 (withheld), so the next smallest in the
		// row, 7, goes too; the self column then has one withheld cell,
		// so its next smallest (the total 2) is withheld as well.
		{"intake", "Loneliness", []string{"<5", "<5", "0", "0", "0", "9"}},
		{"intake", "Other reasons", []string{"<5", "0", "0", "0", "0", "<5"}},
		{"intake", "All reasons", []string{"8", "<5", "<5", "0", "0", "11"}},
		{"support", "1 to 5 (fewer than usual)", []string{"<5"}}, // P7, P0, P2
		{"support", "6 to 12 (usual)", []string{"<5"}},
		{"support", "People supported", []string{"5"}},
		{"support", "Median contacts per person", []string{"3"}},
		{"referrals-out", "Walking", []string{"6", "0", "6"}},
		{"uptake", "Referred", []string{"10", "100%"}},
		{"uptake", "Accepted", []string{"7", "70%"}},
		{"uptake", "Attended at least once", []string{"5", "50%"}},
		{"uptake", "Declined by the service", []string{"<5", "too few"}},
		{"declined", "Full", []string{"<5"}},
		{"first-attendance", "Walking", []string{"5", "10", "10", "10"}},
		{"first-attendance", "Arts", nil}, // no attended referrals: no row
		{"waiting", "All kinds", []string{"<5", "too few", "too few", "too few"}},
		// Six pairs: life +2 each; worthwhile +1 ×5 and +2; happiness −1
		// ×5 and +2 (only P9 improved); anxiety −2 each, all improved.
		{"wellbeing", "Life satisfaction", []string{"6", "3.8", "5.8", "+2.0", "6", "100%"}},
		{"wellbeing", "Worthwhile", []string{"6", "4.7", "5.8", "+1.2", "6", "100%"}},
		{"wellbeing", "Happiness", []string{"6", "4.7", "4.2", "-0.5", "<5", "too few"}},
		{"wellbeing", "Anxiety", []string{"6", "7.2", "5.2", "-2.0", "6", "100%"}},
		{"wellbeing-by-kind", "Walking", []string{"5", "+2.0", "+1.0", "-1.0", "-2.0", "100%"}},
		{"wellbeing-by-kind", "Arts", []string{"<5", "too few", "too few", "too few", "too few", "too few"}},
		// LS7's 2 is withheld, so LS6's 6 is too: 8 - 6 would give it.
		{"unmet-need", "LS6", []string{"<5", "0"}},
		{"unmet-need", "LS7", []string{"<5", "<5"}},
		{"unmet-need", "All areas", []string{"8", "<5"}},
	} {
		tb, ok := rep.Table(tt.table)
		if !ok {
			t.Fatalf("no table %q", tt.table)
		}
		got, found := rowOf(tb, tt.row)
		if tt.want == nil {
			if found {
				t.Errorf("%s has a row %q: %v", tt.table, tt.row, got)
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s row %q = %v, want %v", tt.table, tt.row, got, tt.want)
		}
	}
}

func rowOf(t reports.Table, label string) ([]string, bool) {
	for _, r := range t.Rows {
		if r.Label == label {
			var out []string
			for _, c := range r.Cells {
				out = append(out, c.String())
			}
			return out, true
		}
	}
	return nil, false
}
