package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

func pickIndexes(r *rand.Rand, meta []*svcMeta, n int, ok func(*svcMeta) bool) []*svcMeta {
	var cand []*svcMeta
	for _, m := range meta {
		if ok(m) {
			cand = append(cand, m)
		}
	}
	r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	if n > len(cand) {
		n = len(cand)
	}
	return cand[:n]
}

func (g *generator) assignStatuses() {
	r := rngFor("statuses")
	closedWhy := []string{
		"Closed while {venue} has its roof repaired.",
		"Taking a short break while we recruit a new group leader.",
		"Closed over the winter while the heating at {venue} is replaced.",
		"Paused while our organiser is on leave.",
		"Closed while {venue} is refurbished.",
		"Not running while we move to a new room.",
	}
	for i, m := range pickIndexes(r, g.meta, 6, func(m *svcMeta) bool { return m.mode == modeInPerson }) {
		reopen := refDay.AddDate(0, 1, 10+r.IntN(90))
		want := weekday(m.day)
		for reopen.Weekday() != want {
			reopen = reopen.AddDate(0, 0, 1)
		}
		why := strings.ReplaceAll(closedWhy[i%len(closedWhy)], "{venue}", m.venues[0].spec.Name)
		m.svc.Status = directory.StatusTemporarilyClosed
		m.svc.Alert = why + " We expect to reopen on " + reopen.Format("Monday 2 January 2006") + "."
	}
	inactive := []string{
		"This group is taking a break while we look for new volunteers. Please ring for news.",
		"Not meeting at the moment because of low numbers; we hope to restart in the spring.",
		"Sessions are paused until new funding is confirmed.",
		"On hold while the organiser recovers from an operation.",
	}
	for i, m := range pickIndexes(r, g.meta, 4, func(m *svcMeta) bool { return m.svc.Status == directory.StatusActive && m.kind.Code != "hel" }) {
		m.svc.Status = directory.StatusInactive
		m.svc.Alert = inactive[i%len(inactive)]
	}
	defunct := []string{
		"This group has now closed. Thank you to everyone who came along over the years.",
		"This service ended when its funding finished. Please ask your link worker about similar groups nearby.",
	}
	for i, m := range pickIndexes(r, g.meta, 2, func(m *svcMeta) bool { return m.svc.Status == directory.StatusActive && m.mode == modeInPerson }) {
		m.svc.Status = directory.StatusDefunct
		m.svc.Alert = defunct[i%len(defunct)]
	}
}

func weekday(code string) time.Weekday {
	for i, d := range []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} {
		if d == code {
			return time.Weekday(i)
		}
	}
	return time.Monday
}

func (g *generator) assignAccepting() {
	r := rngFor("accepting")
	n := len(g.meta)
	for _, m := range pickIndexes(r, g.meta, int(math.Round(0.08*float64(n))), func(m *svcMeta) bool {
		return m.svc.Status == directory.StatusActive && m.kind.WaitList && m.mode != modePhone && !slices.Contains(m.svc.ReferralRoutes, directory.DropIn)
	}) {
		days := 14 + r.IntN(47)
		m.svc.Accepting = directory.CapacityWaitingList
		m.svc.TypicalWaitDays = days
		weeks := int(math.Round(float64(days) / 7))
		m.svc.WaitTime = fmt.Sprintf("About %d weeks", weeks)
		m.svc.Application += " There is a waiting list at the moment; we'll add your name and let you know when a place is free."
	}
	for _, m := range pickIndexes(r, g.meta, int(math.Round(0.03*float64(n))), func(m *svcMeta) bool {
		return m.svc.Status == directory.StatusActive && m.svc.Accepting == directory.CapacityOpen && m.mode == modeInPerson &&
			strings.Contains("lun she gar eso par art mus phy bef", m.kind.Code) && !slices.Contains(m.svc.ReferralRoutes, directory.DropIn)
	}) {
		m.svc.Accepting = directory.CapacityFull
		m.svc.Application += " We're full at the moment and not taking new referrals; ring to check when places open up."
	}
}

func (g *generator) assignVerification() {
	r := rngFor("verification")
	n := len(g.meta)
	order := r.Perm(n)
	veryOld := int(math.Round(0.08 * float64(n)))
	old := int(math.Round(0.20*float64(n))) - veryOld
	sixMonths := refDay.AddDate(0, -6, 0)
	year := refDay.AddDate(-1, 0, 0)
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	between := func(a, b time.Time) time.Time {
		days := int(b.Sub(a).Hours() / 24)
		return a.AddDate(0, 0, r.IntN(days))
	}
	for rank, i := range order {
		m := g.meta[i]
		var d time.Time
		switch {
		case rank < veryOld:
			d = between(start, year)
		case rank < veryOld+old:
			d = between(year, sixMonths)
		default:
			d = between(sixMonths, refDay)
		}
		m.svc.LastVerified = d
		if r.Float64() < 0.7 {
			m.svc.VerifiedBy = listingsEmail
		} else {
			m.svc.VerifiedBy = m.orgObj.Email
		}
		mod := d.AddDate(0, 0, r.IntN(21)).Add(time.Duration(8*3600+r.IntN(10*3600)) * time.Second)
		if !mod.Before(refDay) {
			mod = refDay.Add(-time.Duration(1+r.IntN(36000)) * time.Second)
		}
		if r.Float64() < 0.3 {
			off := 0
			if mod.Month() >= time.April && mod.Month() <= time.October {
				off = 3600
			}
			// Written with the offset of Leeds local time, as some
			// listings systems do.
			m.svc.LastModified = mod.In(time.FixedZone("", off))
		} else {
			m.svc.LastModified = mod
		}
	}
}

func (g *generator) topUpLanguages() {
	r := rngFor("languages")
	count := func() int {
		c := 0
		for _, m := range g.meta {
			if len(m.svc.Languages) > 1 {
				c++
			}
		}
		return c
	}
	want := int(math.Round(0.2 * float64(len(g.meta))))
	cands := pickIndexes(r, g.meta, len(g.meta), func(m *svcMeta) bool {
		return len(m.svc.Languages) == 1 && len(m.venues) > 0 && m.venues[0].area.Languages != ""
	})
	for _, m := range cands {
		if count() >= want {
			break
		}
		langs := strings.Fields(m.venues[0].area.Languages)
		code := langs[r.IntN(len(langs))]
		i := r.IntN(3)
		note := []string{"A volunteer who speaks it comes to most sessions.", "Interpreter on request; please give a week's notice.", "Spoken by some of our team."}[i]
		m.svc.Languages = append(m.svc.Languages, directory.Language{ID: m.ids.id(m.key, "language/"+code), Name: g.prose.Languages[code], Code: code, Note: note})
		m.svc.Interpretation = fmt.Sprintf([]string{
			"A volunteer who speaks %s comes to most sessions.",
			"We can arrange a %s interpreter if you let us know in advance.",
			"Some of our team speak %s.",
		}[i], g.prose.Languages[code])
	}
}
