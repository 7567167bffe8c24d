package reports_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
)

const commissioner = "commissioner@example.org"

// mustSite starts a site with a commissioner and Ada on the north
// team's caseload, referred to the walking group.
func mustSite(t *testing.T) (*webtest.Site, string) {
	t.Helper()
	fx := webtest.New(t)
	fx.AddUser(t, casework.User{Email: commissioner, Name: "Cora Commissioner", Role: casework.RoleCommissioner})
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	fx.MustRefer(t, north, id, "walk-1", "referral")
	return fx, id
}

func TestReportsOnlyForAdminsAndCommissioners(t *testing.T) {
	fx, _ := mustSite(t)
	for _, tt := range []struct {
		who    string
		status int
	}{
		{"", http.StatusSeeOther},
		{"north@example.org", http.StatusNotFound},
		{"editor@example.org", http.StatusNotFound},
		{"admin@example.org", http.StatusOK},
		{commissioner, http.StatusOK},
	} {
		for _, path := range []string{"/reports", "/reports/gp-returns"} {
			st, body := fx.Call(t, fx.As(t, tt.who), "GET", path, "")
			if st != tt.status {
				t.Errorf("%q: GET %s = %d, want %d", tt.who, path, st, tt.status)
			}
			if st == http.StatusOK && strings.Contains(body, "Ada") {
				t.Errorf("%q: GET %s shows a person's name", tt.who, path)
			}
		}
	}
}

// TestCommissionerReachesNoPerson tries every route the server
// registers, with every method, as a commissioner. Every route about a
// person, a team's casework, an organisation or administration answers
// 403; every other route (the public directory, the reports, their own
// login) may answer, but never with anything of Ada's.
func TestCommissionerReachesNoPerson(t *testing.T) {
	fx, id := mustSite(t)
	c := fx.As(t, commissioner)
	personal := []string{"/casework", "/admin", "/org", "/answer/", "/invite/", "/api/v1/people", "/api/v1/referrals", "/api/v1/coded-events", "/api/v1/inbox", "/api/v1/audit"}
	routes := fx.Server.Routes()
	if len(routes) < 40 {
		t.Fatalf("only %d routes listed", len(routes))
	}
	tried := 0
	for _, rt := range routes {
		path := strings.NewReplacer("{id}", id, "{token}", strings.Repeat("A", 52), "{term}", "walking").Replace(rt.Path)
		isPersonal := false
		for _, p := range personal {
			if path == strings.TrimSuffix(p, "/") || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
				isPersonal = true
			}
		}
		for _, method := range rt.Methods {
			if method == http.MethodHead || path == "/logout" || path == "/api/v1/logout" {
				continue // HEAD is GET without a body; logging out would end the test's session
			}
			body := ""
			if method != http.MethodGet {
				body = "{}"
			}
			st, out := fx.Call(t, c, method, path, body, "Origin", fx.TS.URL, "Sec-Fetch-Site", "same-origin")
			tried++
			if isPersonal && st != http.StatusForbidden {
				t.Errorf("%s %s = %d, want 403 for a commissioner", method, rt.Path, st)
			}
			for _, secret := range []string{"Ada", "Lovelace", "9434765919", "943 476 5919", id} {
				if strings.Contains(out, secret) {
					t.Errorf("%s %s shows a commissioner %q", method, rt.Path, secret)
				}
			}
		}
	}
	// The commissioner is still logged in (no route above logged them
	// out), so the refusals were not merely of someone logged out.
	if st, _ := fx.Call(t, c, "GET", "/reports", ""); st != http.StatusOK {
		t.Fatalf("after the sweep GET /reports = %d", st)
	}
	t.Logf("tried %d route and method pairs", tried)
}

func TestReportsPage(t *testing.T) {
	fx, _ := mustSite(t)
	admin := fx.As(t, "admin@example.org")
	st, body := fx.Call(t, admin, "GET", "/reports?from=2026-01-01&to=2026-12-31&team=north", "")
	if st != http.StatusOK {
		t.Fatalf("GET /reports = %d\n%s", st, body)
	}
	webtest.WantIn(t, "reports page", body,
		"<h1>Reports</h1>", `<label for="from">From</label>`, `type="text" id="from" name="from" value="1/1/2026"`, `id="to" name="to" value="31/12/2026"`,
		`<option value="north" selected>North PCN</option>`,
		"Figures for 1 January 2026 to 31 December 2026",
		`<h2 id="intake">Referrals into the scheme, by reason and source</h2>`,
		`<h2 id="uptake">Uptake: what became of referrals to services</h2>`,
		`<h2 id="unmet-need">Unmet need, by area</h2>`,
		`<svg class="chart bar-chart"`, `role="img" aria-labelledby="chart-uptake-title chart-uptake-desc"`,
		`<title id="chart-uptake-title">`, `<th scope="row">Referred</th><td>&lt;5</td>`,
		`/reports?from=2026-01-01&amp;team=north&amp;to=2026-12-31&amp;format=csv&amp;table=uptake`,
		`/reports/gp-returns?from=2026-01-01&amp;team=north&amp;to=2026-12-31`,
	)
	// The period may be typed as people in the UK write dates.
	_, uk := fx.Call(t, admin, "GET", "/reports?"+url.Values{"from": {"01/01/2026"}, "to": {"31 December 2026"}, "team": {"north"}}.Encode(), "")
	webtest.WantIn(t, "reports page with UK dates", uk, "Figures for 1 January 2026 to 31 December 2026",
		`/reports/gp-returns?from=2026-01-01&amp;team=north&amp;to=2026-12-31`)
	if !fx.Audited(t, "report.read", "scheme report") {
		t.Error("reading the report was not audited")
	}

	// Every table downloads as CSV, withheld counts as "<5".
	for _, table := range []string{"intake", "support", "referrals-out", "uptake", "declined", "first-attendance", "waiting", "wellbeing", "wellbeing-by-kind", "unmet-need"} {
		resp := get(t, fx, admin, "/reports?from=2026-01-01&to=2026-12-31&format=csv&table="+table)
		if resp.status != 200 || !strings.HasPrefix(resp.contentType, "text/csv") || !strings.Contains(resp.disposition, "linkway-"+table+"-2026-01-01-to-2026-12-31.csv") {
			t.Errorf("CSV of %s = %d %q %q", table, resp.status, resp.contentType, resp.disposition)
		}
	}
	if resp := get(t, fx, admin, "/reports?from=2026-01-01&to=2026-12-31&format=csv&table=uptake"); !strings.Contains(resp.body, "Stage,Referrals,Share of referrals\nReferred,<5,too few\n") {
		t.Errorf("uptake CSV =\n%s", resp.body)
	}

	// The GP data return: the referral coded when Ada was added, in
	// her practice and month, withheld as one.
	resp := get(t, fx, admin, "/reports/gp-returns?from=2026-11-01&to=2026-11-30")
	if resp.status != 200 || !strings.HasPrefix(resp.body, "Practice,Month,SNOMED CT code,Term,Events\n") {
		t.Errorf("GP return = %d\n%s", resp.status, resp.body)
	}
}

func TestReportsRefuseBadFilters(t *testing.T) {
	fx, _ := mustSite(t)
	admin := fx.As(t, "admin@example.org")
	for _, tt := range []struct{ query, want string }{
		{"from=31/02/2026", "from: must be a real date"},
		{"from=1/3/26", "from: must include the year in full"},
		{"from=2026-02-01&to=2026-01-01", "to: the end date must be on or after the start date"},
		{"area=not-a-place", "area: give a postcode district, such as LS7"},
		{"worker=abc", "worker: choose a link worker from the list"},
		{"format=csv&table=people", "table: choose one of the report"},
	} {
		st, body := fx.Call(t, admin, "GET", "/reports?"+tt.query, "")
		if st != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("GET /reports?%s = %d, want 400 saying %q\n%.300s", tt.query, st, tt.want, body)
		}
	}
	if st, body := fx.Call(t, admin, "GET", "/reports/gp-returns?to=x", ""); st != http.StatusBadRequest || !strings.Contains(body, "to: must be a real date, written like 27/3/2027") {
		t.Errorf("GP return with a bad date = %d %q", st, body)
	}
}

// TestAdminAddsCommissioner: an admin can add a commissioner from the
// users page; a team chosen on the form is not kept.
func TestAdminAddsCommissioner(t *testing.T) {
	fx, _ := mustSite(t)
	admin := fx.As(t, "admin@example.org")
	st, _, body := fx.Form(t, admin, "/admin/users", url.Values{"email": {"cc@example.org"}, "name": {"Cy"}, "role": {"commissioner"}, "team": {"north"}})
	if st != http.StatusOK || !strings.Contains(body, "Added cc@example.org") {
		t.Fatalf("add a commissioner = %d\n%.500s", st, body)
	}
	users, err := fx.DB.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == "cc@example.org" && (u.Role != casework.RoleCommissioner || u.TeamID != "") {
			t.Errorf("added %+v, want a commissioner with no team", u)
		}
	}
}

type response struct {
	status                         int
	contentType, disposition, body string
}

func get(t *testing.T, fx *webtest.Site, c *http.Client, path string) response {
	t.Helper()
	resp, err := c.Get(fx.TS.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), string(b)}
}

// TestUnmetNeedFromTheIndex: five people in LS6 need a walking group
// (walk-1 meets in LS6) and a men's shed (none is listed); a sixth, in
// a district the postcode data does not know, is counted but not as
// unmet.
func TestUnmetNeedFromTheIndex(t *testing.T) {
	fx, _ := mustSite(t)
	if kinds := fx.Listing(t, "walk-1").KindIDs(); !slices.Contains(kinds, "walking-groups") {
		t.Fatalf("walk-1 has kinds %v, want walking-groups among them", kinds)
	}
	north := fx.As(t, "north@example.org")
	for i := range 6 {
		postcode := "LS6 1AA"
		if i == 5 {
			postcode = "ZZ99 9ZZ"
		}
		fx.MustPerson(t, north, fmt.Sprintf(`{"name": "Person %d", "date_of_birth": "1960-01-01", "postcode": %q, "needs": ["walking-groups", "mens-sheds"], "consent": {"hold": true}}`, i, postcode))
	}
	resp := get(t, fx, fx.As(t, "admin@example.org"), "/reports?format=csv&table=unmet-need")
	// LS6's 10 is withheld with the unplaced 2, which it would give away.
	want := "Postcode district,Needs named,Needs with no service in reach\nLS6,<5,5\nPostcode not known,<5,0\nAll areas,12,5\n"
	if resp.body != want {
		t.Errorf("unmet need CSV =\n%s\nwant\n%s", resp.body, want)
	}
}
