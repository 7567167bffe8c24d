package cases

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// personInput is a person's record as the API and forms take it.
type personInput struct {
	Name             string   `json:"name"`
	DateOfBirth      string   `json:"date_of_birth"`
	NHSNumber        string   `json:"nhs_number"`
	Postcode         string   `json:"postcode"`
	Phone            string   `json:"phone"`
	Email            string   `json:"email"`
	Address          string   `json:"address"`
	PreferredContact string   `json:"preferred_contact"`
	Language         string   `json:"language"`
	Interpreter      bool     `json:"interpreter"`
	AccessNeeds      []string `json:"access_needs"`
	Practice         string   `json:"practice"`
	ReferralSource   string   `json:"referral_source"`
	ReferralReason   string   `json:"referral_reason"`
	Priorities       string   `json:"priorities"`
	Needs            []string `json:"needs"`
	Strengths        string   `json:"strengths"`
	Notes            string   `json:"notes"`
	Consent          struct {
		Hold  bool `json:"hold"`
		Share bool `json:"share"`
	} `json:"consent"`
}

// apply copies the input onto p, checking what only the edge can check.
func (in *personInput) apply(p *casework.Person, u *casework.User, now time.Time) error {
	dob, err := casework.ParseDate("date_of_birth", in.DateOfBirth)
	if err != nil {
		return err
	}
	for i, a := range in.AccessNeeds {
		if _, ok := directory.ParseAccess(a); !ok {
			return directory.Errorf(directory.Invalid, "access_needs[%d]: %q is not an access need we know", i, a)
		}
	}
	if in.Consent.Hold != p.Consent.Hold || in.Consent.Share != p.Consent.Share || p.Consent.RecordedAt.IsZero() {
		p.Consent = casework.Consent{Hold: in.Consent.Hold, Share: in.Consent.Share, RecordedAt: now.UTC(), RecordedBy: u.ID}
	}
	p.Name, p.DateOfBirth, p.NHSNumber, p.Postcode = strings.TrimSpace(in.Name), dob, in.NHSNumber, in.Postcode
	p.Phone, p.Email, p.Address, p.PreferredContact = in.Phone, in.Email, in.Address, in.PreferredContact
	p.Language, p.Interpreter, p.AccessNeeds = in.Language, in.Interpreter, in.AccessNeeds
	p.Practice, p.ReferralSource, p.ReferralReason = in.Practice, in.ReferralSource, in.ReferralReason
	p.WhatMatters = casework.WhatMatters{Notes: in.Notes, Priorities: in.Priorities, Needs: in.Needs, Strengths: in.Strengths}
	return p.Validate(now)
}

func (h *Handler) handleAPIPersonCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in personInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	p := &casework.Person{TeamID: u.TeamID, LinkWorker: u.ID, Status: casework.StatusNew}
	err = in.apply(p, u, h.site.LocalNow())
	if err == nil {
		err = h.work.CreatePerson(r.Context(), core.Who(r), p)
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusCreated, map[string]string{"id": p.ID})
}

func (h *Handler) handleAPIPersonShow(w http.ResponseWriter, r *http.Request) {
	rec, err := h.recordFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	p := rec.Person
	if err := h.site.Audit(r, "person.read", p.ID, "api"); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	core.WriteJSON(w, http.StatusOK, personJSONOf(rec))
}

type contactInput struct {
	Date     string `json:"date"`
	Kind     string `json:"kind"`
	Minutes  int    `json:"minutes"`
	Notes    string `json:"notes"`
	Declined bool   `json:"declined"`
}

func (in *contactInput) contact(personID string, by int64, today time.Time) (*casework.Contact, error) {
	d, err := casework.ParseDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		d = directory.Day(today)
	}
	return &casework.Contact{PersonID: personID, Date: d, Kind: casework.ContactKind(in.Kind), Minutes: in.Minutes, Notes: in.Notes, Declined: in.Declined, By: by}, nil
}

func (h *Handler) handleAPIContactCreate(w http.ResponseWriter, r *http.Request) {
	p, u, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in contactInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	c, err := in.contact(p.ID, u.ID, h.site.LocalNow())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	events, err := h.work.RecordContact(r.Context(), core.Who(r), p, c)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	out := map[string]any{"id": c.ID, "person_status": p.Status, "coded_events": codedJSONOf(events)}
	core.WriteJSON(w, http.StatusCreated, out)
}

type outcomeInput struct {
	Date       string `json:"date"`
	Stage      string `json:"stage"`
	Life       *int   `json:"life_satisfaction"`
	Worthwhile *int   `json:"worthwhile"`
	Happy      *int   `json:"happy"`
	Anxious    *int   `json:"anxious"`
}

func (in *outcomeInput) outcome(personID string, by int64, today time.Time) (*casework.ONS4, error) {
	d, err := casework.ParseDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		d = directory.Day(today)
	}
	o := &casework.ONS4{PersonID: personID, Date: d, Stage: casework.Stage(in.Stage), By: by}
	for _, q := range []struct {
		field string
		v     *int
		dst   *int
	}{{"life_satisfaction", in.Life, &o.Life}, {"worthwhile", in.Worthwhile, &o.Worthwhile}, {"happy", in.Happy, &o.Happy}, {"anxious", in.Anxious, &o.Anxious}} {
		if q.v == nil {
			return nil, directory.Errorf(directory.Invalid, "%s: give a score from 0 to 10", q.field)
		}
		*q.dst = *q.v
	}
	return o, o.Validate(today)
}

func (h *Handler) handleAPIOutcomeCreate(w http.ResponseWriter, r *http.Request) {
	p, u, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in outcomeInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	o, err := in.outcome(p.ID, u.ID, h.site.LocalNow())
	if err == nil {
		err = h.work.AddOutcome(r.Context(), core.Who(r), o)
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusCreated, map[string]any{"id": o.ID})
}

type referralInput struct {
	ServiceID string `json:"service_id"`
	Mode      string `json:"mode"`
	Note      string `json:"note"`
	// ConfirmDuplicate refers again to a service the person already has
	// an open referral to; without it that is refused with 409.
	ConfirmDuplicate bool `json:"confirm_duplicate"`
}

// refer makes a referral or signpost of the person to a service. A
// failure to tell the organisation is logged, not returned: the referral
// stands, the link worker sees it waiting, and the reminder sweep writes
// again.
func (h *Handler) refer(r *http.Request, p *casework.Person, in referralInput) (*casework.Referred, error) {
	made, err := h.work.Refer(r.Context(), core.Who(r), p, casework.ReferralRequest{ServiceID: in.ServiceID, Mode: casework.Mode(in.Mode),
		Note: in.Note, ConfirmDuplicate: in.ConfirmDuplicate})
	if err != nil {
		return nil, err
	}
	if made.NotifyErr != nil {
		h.site.Log().ErrorContext(r.Context(), "could not notify the organisation of a referral", "err", made.NotifyErr)
	}
	return made, nil
}

func (h *Handler) handleAPIReferralCreate(w http.ResponseWriter, r *http.Request) {
	p, _, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in referralInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	made, err := h.refer(r, p, in)
	if dup := (*casework.DuplicateReferral)(nil); errors.As(err, &dup) {
		// The usual error body, with the open referral for a client to
		// show or link to before asking to confirm: a read of the record.
		if err := h.site.Audit(r, "person.read", p.ID, "api refer again"); err != nil {
			h.site.FailJSON(w, r, err)
			return
		}
		core.WriteJSON(w, http.StatusConflict, map[string]any{"error": directory.MessageOf(err), "existing_referral": referralJSONOf(dup.Existing)})
		return
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	out := map[string]any{"id": made.Referral.ID, "status": made.Referral.Status}
	if len(made.Warnings) > 0 {
		out["warnings"] = made.Warnings
	}
	core.WriteJSON(w, http.StatusCreated, out)
}

type statusInput struct {
	Status string `json:"status"`
	Note   string `json:"note"`
}

// HandleReferralStatus is POST /api/v1/referrals/{id}/status for a link
// worker moving a referral their team made. (The same address takes an
// organisation's answer: web routes an editor's request to web/orgs.)
func (h *Handler) HandleReferralStatus(w http.ResponseWriter, r *http.Request) {
	ref, _, err := h.referralFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in statusInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if err := h.work.MoveReferral(r.Context(), core.Who(r), ref, casework.ActorLinkWorker, in.Status, in.Note); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, referralJSONOf(ref))
}

// handleAPICodedEvents lists the team's coded events for the GP record,
// as CSV when asked for it.
func (h *Handler) handleAPICodedEvents(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	from, to, err := dateRange(r, h.site.LocalNow())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	rows, err := h.store.CodedEvents(r.Context(), u.TeamID, from, to)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if err := h.site.Audit(r, "coded_events.export", "", fmt.Sprintf("%d events %s to %s", len(rows), from.Format("2006-01-02"), to.Format("2006-01-02"))); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.Contains(r.Header.Get("Accept"), "text/csv") || r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="coded-events-%s-%s.csv"`, from.Format("20060102"), to.Format("20060102")))
		if err := casework.CodedEventsCSV(w, rows); err != nil {
			h.site.Log().ErrorContext(r.Context(), "coded events csv", "err", err)
		}
		return
	}
	out := []map[string]string{}
	for _, row := range rows {
		out = append(out, map[string]string{"nhs_number": row.NHSNumber, "date": row.Date.Format("2006-01-02"), "code": row.Code, "term": row.Term, "practice": row.Practice})
	}
	core.WriteJSON(w, http.StatusOK, map[string]any{"events": out})
}

// dateRange reads from and to (YYYY-MM-DD); both default to the last 30
// days.
func dateRange(r *http.Request, now time.Time) (from, to time.Time, err error) {
	q := r.URL.Query()
	if from, err = casework.ParseDate("from", q.Get("from")); err != nil {
		return
	}
	if to, err = casework.ParseDate("to", q.Get("to")); err != nil {
		return
	}
	today := directory.Day(now)
	if to.IsZero() {
		to = today
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -30)
	}
	if from.After(to) {
		err = directory.Errorf(directory.Invalid, "from: the start date is after the end date")
	}
	return
}
