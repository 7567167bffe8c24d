package casework_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// The workflows are tested over the real SQLite store. To show that a
// change is kept only with its audit entry, auditFails wraps the real
// store so that every transaction's AppendAudit fails, and the test
// then reads the real database.

var errAuditRefused = errors.New("audit refused")

type auditFails struct{ *sqlite.DB }

func (s auditFails) Atomically(ctx context.Context, fn func(tx casework.Tx) error) error {
	return s.DB.Atomically(ctx, func(tx casework.Tx) error { return fn(refusingTx{tx}) })
}

type refusingTx struct{ casework.Tx }

func (refusingTx) AppendAudit(context.Context, casework.AuditEntry) error { return errAuditRefused }

// fixture is a store with a team, a link worker, an organisation with an
// email and an editor, and one service of each kind a referral rule
// cares about.
type fixture struct {
	db     *sqlite.DB
	work   *casework.Workflow
	now    time.Time
	worker casework.Who
	codes  map[string]casework.Code
}

const orgEmail = "hello@walkers.example"

func mustFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fx := &fixture{db: db, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return fx.now }
	if err := db.PutTeam(ctx, casework.Team{ID: "north", Name: "North"}); err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateUser(ctx, casework.User{Email: "north@example.org", Name: "North Worker", Role: casework.RoleLinkWorker, TeamID: "north"}, "hash")
	if err != nil {
		t.Fatal(err)
	}
	fx.worker = casework.Who{UserID: id, Remote: "192.0.2.1"}
	org := &directory.Organization{ID: "org-1", Name: "Walkers", Email: orgEmail}
	services := []*directory.Service{
		{ID: "walk", Name: "Walking group", Status: directory.StatusActive, Organization: org},
		{ID: "choir", Name: "Choir", Status: directory.StatusActive, Accepting: directory.CapacityWaitingList, TypicalWaitDays: 21, Organization: org},
		{ID: "full", Name: "Lunch club", Status: directory.StatusActive, Accepting: directory.CapacityFull, Organization: org},
		{ID: "closed", Name: "Swim", Status: directory.StatusTemporarilyClosed, Alert: "Closed until 5 January 2027.", Organization: org},
		{ID: "gone", Name: "Old café", Status: directory.StatusDefunct, Organization: org},
		{ID: "paused", Name: "Knitting", Status: directory.StatusInactive, Organization: org},
	}
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, s := range services {
			if _, _, err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, casework.User{Email: "editor@walkers.example", Role: casework.RoleEditor, OrganizationID: "org-1"}, "hash"); err != nil {
		t.Fatal(err)
	}
	f, err := data.FS.Open("snomed.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fx.codes, err = casework.LoadCodes(f); err != nil {
		t.Fatal(err)
	}
	fx.work = fx.workflow(db)
	return fx
}

// workflow returns the workflows over st with the fixture's clock and
// the outbox as notifier.
func (fx *fixture) workflow(st casework.Store) *casework.Workflow {
	w := casework.NewWorkflow(st, fx.codes)
	w.Now = func() time.Time { return fx.now }
	w.Notifier = notify.Outbox{Store: fx.db}
	w.BaseURL = "https://linkway.example"
	return w
}

func (fx *fixture) mustPerson(t *testing.T, name string, share bool) *casework.Person {
	t.Helper()
	p := &casework.Person{TeamID: "north", LinkWorker: fx.worker.UserID, Name: name, DateOfBirth: time.Date(1950, 3, 4, 0, 0, 0, 0, time.UTC),
		NHSNumber: "9434765919", Phone: "0113 496 0123", Address: "1 Engine Street", Status: casework.StatusNew,
		Consent: casework.Consent{Hold: true, Share: share}, WhatMatters: casework.WhatMatters{Priorities: "lonely", Notes: "private note"}}
	if err := fx.work.CreatePerson(context.Background(), fx.worker, p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (fx *fixture) outbox(t *testing.T) []notify.Entry {
	t.Helper()
	list, err := fx.db.Outbox(context.Background(), notify.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func (fx *fixture) audited(t *testing.T, personID string) []string {
	t.Helper()
	entries, _, err := fx.db.Audit(context.Background(), casework.AuditFilter{PersonID: personID})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

// TestNoChangeWithoutItsAudit runs each workflow that changes a person's
// record while the audit write fails, and checks in the real database
// that nothing of the change was kept and no message went out.
func TestNoChangeWithoutItsAudit(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	broken := fx.workflow(auditFails{fx.db})
	ada := fx.mustPerson(t, "Ada", true)
	old := fx.mustPerson(t, "Old", false)
	old.Status, old.DischargeReason, old.DischargedAt = casework.StatusDischarged, "moved away", fx.now.AddDate(-9, 0, 0)
	if err := fx.work.UpdatePerson(ctx, fx.worker, old); err != nil {
		t.Fatal(err)
	}
	made, err := fx.work.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeReferral})
	if err != nil {
		t.Fatal(err)
	}
	ref := made.Referral
	sent := len(fx.outbox(t))

	tests := []struct {
		name   string
		change func() error
		kept   func() bool
	}{
		{"create a person", func() error {
			return broken.CreatePerson(ctx, fx.worker, &casework.Person{TeamID: "north", Name: "Newcomer", DateOfBirth: ada.DateOfBirth,
				Status: casework.StatusNew, Consent: casework.Consent{Hold: true}})
		}, func() bool {
			list, _ := fx.db.People(ctx, casework.PeopleFilter{TeamID: "north"})
			return slices.ContainsFunc(list, func(p casework.PersonSummary) bool { return p.Name == "Newcomer" })
		}},
		{"change a person", func() error {
			changed := *ada
			changed.Name = "Ada Changed"
			return broken.UpdatePerson(ctx, fx.worker, &changed)
		}, func() bool {
			p, _ := fx.db.Person(ctx, ada.ID)
			return p.Name != "Ada"
		}},
		{"record a contact", func() error {
			copy := *ada
			_, err := broken.RecordContact(ctx, fx.worker, &copy, &casework.Contact{Date: fx.now, Kind: casework.ContactPhone})
			return err
		}, func() bool {
			cs, _ := fx.db.Contacts(ctx, ada.ID)
			coded, _ := fx.db.PersonCodedEvents(ctx, ada.ID)
			p, _ := fx.db.Person(ctx, ada.ID)
			return len(cs) > 0 || len(coded) > 0 || p.Status != casework.StatusNew
		}},
		{"add wellbeing scores", func() error {
			return broken.AddOutcome(ctx, fx.worker, &casework.ONS4{PersonID: ada.ID, Date: fx.now, Stage: casework.StageStart, Life: 5})
		}, func() bool {
			os, _ := fx.db.Outcomes(ctx, ada.ID)
			return len(os) > 0
		}},
		{"refer and tell the organisation", func() error {
			_, err := broken.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: "choir", Mode: casework.ModeReferral})
			return err
		}, func() bool {
			list, _ := fx.db.Referrals(ctx, casework.ReferralFilter{PersonID: ada.ID})
			return len(list) > 1 || len(fx.outbox(t)) > sent
		}},
		{"move a referral", func() error {
			copy := *ref
			return broken.MoveReferral(ctx, fx.worker, &copy, casework.ActorLinkWorker, "accepted", "")
		}, func() bool {
			r, _ := fx.db.Referral(ctx, ref.ID)
			return r.Status != casework.RefReferred
		}},
		{"answer from the organisation's inbox", func() error {
			copy := *ref
			return broken.MoveReferral(ctx, casework.Who{UserID: 99}, &copy, casework.ActorOrganisation, "accepted", "")
		}, func() bool {
			r, _ := fx.db.Referral(ctx, ref.ID)
			return r.Status != casework.RefReferred
		}},
		{"answer with a link", func() error {
			token, err := fx.db.CreateToken(ctx, casework.AnswerPurpose, ref.ID, fx.now.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			copy := *ref
			err = broken.AnswerWithLink(ctx, casework.Who{}, token, &copy, "accepted", "")
			if _, perr := fx.db.PeekToken(ctx, casework.AnswerPurpose, token); perr != nil {
				t.Errorf("the link was spent by an answer that was not kept: %v", perr)
			}
			return err
		}, func() bool {
			r, _ := fx.db.Referral(ctx, ref.ID)
			return r.Status != casework.RefReferred
		}},
		{"purge", func() error {
			_, err := broken.PurgeDischarged(ctx, 8*365)
			return err
		}, func() bool {
			_, err := fx.db.Person(ctx, old.ID)
			return err != nil
		}},
		{"remind the organisation", func() error {
			fx.now = fx.now.AddDate(0, 0, 20)
			defer func() { fx.now = fx.now.AddDate(0, 0, -20) }()
			return broken.SendReferralReminders(ctx)
		}, func() bool { return len(fx.outbox(t)) > sent }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.change(); !errors.Is(err, errAuditRefused) {
				t.Fatalf("with the audit refused: %v, want its error", err)
			}
			if tt.kept() {
				t.Error("the change was kept without its audit entry")
			}
		})
	}
}

func TestWorkflowAudits(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	ada := fx.mustPerson(t, "Ada", true)
	events, err := fx.work.RecordContact(ctx, fx.worker, ada, &casework.Contact{Date: fx.now, Kind: casework.ContactMeeting, Minutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Code != casework.CodeReferral || ada.Status != casework.StatusActive {
		t.Errorf("first contact: events %+v, status %s", events, ada.Status)
	}
	if err := fx.work.AddOutcome(ctx, fx.worker, &casework.ONS4{PersonID: ada.ID, Date: fx.now, Stage: casework.StageStart}); err != nil {
		t.Fatal(err)
	}
	made, err := fx.work.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeReferral, Note: "mornings"})
	if err != nil || made.NotifyErr != nil {
		t.Fatal(err, made.NotifyErr)
	}
	if err := fx.work.MoveReferral(ctx, fx.worker, made.Referral, casework.ActorLinkWorker, "accepted", ""); err != nil {
		t.Fatal(err)
	}
	want := []string{"referral.status", "referral.notify", "referral.create", "outcome.create", "contact.create", "person.create"}
	if got := fx.audited(t, ada.ID); !slices.Equal(got, want) {
		t.Errorf("audited %v, want %v (newest first)", got, want)
	}
	entries, _, _ := fx.db.Audit(ctx, casework.AuditFilter{PersonID: ada.ID})
	for _, e := range entries {
		if e.UserID != fx.worker.UserID || e.Remote != fx.worker.Remote {
			t.Errorf("%s audited as user %d from %q", e.Action, e.UserID, e.Remote)
		}
	}
}

func TestReferRules(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	ada := fx.mustPerson(t, "Ada", true)
	tests := []struct {
		service  string
		mode     casework.Mode
		kind     directory.Kind // Internal for success
		warnings []string
	}{
		{"walk", casework.ModeReferral, directory.Internal, nil},
		{"choir", casework.ModeReferral, directory.Internal, []string{"Choir has a waiting list, so the person may wait before they can start (usually about 21 days)."}},
		{"full", casework.ModeReferral, directory.Internal, []string{"Lunch club says it is full at the moment; it may decline the referral."}},
		{"closed", casework.ModeSignpost, directory.Internal, []string{"Swim is temporarily closed: Closed until 5 January 2027."}},
		{"gone", casework.ModeReferral, directory.Conflict, nil},
		{"gone", casework.ModeSignpost, directory.Conflict, nil},
		{"paused", casework.ModeReferral, directory.Conflict, nil},
		{"nowhere", casework.ModeReferral, directory.Invalid, nil},
		{" ", casework.ModeReferral, directory.Invalid, nil},
		{"walk", "email", directory.Invalid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.service+" "+string(tt.mode), func(t *testing.T) {
			made, err := fx.work.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: tt.service, Mode: tt.mode})
			if tt.kind != directory.Internal {
				if directory.KindOf(err) != tt.kind {
					t.Fatalf("Refer() = %v, want kind %v", err, tt.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(made.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", made.Warnings, tt.warnings)
			}
		})
	}
	_, err := fx.work.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: "paused", Mode: casework.ModeReferral})
	if msg := directory.MessageOf(err); msg != "service_id: Knitting is no longer running (the directory lists it as inactive); choose another service" {
		t.Errorf("message %q", msg)
	}
	ada.Status, ada.DischargeReason, ada.DischargedAt = casework.StatusDischarged, "goals met", fx.now
	if _, err := fx.work.Refer(ctx, fx.worker, ada, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeReferral}); directory.KindOf(err) != directory.Conflict {
		t.Errorf("referring a discharged person: %v, want a conflict", err)
	}
}

func TestReferralNotificationSharesOnlyWhatWasAgreed(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	for _, share := range []bool{true, false} {
		p := fx.mustPerson(t, "Ada", share)
		made, err := fx.work.Refer(ctx, fx.worker, p, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeReferral})
		if err != nil || made.NotifyErr != nil {
			t.Fatal(err, made.NotifyErr)
		}
		msgs, _ := fx.db.Outbox(ctx, notify.OutboxFilter{About: made.Referral.ID})
		var to []string
		for _, m := range msgs {
			to = append(to, m.To)
			if strings.Contains(m.Body, "Ada") != share || strings.Contains(m.Body, "0113 496 0123") != share {
				t.Errorf("share=%t: message %q", share, m.Body)
			}
			for _, secret := range []string{"1950", "9434765919", "Engine Street", "private note"} {
				if strings.Contains(m.Body, secret) {
					t.Errorf("the message carries %q", secret)
				}
			}
			if !strings.Contains(m.Body, "https://linkway.example/answer/") || !strings.Contains(m.Body, "North Worker, north@example.org") {
				t.Errorf("message without its link or link worker: %q", m.Body)
			}
		}
		slices.Sort(to)
		if !slices.Equal(to, []string{"editor@walkers.example", orgEmail}) {
			t.Errorf("sent to %v", to)
		}
	}
	// A signpost tells nobody.
	p := fx.mustPerson(t, "Sam", true)
	made, err := fx.work.Refer(ctx, fx.worker, p, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeSignpost})
	if err != nil {
		t.Fatal(err)
	}
	if msgs, _ := fx.db.Outbox(ctx, notify.OutboxFilter{About: made.Referral.ID}); len(msgs) != 0 {
		t.Errorf("a signpost sent %d messages", len(msgs))
	}
}

func TestPurgeDischarged(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	add := func(name string, discharged time.Time) string {
		p := fx.mustPerson(t, name, false)
		if !discharged.IsZero() {
			p.Status, p.DischargeReason, p.DischargedAt = casework.StatusDischarged, "goals met", discharged
			if err := fx.work.UpdatePerson(ctx, fx.worker, p); err != nil {
				t.Fatal(err)
			}
		}
		return p.ID
	}
	old := add("Old", fx.now.AddDate(-9, 0, 0))
	kept := add("Recent", fx.now.AddDate(0, -6, 0))
	active := add("Active", time.Time{})

	if n, err := fx.work.PurgeDischarged(ctx, 0); err != nil || n != 0 {
		t.Fatalf("retention 0: %d purged, %v", n, err)
	}
	if n, err := fx.work.PurgeDischarged(ctx, 8*365); err != nil || n != 1 {
		t.Fatalf("PurgeDischarged() = %d, %v; want 1", n, err)
	}
	if _, err := fx.db.Person(ctx, old); directory.KindOf(err) != directory.NotFound {
		t.Error("a record discharged 9 years ago survived an 8-year retention")
	}
	for _, id := range []string{kept, active} {
		if _, err := fx.db.Person(ctx, id); err != nil {
			t.Errorf("record %s purged too soon: %v", id, err)
		}
	}
	entries, _, err := fx.db.Audit(ctx, casework.AuditFilter{PersonID: old})
	if err != nil || len(entries) == 0 || entries[0].Action != "person.purge" || entries[0].UserID != 0 ||
		entries[0].Detail != "discharged before 2018-11-25; kept 2920 days" {
		t.Errorf("purge audit: %+v %v", entries, err)
	}
}

// TestSecondOpenReferralNeedsConfirming checks the rule on referring a
// person again to a service they already have an open referral to: it is
// refused, naming the open referral, and the organisation is not told,
// until the link worker confirms. Closed referrals and signposts do not
// count, and a signpost is never refused.
func TestSecondOpenReferralNeedsConfirming(t *testing.T) {
	ctx := context.Background()
	fx := mustFixture(t)
	ada := fx.mustPerson(t, "Ada", true)
	refer := func(p *casework.Person, req casework.ReferralRequest) (*casework.Referred, error) {
		t.Helper()
		if req.Mode == "" {
			req.Mode = casework.ModeReferral
		}
		return fx.work.Refer(ctx, fx.worker, p, req)
	}
	first, err := refer(ada, casework.ReferralRequest{ServiceID: "walk", Note: "  Mornings suit her best. "})
	if err != nil {
		t.Fatal(err)
	}
	if stored, _ := fx.db.Referral(ctx, first.Referral.ID); stored.Note() != "Mornings suit her best." {
		t.Errorf("the referral's note is %q", stored.Note())
	}
	sent, audited := len(fx.outbox(t)), len(fx.audited(t, ada.ID))

	_, err = refer(ada, casework.ReferralRequest{ServiceID: "walk", Note: "again"})
	var dup *casework.DuplicateReferral
	if directory.KindOf(err) != directory.Conflict || !errors.As(err, &dup) || dup.Existing.ID != first.Referral.ID {
		t.Fatalf("a second open referral: %v, want a conflict naming %s", err, first.Referral.ID)
	}
	want := "service_id: this person already has an open referral to Walking group (referral " + first.Referral.ID +
		", made 23 November 2026, now referred), and the organisation was told; to refer them again, confirm it (confirm_duplicate in the API)"
	if msg := directory.MessageOf(err); msg != want {
		t.Errorf("message %q\nwant      %q", msg, want)
	}
	if refs, _ := fx.db.Referrals(ctx, casework.ReferralFilter{PersonID: ada.ID}); len(refs) != 1 {
		t.Errorf("%d referrals kept, want 1", len(refs))
	}
	if n := len(fx.outbox(t)); n != sent {
		t.Errorf("the refused referral sent %d messages", n-sent)
	}
	if n := len(fx.audited(t, ada.ID)); n != audited {
		t.Errorf("the refused referral was audited as made")
	}

	// Signposting there is marked on pages, not refused.
	if _, err := refer(ada, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeSignpost}); err != nil {
		t.Errorf("a signpost beside an open referral: %v", err)
	}
	// Confirmed, the second referral is made and the organisation told.
	again, err := refer(ada, casework.ReferralRequest{ServiceID: "walk", Note: "she asked again", ConfirmDuplicate: true})
	if err != nil {
		t.Fatalf("a confirmed second referral: %v", err)
	}
	if msgs, _ := fx.db.Outbox(ctx, notify.OutboxFilter{About: again.Referral.ID}); len(msgs) == 0 {
		t.Error("the organisation was not told of the confirmed referral")
	}

	// A referral that has ended does not count, nor does a signpost.
	bo := fx.mustPerson(t, "Bo", false)
	ended, err := refer(bo, casework.ReferralRequest{ServiceID: "walk"})
	if err != nil {
		t.Fatal(err)
	}
	if err := fx.work.MoveReferral(ctx, fx.worker, ended.Referral, casework.ActorLinkWorker, "withdrawn", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := refer(bo, casework.ReferralRequest{ServiceID: "walk"}); err != nil {
		t.Errorf("a referral after a withdrawn one: %v", err)
	}
	cy := fx.mustPerson(t, "Cy", false)
	if _, err := refer(cy, casework.ReferralRequest{ServiceID: "walk", Mode: casework.ModeSignpost}); err != nil {
		t.Fatal(err)
	}
	if _, err := refer(cy, casework.ReferralRequest{ServiceID: "walk"}); err != nil {
		t.Errorf("a referral after a signpost: %v", err)
	}
	// Another service is another matter.
	if _, err := refer(ada, casework.ReferralRequest{ServiceID: "choir"}); err != nil {
		t.Errorf("a referral to another service: %v", err)
	}
}
