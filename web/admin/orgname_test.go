package admin_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

// mustAddOrganisations stores n organisations called "Group 001"… with
// ids grp-001…, and the named ones given as id: name.
func mustAddOrganisations(tb testing.TB, fx *webtest.Site, n int, named map[string]string) {
	tb.Helper()
	ctx := context.Background()
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		for i := 1; i <= n; i++ {
			named[fmt.Sprintf("grp-%03d", i)] = fmt.Sprintf("Group %03d", i)
		}
		for id, name := range named {
			if _, _, err := tx.PutOrganization(ctx, &directory.Organization{ID: id, Name: name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func TestOrganisationsSearchAndPages(t *testing.T) {
	fx := webtest.New(t)
	mustAddOrganisations(t, fx, 120, map[string]string{})
	admin := fx.As(t, "admin@example.org")

	st, body := fx.Call(t, admin, "GET", "/admin/organisations", "")
	if st != 200 {
		t.Fatalf("organisations = %d", st)
	}
	// The fixture's two organisations and 120 groups: 5 pages of 25.
	webtest.WantIn(t, "first page", body, "122 organisations", "Showing 1 to 25, page 1 of 5", "Group 001 <span", "Group 025 <span",
		`href="/admin/organisations?page=2"`, `<option value="Meanwood Walkers">`, `<option value="Group 120">`)
	// Rows are "name <span…>id</span>"; the datalist holds every name.
	wantOut(t, "first page", body, "Group 026 <span", "Holbeck Advice <span", "Previous")

	_, body = fx.Call(t, admin, "GET", "/admin/organisations?page=5", "")
	webtest.WantIn(t, "last page", body, "Showing 101 to 122, page 5 of 5", "Meanwood Walkers <span", `href="/admin/organisations?page=4"`)
	wantOut(t, "last page", body, "Group 100 <span", `rel="next"`)

	_, body = fx.Call(t, admin, "GET", "/admin/organisations?q=group+11&page=1", "")
	webtest.WantIn(t, "search", body, "11 organisations match “group 11”", "Group 011 <span", "Group 110 <span", "Group 119 <span")
	wantOut(t, "search", body, "Group 012 <span", "Meanwood Walkers <span", "page 1 of")

	_, body = fx.Call(t, admin, "GET", "/admin/organisations?q=group&page=2", "")
	webtest.WantIn(t, "second page of a search", body, "120 organisations match", "Group 026 <span", `href="/admin/organisations?page=3&amp;q=group"`, `href="/admin/organisations?q=group"`)

	_, body = fx.Call(t, admin, "GET", "/admin/organisations?page=99", "")
	webtest.WantIn(t, "past the end", body, "page 5 of 5")
	_, body = fx.Call(t, admin, "GET", "/admin/organisations?q=nothing+like+this", "")
	webtest.WantIn(t, "no match", body, "No organisation’s name holds “nothing like this”")

	if st, body := fx.Call(t, admin, "GET", "/admin/organisations?page=two", ""); st != http.StatusBadRequest || !strings.Contains(body, "page number") {
		t.Errorf("page=two = %d, want 400 saying so", st)
	}

	// Trusting a group from page 3 of a search comes back to that page.
	st, loc, _ := fx.Form(t, admin, "/admin/organisations/grp-060/trusted", url.Values{"trusted": {"true"}, "from": {"/admin/organisations?page=3&q=group"}})
	if st != http.StatusSeeOther || loc != "/admin/organisations?page=3&q=group" {
		t.Errorf("trust from page 3 = %d to %q", st, loc)
	}
	if _, loc, _ := fx.Form(t, admin, "/admin/organisations/grp-060/trusted", url.Values{"trusted": {"false"}, "from": {"https://elsewhere.example/"}}); loc != "/admin/organisations" {
		t.Errorf("trust with a foreign from went to %q", loc)
	}
}

func TestEditorsOrganisationPickedByName(t *testing.T) {
	fx := webtest.New(t)
	mustAddOrganisations(t, fx, 3, map[string]string{"shed-a": "Men in Sheds", "shed-b": "men in sheds", "age": "Age UK Leeds"})
	admin := fx.As(t, "admin@example.org")
	ctx := context.Background()

	_, body := fx.Call(t, admin, "GET", "/admin/users", "")
	webtest.WantIn(t, "users page", body, `list="organization-names"`, `<option value="Age UK Leeds">`,
		`<option value="Men in Sheds (shed-a)">`, `<option value="men in sheds (shed-b)">`, "Meanwood Walkers</td>")

	editor := func(email, org string) (int, string) {
		st, _, body := fx.Form(t, admin, "/admin/users", url.Values{"email": {email}, "role": {"editor"}, "organization": {org}})
		return st, html.UnescapeString(body)
	}
	for _, tt := range []struct{ typed, want string }{
		{"", "Choose the organisation they will look after"},
		{"Age UK", `No organisation is called "Age UK". Did you mean Age UK Leeds?`},
		{"Zzz", `No organisation is called "Zzz": choose a name from the list`},
		{"Group", `No organisation is called "Group". Did you mean Group 001, Group 002, Group 003?`},
		{"MEN IN SHEDS", `2 organisations are called "MEN IN SHEDS": choose one of Men in Sheds (shed-a), men in sheds (shed-b)`},
		{"Men in Sheds (age)", `No organisation is called "Men in Sheds (age)"`},
	} {
		st, body := editor("x@example.org", tt.typed)
		if st != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("editor of %q = %d, want 400 with %q", tt.typed, st, tt.want)
		}
		webtest.WantIn(t, "form kept", body, `aria-invalid="true"`, `value="`+strings.TrimSpace(tt.typed)+`"`)
	}

	for email, typed := range map[string]string{"a@example.org": " age uk leeds ", "b@example.org": "men in sheds (shed-b)", "c@example.org": "org-2"} {
		if st, body := editor(email, typed); st != 200 || !strings.Contains(body, "Their password is") {
			t.Errorf("editor of %q = %d", typed, st)
		}
	}
	want := map[string]string{"a@example.org": "age", "b@example.org": "shed-b", "c@example.org": "org-2"}
	users, err := fx.DB.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if w, ok := want[u.Email]; ok {
			if u.Role != casework.RoleEditor || u.OrganizationID != w {
				t.Errorf("%s is %s of %q, want editor of %q", u.Email, u.Role, u.OrganizationID, w)
			}
			delete(want, u.Email)
		}
	}
	if len(want) > 0 {
		t.Errorf("not made: %v", want)
	}

	// Inviting an editor reads the name the same way.
	st, _, body := fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"Men in Sheds"}, "email": {"pat@example.org"}})
	if st != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), `2 organisations are called "Men in Sheds"`) {
		t.Errorf("invite to a shared name = %d", st)
	}
	st, _, _ = fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"Age UK Leeds"}, "email": {"pat@example.org"}})
	if sent := fx.Outbox(t, "invite"); st != 200 || len(sent) != 1 || sent[0].About != "age" {
		t.Errorf("invite to Age UK Leeds = %d, outbox %+v", st, sent)
	}
}

// wantOut fails when body holds any of unwanted.
func wantOut(tb testing.TB, what, body string, unwanted ...string) {
	tb.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			tb.Errorf("%s holds %q", what, u)
		}
	}
}
