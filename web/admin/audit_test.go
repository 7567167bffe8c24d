package admin_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io/fs"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/web/admin"
)

// userID is the id of the fixture's user with email.
func userID(tb testing.TB, fx *webtest.Site, email string) int64 {
	tb.Helper()
	users, err := fx.DB.Users(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range users {
		if u.Email == email {
			return u.ID
		}
	}
	tb.Fatalf("no user %s", email)
	return 0
}

func TestAuditLogInWords(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	north := userID(t, fx, "north@example.org")
	// The fixture's clock is 23 November 2026: one entry last year.
	at := time.Date(2026, 11, 20, 14, 5, 0, 0, time.UTC)
	entries := []casework.AuditEntry{
		{At: time.Date(2025, 12, 8, 9, 30, 0, 0, time.UTC), UserID: north, Action: "person.update", PersonID: "p-old"},
		{At: at, UserID: 0, Action: "person.purge", PersonID: "p-gone", Detail: "retention"},
		{At: at.Add(time.Minute), UserID: 0, Action: "login.failed", Detail: "no account with this email"},
		{At: at.Add(2 * time.Minute), UserID: 999, Action: "something.new"},
	}
	for i := range 60 {
		entries = append(entries, casework.AuditEntry{At: at.Add(time.Duration(10+i) * time.Minute), UserID: north, Action: "person.read", PersonID: "p-" + strconv.Itoa(i%3)})
	}
	if err := fx.DB.AppendAudits(ctx, entries); err != nil {
		t.Fatal(err)
	}
	admin := fx.As(t, "admin@example.org")
	// Logging in is audited too: count what the page should.
	_, n, err := fx.DB.Audit(ctx, casework.AuditFilter{})
	if err != nil || n < 64 || n > 100 {
		t.Fatalf("%d entries in the log (%v), want from 64 to 100 for two pages", n, err)
	}

	st, body := fx.Call(t, admin, "GET", "/admin/audit", "")
	if st != 200 {
		t.Fatalf("audit = %d", st)
	}
	body = html.UnescapeString(body)
	webtest.WantIn(t, "audit page", body, strconv.Itoa(n)+" entries", "showing 1 to 50, page 1 of 2",
		"<td>North Worker (north@example.org)</td><td>Read a person’s record</td><td><code>p-2</code>",
		`<time datetime="2026-11-20T15:05:00Z" title="Friday 20 November 2026, 15:05:00 GMT">20 Nov 15:05</time>`, // the 60th read, local time
		`<option value="`+strconv.FormatInt(north, 10)+`">North Worker (north@example.org)</option>`,
		`<option value="person.read">Read a person’s record</option>`)
	wantOut(t, "first page", body, "p-old", ">person.read<")

	_, body = fx.Call(t, admin, "GET", "/admin/audit?page=2", "")
	body = html.UnescapeString(body)
	webtest.WantIn(t, "second page", body, "showing 51 to "+strconv.Itoa(n+1), // with the first page's reading
		"<td>Linkway itself</td><td>Deleted a person’s record after the retention time</td>",
		"<td>Someone not logged in</td><td>Failed to log in</td>",
		"<td>User 999</td><td>something.new</td>", // unknown: as it is
		`title="Monday 8 December 2025, 09:30:00 GMT">8 Dec 2025 09:30</time>`,
		"<td>North Worker (north@example.org)</td><td>Changed a person’s record</td>")

	// Filters: by user and action and dates, kept by the pages' links.
	_, body = fx.Call(t, admin, "GET", "/admin/audit?user="+strconv.FormatInt(north, 10)+"&action=person.read&from=2026-11-20&to=2026-11-20", "")
	body = html.UnescapeString(body)
	webtest.WantIn(t, "filtered", body, "60 entries", "page 1 of 2", `selected>Read a person’s record</option>`, `selected>North Worker`,
		"page=2&to=2026-11-20&user=", "/api/v1/audit?action=person.read&format=csv&from=2026-11-20")
	wantOut(t, "filtered", body, "Failed to log in</td>")
	_, body = fx.Call(t, admin, "GET", "/admin/audit?action=login.failed", "")
	webtest.WantIn(t, "logins", body, "1 entry")
	_, body = fx.Call(t, admin, "GET", "/admin/audit?action=person.read&from=2026-11-21", "")
	webtest.WantIn(t, "after the entries", body, "No entries match what you chose")

	for _, bad := range []string{"?user=north", "?from=31/02/2026", "?from=yesterday", "?from=2026-11-21&to=2026-11-20", "?page=0"} {
		if st, body := fx.Call(t, admin, "GET", "/admin/audit"+bad, ""); st != http.StatusBadRequest || !strings.Contains(body, "There is a problem") {
			t.Errorf("audit%s = %d, want 400 with the problem", bad, st)
		}
	}
	// The API filters the same way and keeps its codes and ids.
	st, out := fx.Call(t, admin, "GET", "/api/v1/audit?action=login.failed", "")
	if st != 200 || !strings.Contains(out, `"action":"login.failed"`) || !strings.Contains(out, `"total":1`) {
		t.Errorf("API by action = %d %s", st, out)
	}
}

// TestEveryAuditActionHasWords reads Linkway's source for the action codes
// it audits and checks each has words on the audit page.
func TestEveryAuditActionHasWords(t *testing.T) {
	// A code is a string literal handed to the audit calls, set as an
	// entry's Action, or chosen into a variable called action.
	code := regexp.MustCompile(`^"([a-z_]+(\.[a-z_]+)*)"$`)
	// The place of the action among the arguments of the audit calls:
	// site.Audit(r, action, …), w.audit(ctx, tx, who, action, …),
	// record(userID, action, …), refuse(userID, action, …).
	audits := map[string]int{"Audit": 1, "audit": 3, "record": 1, "refuse": 1}
	found := map[string]string{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		add := func(e ast.Expr) {
			if lit, ok := e.(*ast.BasicLit); ok && code.MatchString(lit.Value) {
				found[strings.Trim(lit.Value, `"`)] = path
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				case *ast.Ident:
					name = fn.Name
				}
				if i, ok := audits[name]; ok && i < len(n.Args) {
					add(n.Args[i])
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Action" {
					add(n.Value)
				}
			case *ast.AssignStmt:
				if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name == "action" {
					add(n.Rhs[0])
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"login", "logout", "login.failed", "person.read", "person.purge", "referral.notify", "inbox.read", "user.create"} {
		if found[c] == "" {
			t.Errorf("the search of the source missed %q", c)
		}
	}
	// quickPublish audits "listing."+done, for these dones.
	found["listing.status"], found["listing.capacity"] = "web/orgs/listings.go", "web/orgs/listings.go"
	if len(found) < 40 {
		t.Fatalf("found only %d action codes in the source: is the search still right? %v", len(found), found)
	}
	for c, path := range found {
		if admin.ActionInWords(c) == c {
			t.Errorf("%s audits %q, which has no words on the audit page", path, c)
		}
	}
}

func TestAuditLogCountsUpTo10000(t *testing.T) {
	fx := webtest.New(t)
	north := userID(t, fx, "north@example.org")
	for batch := range 11 {
		var entries []casework.AuditEntry
		for i := range 1000 {
			entries = append(entries, casework.AuditEntry{At: webtest.Start.Add(-time.Duration(batch*1000+i) * time.Second), UserID: north, Action: "person.read", PersonID: "p"})
		}
		if err := fx.DB.AppendAudits(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
	}
	admin := fx.As(t, "admin@example.org")
	_, body := fx.Call(t, admin, "GET", "/admin/audit", "")
	webtest.WantIn(t, "a long log", body, "More than 10,000 entries", "showing 1 to 50; choose dates or a user", "<li>Page 1</li>", `rel="next"`)
	_, body = fx.Call(t, admin, "GET", "/admin/audit?action=login", "")
	webtest.WantIn(t, "logins", body, "entry")
	wantOut(t, "logins", body, "More than")
}
