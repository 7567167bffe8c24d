package orgs_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// The fixture's organisation org-1 runs walk-1, and "editor@example.org"
// edits for it; org-2 runs "money/advice 2".
const orgEmail = "hello@meanwood.example"

// mustInboxServer is a site with org-1 given a directory email and org-2
// an editor of its own.
func mustInboxServer(t *testing.T) *webtest.Site {
	t.Helper()
	fx := webtest.New(t)
	ctx := context.Background()
	// Listing another service of org-1's with an email sets the
	// organisation's email, as an import would.
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(ctx, &directory.Service{ID: "choir-1", Name: "Meanwood Choir", Status: directory.StatusActive,
			Organization: &directory.Organization{ID: "org-1", Name: "Meanwood Walkers", Description: "A volunteer walking group.", Email: orgEmail}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.AddUser(t, casework.User{Email: "editor2@example.org", Name: "Holbeck Editor", Role: casework.RoleEditor, OrganizationID: "org-2"})
	return fx
}

// historyOf is the referral's statuses and notes as the link worker's
// API shows them.
func historyOf(t *testing.T, fx *webtest.Site, c *http.Client, personID, refID string) (status string, history []string, notes []string) {
	t.Helper()
	st, out := fx.Call(t, c, "GET", "/api/v1/people/"+personID, "")
	if st != 200 {
		t.Fatalf("read person: %d %s", st, out)
	}
	p := webtest.Decode[struct {
		Referrals []struct {
			ID, Status string
			History    []struct {
				To, Note string
				By       int64
			}
		}
	}](t, out)
	for _, r := range p.Referrals {
		if r.ID == refID {
			for _, e := range r.History {
				history, notes = append(history, e.To), append(notes, e.Note)
			}
			return r.Status, history, notes
		}
	}
	t.Fatalf("referral %s not in the person's record", refID)
	return
}

const sharedAda = `{"name": "Ada Lovelace", "date_of_birth": "1950-03-04", "postcode": "LS6 1AA", "nhs_number": "943 476 5919",
	"phone": "0113 496 0123", "email": "ada@example.net", "address": "1 Engine Street", "preferred_contact": "phone",
	"language": "Punjabi", "interpreter": true, "access_needs": ["wheelchair"],
	"priorities": "lonely since my husband died", "notes": "private note about her son", "consent": {"hold": true, "share": true}}`

const privateBob = `{"name": "Bob Private", "date_of_birth": "1961-07-08", "nhs_number": "4010232137", "phone": "0113 496 0999",
	"priorities": "wants to get out more", "consent": {"hold": true, "share": false}}`

// neverShown is what an organisation must never see of Ada.
var neverShown = []string{"1950", "4 March", "943 476 5919", "9434765919", "LS6 1AA", "Engine Street", "private note", "Oak Surgery"}

func TestInboxShowsOnlyTheOrganisationsReferrals(t *testing.T) {
	fx := mustInboxServer(t)
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, sharedAda)
	mine := fx.MustRefer(t, north, ada, "walk-1", "referral")
	theirs := fx.MustRefer(t, north, ada, "money/advice 2", "referral")
	signpost := fx.MustRefer(t, north, ada, "walk-1", "signpost")

	editor := fx.As(t, "editor@example.org")
	st, page := fx.Call(t, editor, "GET", "/org/inbox", "")
	if st != 200 || !strings.Contains(page, "/org/referrals/"+mine) || strings.Contains(page, theirs) || strings.Contains(page, signpost) {
		t.Errorf("inbox page: %d, want only the referral to org-1's service\n%s", st, page)
	}
	if !strings.Contains(page, `<a href="/org/inbox">Referral inbox</a>`) {
		t.Error("editors have no Referral inbox link in their menu")
	}
	st, out := fx.Call(t, editor, "GET", "/api/v1/inbox", "")
	inbox := webtest.Decode[struct {
		Referrals []struct {
			ID               string                       `json:"id"`
			ServiceID        string                       `json:"service_id"`
			Status           string                       `json:"status"`
			AwaitingResponse bool                         `json:"awaiting_response"`
			Person           map[string]any               `json:"person"`
			Note             string                       `json:"note"`
			LinkWorker       struct{ Name, Email string } `json:"link_worker"`
		}
	}](t, out)
	if st != 200 || len(inbox.Referrals) != 1 {
		t.Fatalf("inbox API: %d %s, want one referral", st, out)
	}
	got := inbox.Referrals[0]
	if got.ID != mine || got.ServiceID != "walk-1" || got.Status != "referred" || !got.AwaitingResponse ||
		got.Person["name"] != "Ada Lovelace" || got.Person["phone"] != "0113 496 0123" || got.LinkWorker.Email != "north@example.org" {
		t.Errorf("inbox item %+v", got)
	}
	for _, field := range []string{"date_of_birth", "nhs_number", "address", "postcode", "notes", "email"} {
		if _, ok := got.Person[field]; ok {
			t.Errorf("inbox API shares %s", field)
		}
	}

	st, page = fx.Call(t, editor, "GET", "/org/referrals/"+mine, "")
	if st != 200 {
		t.Fatalf("own referral: %d", st)
	}
	for _, want := range []string{"Ada Lovelace", "Phone call", "0113 496 0123", "Punjabi, needs an interpreter", "lonely since my husband died", "North Worker", "Accept", "Decline the referral"} {
		if !strings.Contains(page, want) {
			t.Errorf("referral page lacks %q", want)
		}
	}
	for _, secret := range append(neverShown, "ada@example.net") {
		if strings.Contains(page, secret) || strings.Contains(out, secret) {
			t.Errorf("an organisation sees %q", secret)
		}
	}
	// The link worker's note goes with the referral to the organisation's
	// editors, beside the details Ada agreed to share.
	if !strings.Contains(page, "Note from the link worker") || !strings.Contains(page, webtest.ReferralNote) || got.Note != webtest.ReferralNote {
		t.Errorf("the editors do not see the referral's note: API note %q", got.Note)
	}

	// Another organisation's referral, a signpost, or an id that does not
	// exist: all "not found", on pages and the API alike.
	for _, who := range []string{"editor@example.org", "editor2@example.org"} {
		c := fx.As(t, who)
		for _, id := range []string{theirs, signpost, "no-such-id"} {
			if who == "editor2@example.org" && id == theirs {
				continue // that one is theirs
			}
			for _, tt := range []struct{ method, path, body string }{
				{"GET", "/org/referrals/" + id, ""},
				{"POST", "/api/v1/referrals/" + id + "/status", `{"status": "accepted"}`},
			} {
				if st, out := fx.Call(t, c, tt.method, tt.path, tt.body); st != http.StatusNotFound || strings.Contains(out, "Ada") {
					t.Errorf("%s: %s %s = %d, want 404 without the name", who, tt.method, tt.path, st)
				}
			}
			if st, _, _ := fx.Form(t, c, "/org/referrals/"+id, url.Values{"status": {"accepted"}}); st != http.StatusNotFound {
				t.Errorf("%s: answering %s by form = %d, want 404", who, id, st)
			}
		}
	}
	if _, out := fx.Call(t, fx.As(t, "editor2@example.org"), "GET", "/api/v1/inbox", ""); strings.Contains(out, mine) || !strings.Contains(out, theirs) {
		t.Errorf("org-2's inbox: %s", out)
	}
	// Nothing moved.
	if st, _, _ := historyOf(t, fx, north, ada, mine); st != "referred" {
		t.Errorf("status %s after refused answers", st)
	}

	// The inbox is for editors: link workers, admins and strangers are
	// not let in.
	for _, who := range []string{"north@example.org", "admin@example.org"} {
		c := fx.As(t, who)
		for _, path := range []string{"/org/inbox", "/org/referrals/" + mine, "/api/v1/inbox"} {
			if st, _ := fx.Call(t, c, "GET", path, ""); st != http.StatusNotFound {
				t.Errorf("%s: GET %s = %d, want 404", who, path, st)
			}
		}
	}
	anon := fx.As(t, "")
	if st, _ := fx.Call(t, anon, "GET", "/api/v1/inbox", ""); st != http.StatusUnauthorized {
		t.Errorf("inbox API logged out: %d, want 401", st)
	}
	if st, _ := fx.Call(t, anon, "GET", "/org/inbox", ""); st != http.StatusSeeOther {
		t.Errorf("inbox logged out: %d, want a redirect to log in", st)
	}

	// Every read of a person's details by the organisation is audited.
	entries, _, err := fx.DB.Audit(context.Background(), casework.AuditFilter{PersonID: ada})
	if err != nil {
		t.Fatal(err)
	}
	var reads []string
	for _, e := range entries {
		if e.Action == "inbox.read" {
			reads = append(reads, e.Detail)
		}
	}
	if !slices.Contains(reads, "api "+mine) || !slices.Contains(reads, "page "+mine) {
		t.Errorf("audited organisation reads: %v", reads)
	}
}

func TestInboxWithoutConsentToShare(t *testing.T) {
	fx := mustInboxServer(t)
	north := fx.As(t, "north@example.org")
	bob := fx.MustPerson(t, north, privateBob)
	ref := fx.MustRefer(t, north, bob, "walk-1", "referral")
	editor := fx.As(t, "editor@example.org")
	st, page := fx.Call(t, editor, "GET", "/org/referrals/"+ref, "")
	if st != 200 || !strings.Contains(page, "did not agree to share their details") || !strings.Contains(page, "north@example.org") {
		t.Errorf("page without consent: %d\n%s", st, page)
	}
	_, out := fx.Call(t, editor, "GET", "/api/v1/inbox", "")
	if !strings.Contains(out, `"person":null`) || !strings.Contains(out, `"email":"north@example.org"`) {
		t.Errorf("API without consent: %s", out)
	}
	// The note is about Bob too, so it stays with the link worker.
	for _, secret := range []string{"Bob", "0113 496 0999", "get out more", "1961", "4010232137", webtest.ReferralNote} {
		if strings.Contains(page, secret) || strings.Contains(out, secret) {
			t.Errorf("details of a person who did not agree to share: %q", secret)
		}
	}
	msgs := mustOutbox(t, fx, "referral", ref)
	if len(msgs) != 2 {
		t.Errorf("%d notifications, want 2", len(msgs))
	}
	for _, m := range msgs {
		if strings.Contains(m.Body, "Bob") || strings.Contains(m.Body, "0113 496 0999") || !strings.Contains(m.Body, "did not agree to share") {
			t.Errorf("notification without consent:\n%s", m.Body)
		}
	}
}

func TestInboxAnswersReachTheLinkWorker(t *testing.T) {
	fx := mustInboxServer(t)
	north := fx.As(t, "north@example.org")
	editor := fx.As(t, "editor@example.org")
	ada := fx.MustPerson(t, north, sharedAda)
	answer := func(ref string, v url.Values) (int, string, string) {
		t.Helper()
		return fx.Form(t, editor, "/org/referrals/"+ref, v)
	}

	// Waiting list, then a place: accepted, attended, completed.
	one := fx.MustRefer(t, north, ada, "walk-1", "referral")
	for _, step := range []struct{ seen, status string }{
		{"referred", "waiting_list"}, {"waiting_list", "accepted"}, {"accepted", "attended"}, {"attended", "completed"},
	} {
		st, loc, body := answer(one, url.Values{"seen": {step.seen}, "status": {step.status}})
		if st != http.StatusSeeOther || !strings.Contains(loc, "done="+step.status) {
			t.Fatalf("%s: %d %s\n%s", step.status, st, loc, body)
		}
		if got, _, _ := historyOf(t, fx, north, ada, one); got != step.status {
			t.Errorf("link worker sees %s, want %s", got, step.status)
		}
	}
	if _, page := fx.Call(t, editor, "GET", "/org/referrals/"+one+"?done=completed", ""); !strings.Contains(page, "Saved: the referral is now completed") || strings.Contains(page, "<button type=\"submit\">") {
		t.Errorf("completed referral page offers more answers or no confirmation")
	}

	// A decline needs a reason; the form keeps what was typed.
	two := fx.MustRefer(t, north, ada, "walk-1", "referral")
	st, _, page := answer(two, url.Values{"seen": {"referred"}, "status": {"declined"}, "note": {"no places until spring"}})
	if st != http.StatusBadRequest || !strings.Contains(page, "<title>Error: ") || !strings.Contains(page, `aria-describedby="reason-error"`) || !strings.Contains(page, "no places until spring") {
		t.Errorf("decline without a reason: %d\n%s", st, page)
	}
	st, _, page = answer(two, url.Values{"seen": {"referred"}, "status": {"declined"}, "reason": {"other"}})
	if st != http.StatusBadRequest || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("decline for another reason without saying it: %d", st)
	}
	if got, _, _ := historyOf(t, fx, north, ada, two); got != "referred" {
		t.Errorf("refused decline changed the referral to %s", got)
	}
	if st, _, body := answer(two, url.Values{"seen": {"referred"}, "status": {"declined"}, "reason": {"full"}, "note": {"no places until spring"}}); st != http.StatusSeeOther {
		t.Fatalf("decline: %d\n%s", st, body)
	}
	got, history, notes := historyOf(t, fx, north, ada, two)
	if got != "declined" || notes[len(notes)-1] != "Full: no places until spring" {
		t.Errorf("declined referral: %s %v %v", got, history, notes)
	}

	// Did not attend, over the API the link workers use.
	three := fx.MustRefer(t, north, ada, "walk-1", "referral")
	for _, step := range []struct {
		body string
		want int
	}{
		{`{"status": "withdrawn"}`, http.StatusBadRequest},       // the link worker's to record
		{`{"status": "person_declined"}`, http.StatusBadRequest}, // likewise
		{`{"status": "completed"}`, http.StatusConflict},         // not yet accepted
		{`{"status": "declined"}`, http.StatusBadRequest},        // no reason
		{`{"status": "accepted", "extra": 1}`, http.StatusBadRequest},
		{`{"status": "accepted"}`, http.StatusOK},
		{`{"status": "did_not_attend", "note": "no show on Tuesday"}`, http.StatusOK},
	} {
		if st, out := fx.Call(t, editor, "POST", "/api/v1/referrals/"+three+"/status", step.body); st != step.want {
			t.Errorf("%s: %d %s, want %d", step.body, st, out, step.want)
		}
	}
	if got, history, _ := historyOf(t, fx, north, ada, three); got != "did_not_attend" || strings.Join(history, " ") != "referred accepted did_not_attend" {
		t.Errorf("link worker sees %s %v", got, history)
	}
	// The link worker may still record what only they can.
	if st, out := fx.Call(t, north, "POST", "/api/v1/referrals/"+three+"/status", `{"status": "withdrawn"}`); st != http.StatusOK {
		t.Errorf("link worker withdrawing: %d %s", st, out)
	}

	// An answer given on a page that is out of date is refused with a
	// message, even when the move itself would be legal.
	four := fx.MustRefer(t, north, ada, "walk-1", "referral")
	if st, _, _ := answer(four, url.Values{"seen": {"referred"}, "status": {"waiting_list"}}); st != http.StatusSeeOther {
		t.Fatalf("waiting list: %d", st)
	}
	st, _, page = answer(four, url.Values{"seen": {"referred"}, "status": {"accepted"}})
	if st != http.StatusConflict || !strings.Contains(page, "someone else answered this referral") {
		t.Errorf("stale answer: %d", st)
	}
	if got, _, _ := historyOf(t, fx, north, ada, four); got != "waiting_list" {
		t.Errorf("stale answer applied: %s", got)
	}

	// Each answer is audited against the person, by the editor.
	entries, _, _ := fx.DB.Audit(context.Background(), casework.AuditFilter{PersonID: ada})
	n := 0
	for _, e := range entries {
		if e.Action == "referral.status" && strings.HasSuffix(e.Detail, "by the organisation") {
			n++
		}
	}
	if n != 4+1+2+1 {
		t.Errorf("%d organisation answers audited, want 8", n)
	}
}

// mustOutbox lists the outbox messages of kind about a referral.
func mustOutbox(t *testing.T, fx *webtest.Site, kind, about string) []notify.Entry {
	t.Helper()
	list, err := fx.DB.Outbox(context.Background(), sqlite.OutboxFilter{Kind: kind, About: about})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

var answerLink = regexp.MustCompile(`https?://\S+/answer/\S+`)

// linksIn returns each message's answer link, by recipient.
func linksIn(t *testing.T, fx *webtest.Site, list []notify.Entry) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range list {
		link := answerLink.FindString(m.Body)
		if !strings.HasPrefix(link, fx.TS.URL+"/answer/") {
			t.Errorf("message to %s has no absolute answer link:\n%s", m.To, m.Body)
		}
		out[m.To] = strings.TrimPrefix(link, fx.TS.URL)
	}
	return out
}

func TestReferralNotificationAndAnswerLinks(t *testing.T) {
	fx := mustInboxServer(t)
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, sharedAda)
	ref := fx.MustRefer(t, north, ada, "walk-1", "referral")
	fx.MustRefer(t, north, ada, "walk-1", "signpost")

	// The organisation's email and its editor are told, with only what
	// Ada agreed to share; signposts tell nobody.
	msgs := mustOutbox(t, fx, "referral", "")
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
		if m.About != ref {
			t.Errorf("message about %s, want only the referral %s", m.About, ref)
		}
		for _, want := range []string{"Meanwood Valley Health Walk", "Ada Lovelace", "0113 496 0123", "North Worker", "north@example.org"} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("message to %s lacks %q", m.To, want)
			}
		}
		for _, secret := range neverShown {
			if strings.Contains(m.Body, secret) || strings.Contains(m.Subject, secret) {
				t.Errorf("message to %s holds %q", m.To, secret)
			}
		}
		if strings.Contains(m.Subject, "Ada") {
			t.Errorf("subject names the person: %s", m.Subject)
		}
	}
	slices.Sort(to)
	if strings.Join(to, " ") != "editor@example.org "+orgEmail {
		t.Fatalf("told %v, want the organisation's email and its editor", to)
	}
	links := linksIn(t, fx, msgs)
	anon := fx.As(t, "")

	// Looking does not use the link up.
	for range 2 {
		st, page := fx.Call(t, anon, "GET", links[orgEmail], "")
		if st != 200 || !strings.Contains(page, "Ada Lovelace") || !strings.Contains(page, "Accept") || !strings.Contains(page, "Decline the referral") {
			t.Fatalf("answer page: %d\n%s", st, page)
		}
		// The link may reach the organisation's shared address, not only
		// its editors: the note stays behind the inbox's login.
		if strings.Contains(page, webtest.ReferralNote) {
			t.Error("the single-use link's page shows the link worker's note")
		}
	}
	// A decline without a reason is refused, and leaves the link working.
	if st, _, _ := fx.Form(t, anon, links[orgEmail], url.Values{"seen": {"referred"}, "status": {"declined"}}); st != http.StatusBadRequest {
		t.Errorf("decline without a reason by link: %d, want 400", st)
	}
	// Only accept or decline: anything else needs a login.
	if st, _, _ := fx.Form(t, anon, links[orgEmail], url.Values{"seen": {"referred"}, "status": {"waiting_list"}}); st != http.StatusBadRequest {
		t.Errorf("waiting list by link: %d, want 400", st)
	}
	st, _, page := fx.Form(t, anon, links[orgEmail], url.Values{"seen": {"referred"}, "status": {"accepted"}})
	if st != 200 || !strings.Contains(page, "Thank you") {
		t.Fatalf("accept by link: %d\n%s", st, page)
	}
	got, history, _ := historyOf(t, fx, north, ada, ref)
	if got != "accepted" || strings.Join(history, " ") != "referred accepted" {
		t.Errorf("link worker sees %s %v after the link", got, history)
	}
	// Used: refused, whether looked at or posted again.
	if st, page := fx.Call(t, anon, "GET", links[orgEmail], ""); st != http.StatusConflict || !strings.Contains(page, "already been used") {
		t.Errorf("used link: %d, want 409 saying so", st)
	}
	if st, _, _ := fx.Form(t, anon, links[orgEmail], url.Values{"status": {"declined"}, "reason": {"full"}}); st != http.StatusConflict {
		t.Errorf("used link posted again: %d, want 409", st)
	}
	if got, _, _ := historyOf(t, fx, north, ada, ref); got != "accepted" {
		t.Errorf("a used link changed the referral to %s", got)
	}
	// The editor's own link still opens, but the referral is answered.
	if st, page := fx.Call(t, anon, "GET", links["editor@example.org"], ""); st != 200 || !strings.Contains(page, "already been answered") || strings.Contains(page, "Decline the referral") {
		t.Errorf("second recipient's link after the answer: %d", st)
	}
	if st, _ := fx.Call(t, anon, "GET", "/answer/not-a-real-token", ""); st != http.StatusNotFound {
		t.Errorf("made-up link: %d, want 404", st)
	}

	// Links expire after 14 days.
	ref2 := fx.MustRefer(t, north, ada, "walk-1", "referral")
	link := linksIn(t, fx, mustOutbox(t, fx, "referral", ref2))[orgEmail]
	fx.Now = fx.Now.Add(15 * 24 * time.Hour)
	if st, page := fx.Call(t, anon, "GET", link, ""); st != http.StatusConflict || !strings.Contains(page, "expired") {
		t.Errorf("expired link: %d, want 409 saying so", st)
	}
	if st, _, _ := fx.Form(t, anon, link, url.Values{"status": {"accepted"}}); st != http.StatusConflict {
		t.Errorf("expired link posted: %d, want 409", st)
	}
	// Two weeks on, the link worker's session has long ended.
	if got, _, _ := historyOf(t, fx, fx.As(t, "north@example.org"), ada, ref2); got != "referred" {
		t.Errorf("an expired link changed the referral to %s", got)
	}
}

func TestReferralRemindersAfterTenWorkingDays(t *testing.T) {
	fx := mustInboxServer(t)
	ctx := context.Background()
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, sharedAda)
	start := fx.Now // Monday 23 November 2026
	waiting := fx.MustRefer(t, north, ada, "walk-1", "referral")
	answered := fx.MustRefer(t, north, ada, "walk-1", "referral")
	if st, out := fx.Call(t, fx.As(t, "editor@example.org"), "POST", "/api/v1/referrals/"+answered+"/status", `{"status": "waiting_list"}`); st != 200 {
		t.Fatalf("waiting list: %d %s", st, out)
	}
	sweep := func(at time.Time) []notify.Entry {
		t.Helper()
		fx.Now = at
		if err := fx.Work.SendReferralReminders(ctx); err != nil {
			t.Fatal(err)
		}
		return mustOutbox(t, fx, "referral-reminder", "")
	}
	// Ten working days later (Monday 7 December) is not yet more than ten.
	if got := sweep(start.AddDate(0, 0, 14)); len(got) != 0 {
		t.Errorf("%d reminders after exactly 10 working days", len(got))
	}
	got := sweep(start.AddDate(0, 0, 15))
	if len(got) != 2 {
		t.Fatalf("%d reminders after 11 working days, want one each to the organisation and its editor", len(got))
	}
	for _, m := range got {
		if m.About != waiting || !strings.Contains(m.Subject, "Reminder") || !strings.Contains(m.Body, "still waiting for your answer") {
			t.Errorf("reminder %+v", m)
		}
	}
	// The reminder's fresh link works.
	link := linksIn(t, fx, got)[orgEmail]
	if st, _ := fx.Call(t, fx.As(t, ""), "GET", link, ""); st != 200 {
		t.Errorf("reminder link: %d", st)
	}
	// Once per referral, however often the sweep runs.
	if again := sweep(start.AddDate(0, 0, 16)); len(again) != 2 {
		t.Errorf("%d reminders after sweeping again, want still 2", len(again))
	}
	// The link worker's dashboard flags the same referral (a fresh login:
	// the clock has moved on two weeks).
	if _, page := fx.Call(t, fx.As(t, "north@example.org"), "GET", "/casework", ""); !strings.Contains(page, "Meanwood Valley Health Walk") {
		t.Error("dashboard does not flag the unanswered referral")
	}
}

// refusingNotifier keeps messages as the SMTP notifier does: it records
// mail to refused as failed, and returns the failure.
type refusingNotifier struct {
	db      *sqlite.DB
	refused string
}

func (n refusingNotifier) Notify(ctx context.Context, m notify.Message) error {
	if m.To == n.refused {
		_, err := n.db.AddToOutbox(ctx, m, time.Time{}, "550 no such user here")
		if err == nil {
			err = errors.New("mail server: 550 no such user here")
		}
		return err
	}
	_, err := n.db.AddToOutbox(ctx, m, time.Now(), "")
	return err
}

func TestRefusedAddressDoesNotStopTheOthers(t *testing.T) {
	fx := mustInboxServer(t)
	ctx := context.Background()
	fx.Notifier = refusingNotifier{db: fx.DB, refused: orgEmail}
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, sharedAda)
	ref := fx.MustRefer(t, north, ada, "walk-1", "referral") // the referral stands though one address failed
	told := func(kind string) (ok, failed int) {
		for _, m := range mustOutbox(t, fx, kind, ref) {
			if m.Error != "" {
				failed++
			} else if m.To == "editor@example.org" {
				ok++
			}
		}
		return
	}
	if ok, failed := told("referral"); ok != 1 || failed != 1 {
		t.Errorf("referral notification: %d to the editor, %d refused; want 1 and 1", ok, failed)
	}
	for _, days := range []int{15, 16} {
		fx.Now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC).AddDate(0, 0, days)
		if err := fx.Work.SendReferralReminders(ctx); err != nil && days == 16 {
			t.Errorf("second sweep: %v, want nothing tried again", err)
		}
	}
	// The editor's reminder went, so the refused address is not tried
	// again every hour.
	if ok, failed := told("referral-reminder"); ok != 1 || failed != 1 {
		t.Errorf("reminders: %d to the editor, %d refused; want 1 and 1", ok, failed)
	}
}
