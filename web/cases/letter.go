package cases

import (
	"net/http"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// letterPage is the summary letter for the person's GP. Its sections
// follow the four groups of the PRSB Social Prescribing Information
// Standard's minimum dataset (demographics, needs and concerns, support
// offered, outcomes), with the referral and the next steps around them,
// in our own words: the standard's message back to the GP could not be
// read in full (README, "Letter for the GP").
type letterPage struct {
	Person       *casework.Person
	Worker       string // the assigned link worker's name
	Today        time.Time
	Source       string   // who referred them, in words
	Needs        []string // the kinds of support they asked for, by name
	Referrals    []*casework.Referral
	Contacts     int
	FirstContact time.Time
	LastContact  time.Time
	UsualMin     int
	UsualMax     int
	First        *casework.ONS4 // the first wellbeing scores, if any
	Latest       *casework.ONS4 // the latest, when there are two or more
	Changes      []scoreChange
	Coded        []casework.CodedEvent
	Status       string // where the episode stands, in words
}

// referralSourceLabels name who referred a person, as the person form
// offers them.
var referralSourceLabels = map[string]string{"gp": "their GP practice", "self": "themselves", "agency": "another agency", "other": "someone else"}

// handleLetter is the summary letter for the person's GP: one page, to
// print or save as a PDF and send. It is a read of the record, audited
// as person.letter.
func (h *Handler) handleLetter(w http.ResponseWriter, r *http.Request) {
	rec, err := h.recordFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	p := rec.Person
	data := letterPage{Person: p, Today: h.site.LocalNow(), Source: referralSourceLabels[p.ReferralSource],
		Referrals: rec.Referrals, Contacts: len(rec.Contacts), UsualMin: casework.UsualContactsMin,
		UsualMax: casework.UsualContactsMax, Coded: rec.Coded, Status: episodeText(p)}
	if n := len(rec.Contacts); n > 0 {
		data.FirstContact, data.LastContact = rec.Contacts[0].Date, rec.Contacts[n-1].Date
		for _, c := range rec.Contacts {
			if c.Date.Before(data.FirstContact) {
				data.FirstContact = c.Date
			}
			if c.Date.After(data.LastContact) {
				data.LastContact = c.Date
			}
		}
	}
	if n := len(rec.Outcomes); n > 0 {
		data.First = &rec.Outcomes[0]
		if n > 1 {
			data.Latest = &rec.Outcomes[n-1]
			data.Changes = scoreChanges(rec.Outcomes[0], rec.Outcomes[n-1])
		}
	}
	if len(p.WhatMatters.Needs) > 0 {
		terms, err := h.store.TaxonomyTerms(r.Context())
		if err != nil {
			h.site.Fail(w, r, err)
			return
		}
		names := map[string]string{}
		for _, t := range terms {
			names[t.ID] = t.Name
		}
		for _, id := range p.WhatMatters.Needs {
			if name, ok := names[id]; ok {
				data.Needs = append(data.Needs, name)
			}
		}
	}
	if p.LinkWorker != 0 {
		if lw, err := h.store.UserByID(r.Context(), p.LinkWorker); err == nil {
			data.Worker = lw.Name
		}
	}
	if err := h.site.Audit(r, "person.letter", p.ID, "page"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "letter", "Letter for the GP about "+p.Name, data)
}

// episodeText says where the person's time with the link worker stands.
func episodeText(p *casework.Person) string {
	switch p.Status {
	case casework.StatusNew:
		return "Waiting for a first contact with their link worker."
	case casework.StatusActive:
		return "Still working with their link worker."
	case casework.StatusOnHold:
		return "Their work with the link worker is on hold."
	case casework.StatusDischarged:
		s := "Discharged from social prescribing"
		if !p.DischargedAt.IsZero() {
			s += " on " + p.DischargedAt.Format("2 January 2006")
		}
		if p.DischargeReason != "" {
			s += " (" + p.DischargeReason + ")"
		}
		return s + "."
	}
	return ""
}
