package cases

import (
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// The JSON shapes of casework records. Dates are YYYY-MM-DD, instants RFC
// 3339; names are the ones the API takes.

type personJSON struct {
	ID               string          `json:"id"`
	Name             string          `json:"name"`
	DateOfBirth      string          `json:"date_of_birth"`
	NHSNumber        string          `json:"nhs_number,omitempty"`
	Postcode         string          `json:"postcode,omitempty"`
	Phone            string          `json:"phone,omitempty"`
	Email            string          `json:"email,omitempty"`
	Address          string          `json:"address,omitempty"`
	PreferredContact string          `json:"preferred_contact,omitempty"`
	Language         string          `json:"language,omitempty"`
	Interpreter      bool            `json:"interpreter"`
	AccessNeeds      []string        `json:"access_needs"`
	Practice         string          `json:"practice,omitempty"`
	ReferralSource   string          `json:"referral_source,omitempty"`
	ReferralReason   string          `json:"referral_reason,omitempty"`
	Team             string          `json:"team"`
	LinkWorker       int64           `json:"link_worker"`
	Status           casework.Status `json:"status"`
	DischargeReason  string          `json:"discharge_reason,omitempty"`
	Consent          struct {
		Hold       bool   `json:"hold"`
		Share      bool   `json:"share"`
		RecordedAt string `json:"recorded_at,omitempty"`
		RecordedBy int64  `json:"recorded_by,omitempty"`
	} `json:"consent"`
	Plan       planJSON       `json:"plan"`
	Priorities string         `json:"priorities"`
	Needs      []string       `json:"needs"`
	Strengths  string         `json:"strengths,omitempty"`
	Notes      string         `json:"notes,omitempty"`
	Contacts   []contactJSON  `json:"contacts"`
	Referrals  []referralJSON `json:"referrals"`
	Outcomes   []outcomeJSON  `json:"outcomes"`
	Coded      []codedJSON    `json:"coded_events"`
}

type planJSON struct {
	Goals      []string     `json:"goals"`
	Actions    []actionJSON `json:"actions"`
	ReviewDate string       `json:"review_date,omitempty"`
}

type actionJSON struct {
	Text  string `json:"text"`
	Owner string `json:"owner,omitempty"`
	Due   string `json:"due,omitempty"`
	Done  bool   `json:"done"`
}

type contactJSON struct {
	ID       int64  `json:"id"`
	Date     string `json:"date"`
	Kind     string `json:"kind"`
	Minutes  int    `json:"minutes"`
	Notes    string `json:"notes,omitempty"`
	Declined bool   `json:"declined,omitempty"`
}

type referralJSON struct {
	ID          string                  `json:"id"`
	ServiceID   string                  `json:"service_id"`
	ServiceName string                  `json:"service_name"`
	Mode        casework.Mode           `json:"mode"`
	Status      casework.ReferralStatus `json:"status"`
	CreatedAt   string                  `json:"created_at"`
	Note        string                  `json:"note,omitempty"` // written with the referral
	History     []referralEventJSON     `json:"history"`
}

type referralEventJSON struct {
	From casework.ReferralStatus `json:"from,omitempty"`
	To   casework.ReferralStatus `json:"to"`
	At   string                  `json:"at"`
	By   int64                   `json:"by"`
	Note string                  `json:"note,omitempty"`
}

type outcomeJSON struct {
	Date       string `json:"date"`
	Stage      string `json:"stage"`
	Life       int    `json:"life_satisfaction"`
	Worthwhile int    `json:"worthwhile"`
	Happy      int    `json:"happy"`
	Anxious    int    `json:"anxious"`
}

type codedJSON struct {
	Date string `json:"date"`
	Code string `json:"code"`
	Term string `json:"term"`
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func personJSONOf(rec *personRecord) personJSON {
	p := rec.Person
	out := personJSON{
		ID: p.ID, Name: p.Name, DateOfBirth: day(p.DateOfBirth), NHSNumber: p.NHSNumber, Postcode: p.Postcode,
		Phone: p.Phone, Email: p.Email, Address: p.Address, PreferredContact: p.PreferredContact,
		Language: p.Language, Interpreter: p.Interpreter, AccessNeeds: core.NonNil(p.AccessNeeds),
		Practice: p.Practice, ReferralSource: p.ReferralSource, ReferralReason: p.ReferralReason,
		Team: p.TeamID, LinkWorker: p.LinkWorker, Status: p.Status, DischargeReason: p.DischargeReason,
		Priorities: p.WhatMatters.Priorities, Needs: core.NonNil(p.WhatMatters.Needs), Strengths: p.WhatMatters.Strengths, Notes: p.WhatMatters.Notes,
		Contacts: []contactJSON{}, Referrals: []referralJSON{}, Outcomes: []outcomeJSON{}, Coded: codedJSONOf(rec.Coded),
	}
	out.Plan = planJSON{Goals: core.NonNil(p.Plan.Goals), Actions: []actionJSON{}, ReviewDate: day(p.Plan.ReviewDate)}
	for _, a := range p.Plan.Actions {
		out.Plan.Actions = append(out.Plan.Actions, actionJSON{Text: a.Text, Owner: a.Owner, Due: day(a.Due), Done: a.Done})
	}
	out.Consent.Hold, out.Consent.Share, out.Consent.RecordedBy = p.Consent.Hold, p.Consent.Share, p.Consent.RecordedBy
	if !p.Consent.RecordedAt.IsZero() {
		out.Consent.RecordedAt = p.Consent.RecordedAt.Format(time.RFC3339)
	}
	for _, c := range rec.Contacts {
		out.Contacts = append(out.Contacts, contactJSON{ID: c.ID, Date: day(c.Date), Kind: string(c.Kind), Minutes: c.Minutes, Notes: c.Notes, Declined: c.Declined})
	}
	for _, r := range rec.Referrals {
		out.Referrals = append(out.Referrals, referralJSONOf(r))
	}
	for _, o := range rec.Outcomes {
		out.Outcomes = append(out.Outcomes, outcomeJSON{Date: day(o.Date), Stage: string(o.Stage), Life: o.Life, Worthwhile: o.Worthwhile, Happy: o.Happy, Anxious: o.Anxious})
	}
	return out
}

func referralJSONOf(r *casework.Referral) referralJSON {
	out := referralJSON{ID: r.ID, ServiceID: r.ServiceID, ServiceName: r.ServiceName, Mode: r.Mode, Status: r.Status,
		CreatedAt: r.CreatedAt.Format(time.RFC3339), Note: r.Note(), History: []referralEventJSON{}}
	for _, e := range r.History {
		out.History = append(out.History, referralEventJSON{From: e.From, To: e.To, At: e.At.Format(time.RFC3339), By: e.By, Note: e.Note})
	}
	return out
}

func codedJSONOf(events []casework.CodedEvent) []codedJSON {
	out := []codedJSON{}
	for _, e := range events {
		out = append(out, codedJSON{Date: day(e.Date), Code: e.Code, Term: e.Term})
	}
	return out
}
