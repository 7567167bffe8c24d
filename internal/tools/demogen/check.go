package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// validate checks the generated directory: each service passes
// [directory.Service.Validate], as the importer requires, and the whole
// looks like a real directory of Leeds (enough services and kinds of
// support, unique ids, places in Leeds at their postcodes' coordinates,
// drama phone numbers, example.org addresses).
func validate(services []*directory.Service, terms map[string]*directory.Term, pcs *postcodes) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	seen := map[string]map[string]string{} // record kind -> id -> fingerprint
	unique := func(kind, id string, v any) {
		if id == "" {
			fail("%s with an empty id", kind)
			return
		}
		b, _ := json.Marshal(v)
		if seen[kind] == nil {
			seen[kind] = map[string]string{}
		}
		if prev, ok := seen[kind][id]; ok && prev != string(b) {
			fail("%s id %s used for two different records", kind, id)
		}
		seen[kind][id] = string(b)
	}
	// Records that must not repeat even when identical (one per service).
	once := map[string]map[string]bool{}
	single := func(kind, id string) {
		if once[kind] == nil {
			once[kind] = map[string]bool{}
		}
		if once[kind][id] {
			fail("%s id %s is not unique", kind, id)
		}
		once[kind][id] = true
	}
	phoneOK := func(n string) bool {
		if len(n) != 13 {
			return false
		}
		if !strings.HasPrefix(n, "0113 496 0") && !strings.HasPrefix(n, "0808 157 0") {
			return false
		}
		_, err := strconv.Atoi(n[10:])
		return err == nil
	}
	orgServices := map[string]int{}
	primary := map[string]int{}
	descs := map[string]bool{}
	for _, s := range services {
		single("service", s.ID)
		if err := s.Validate(); err != nil {
			fail("service %s: %w", s.ID, err)
		}
		if s.Name == "" || s.Description == "" {
			fail("service %s has no name or description", s.ID)
		}
		if descs[s.Description] {
			fail("service %s repeats another description", s.ID)
		}
		descs[s.Description] = true
		if n := sentences(s.Description); n < 2 || n > 5 {
			fail("service %s description has %d sentences", s.ID, n)
		}
		switch s.Accepting {
		case directory.CapacityOpen, directory.CapacityFull:
		case directory.CapacityWaitingList:
			if s.TypicalWaitDays < 14 || s.TypicalWaitDays > 60 || s.WaitTime == "" {
				fail("service %s waiting list without a wait", s.ID)
			}
		default:
			fail("service %s accepting %q", s.ID, s.Accepting)
		}
		if len(s.ReferralRoutes) < 1 || len(s.ReferralRoutes) > 3 {
			fail("service %s has %d referral routes", s.ID, len(s.ReferralRoutes))
		}
		if s.LastVerified.IsZero() || s.LastModified.IsZero() || s.LastModified.Before(s.LastVerified) {
			fail("service %s verified %v, modified %v", s.ID, s.LastVerified, s.LastModified)
		}
		if !strings.HasSuffix(s.Email, ".example.org") || !strings.HasSuffix(s.VerifiedBy, ".example.org") {
			fail("service %s email outside example.org", s.ID)
		}
		o := s.Organization
		unique("organization", o.ID, o)
		orgServices[o.ID]++
		if len(s.Terms) < 1 || len(s.Terms) > 2 {
			fail("service %s has %d kinds", s.ID, len(s.Terms))
		}
		for i, term := range s.Terms {
			t := terms[term.ID]
			if t == nil || term != *t {
				fail("service %s kind %s does not match the taxonomy", s.ID, term.ID)
				continue
			}
			if i == 0 {
				primary[t.ID]++
			}
		}
		if len(s.CostOptions) == 0 {
			fail("service %s has no cost", s.ID)
		}
		for _, c := range s.CostOptions {
			single("cost_option", c.ID)
			if c.Currency != "GBP" || c.Amount == nil || *c.Amount < 0 {
				fail("service %s cost %+v", s.ID, c)
			}
		}
		for _, l := range s.Languages {
			single("language", l.ID)
		}
		if len(s.Languages) == 0 || s.Languages[0].Code != "en" {
			fail("service %s does not list English first", s.ID)
		}
		for _, c := range s.Contacts {
			single("contact", c.ID)
		}
		for _, a := range s.Areas {
			single("service_area", a.ID)
		}
		for _, p := range s.Phones {
			single("phone", p.ID)
			if !phoneOK(p.Number) {
				fail("service %s phone %q is not a drama number", s.ID, p.Number)
			}
		}
		checkSchedules := func(ss []directory.Schedule) {
			for _, sc := range ss {
				single("schedule", sc.ID)
				if sc.Freq != directory.Weekly && sc.Freq != directory.Monthly || sc.ByDay == "" || !sc.HasTimes() || sc.Description == "" {
					fail("service %s schedule %s incomplete", s.ID, sc.ID)
				}
				for _, d := range strings.Split(sc.ByDay, ",") {
					if dayNames[strings.TrimLeft(d, "-0123456789")] == "" {
						fail("service %s schedule %s byday %q", s.ID, sc.ID, sc.ByDay)
					}
				}
			}
		}
		checkSchedules(s.Schedules)
		physical := 0
		for _, sal := range s.Locations {
			single("service_at_location", sal.ID)
			checkSchedules(sal.Schedules)
			l := sal.Location
			unique("location", l.ID, l)
			switch l.Type {
			case directory.Physical:
				physical++
				if p := l.Point; p == nil || p.Lat() < 53.6 || p.Lat() > 54.0 || p.Lon() < -1.9 || p.Lon() > -1.2 {
					fail("location %s at %v is not in Leeds", l.ID, p)
					continue
				}
				if len(l.Addresses) != 1 {
					fail("location %s has %d addresses", l.ID, len(l.Addresses))
				}
				for _, a := range l.Addresses {
					unique("address", a.ID, a)
					pc := pcs.all[a.PostalCode]
					if pc == nil {
						fail("location %s postcode %q is not in the CSV", l.ID, a.PostalCode)
					} else if pc.lat != l.Point.Lat() || pc.lon != l.Point.Lon() {
						fail("location %s coordinates differ from its postcode %s", l.ID, a.PostalCode)
					}
					if a.City != "Leeds" || a.Country != "GB" || a.StateProvince != "West Yorkshire" || a.Type != "physical" {
						fail("location %s address %+v", l.ID, a)
					}
				}
				if len(l.Accessibility) == 0 {
					fail("location %s says nothing about access", l.ID)
				}
				for _, x := range l.Accessibility {
					unique("accessibility", x.ID, x)
				}
			case directory.Virtual:
				if l.URL == "" || l.Point != nil || len(l.Addresses) > 0 {
					fail("virtual location %s has coordinates or an address, or no url", l.ID)
				}
			default:
				fail("location %s type %q", l.ID, l.Type)
			}
			if l.Type == directory.Physical && len(sal.Schedules) == 0 {
				fail("service %s has a venue with no schedule", s.ID)
			}
		}
		if len(s.Locations) == 0 && len(s.Phones) == 0 {
			fail("service %s can be reached neither in person, online nor by phone", s.ID)
		}
		if physical > 2 {
			fail("service %s has %d venues", s.ID, physical)
		}
	}
	if len(services) < 420 {
		fail("%d services, want at least 420", len(services))
	}
	if len(orgServices) < 160 {
		fail("%d organisations, want at least 160", len(orgServices))
	}
	for id, n := range orgServices {
		if n < 1 || n > 5 {
			fail("organisation %s has %d services", id, n)
		}
	}
	for id := range terms {
		if primary[id] < 8 {
			fail("kind %s has %d services, want at least 8", id, primary[id])
		}
	}
	return errors.Join(errs...)
}

// sentences counts sentences roughly: full stops, question and exclamation
// marks followed by a space or the end.
func sentences(s string) int {
	n := 0
	for i, c := range s {
		if c == '.' || c == '?' || c == '!' {
			if i == len(s)-1 || s[i+1] == ' ' {
				n++
			}
		}
	}
	return n
}

func report(w io.Writer, services []*directory.Service, g *generator, size int) {
	orgs := map[string]bool{}
	status := map[string]int{}
	accepting := map[string]int{}
	modes := map[string]int{}
	primary := map[string]int{}
	anyKind := map[string]int{}
	venues := map[string]int{}
	free, pwyc, monthly, schedules, langs, numeric := 0, 0, 0, 0, 0, 0
	old6, old12 := 0, 0
	twoVenues := 0
	for i, s := range services {
		m := g.meta[i]
		orgs[s.Organization.ID] = true
		status[string(s.Status)]++
		accepting[string(s.Accepting)]++
		modes[m.mode]++
		if len(m.venues) == 2 {
			twoVenues++
		}
		for j, t := range s.Terms {
			anyKind[t.ID]++
			if j == 0 {
				primary[t.ID]++
			}
		}
		if s.IsFree() {
			free++
			if s.CostOptions[0].Description == "Pay what you can" {
				pwyc++
			}
		}
		if len(s.Languages) > 1 {
			langs++
		}
		if !strings.Contains(s.ID, "-") {
			numeric++
		}
		d := s.LastVerified
		if d.Before(refDay.AddDate(0, -6, 0)) {
			old6++
		}
		if d.Before(refDay.AddDate(-1, 0, 0)) {
			old12++
		}
		all := append([]directory.Schedule{}, s.Schedules...)
		for _, sal := range s.Locations {
			if sal.Location.Type == directory.Physical {
				venues[sal.Location.ID]++
				all = append(all, sal.Schedules...)
			}
		}
		for _, sc := range all {
			schedules++
			if sc.Freq == directory.Monthly {
				monthly++
			}
		}
	}
	n := len(services)
	pct := func(x int) string { return fmt.Sprintf("%d (%.0f%%)", x, 100*float64(x)/float64(n)) }
	fmt.Fprintf(w, "demogen: %d services from %d organisations, %d kinds of support, %d venues, %.1f MB\n",
		n, len(orgs), len(primary), len(venues), float64(size)/1e6)
	fmt.Fprintf(w, "  status: active %d, temporarily closed %d, inactive %d, defunct %d\n",
		status["active"], status["temporarily closed"], status["inactive"], status["defunct"])
	fmt.Fprintf(w, "  attending: in person %s (two venues: %d), online %s, phone %s, mixed %s\n",
		pct(modes[modeInPerson]), twoVenues, pct(modes[modeOnline]), pct(modes[modePhone]), pct(modes[modeMixed]))
	fmt.Fprintf(w, "  accepting referrals: yes %d, waiting_list %d, full %d\n", accepting["yes"], accepting["waiting_list"], accepting["full"])
	fmt.Fprintf(w, "  free (amount 0): %s, of which pay what you can %d\n", pct(free), pwyc)
	fmt.Fprintf(w, "  another language besides English: %s; numeric ids: %d services\n", pct(langs), numeric)
	fmt.Fprintf(w, "  schedules: %d, monthly %d (%.0f%%)\n", schedules, monthly, 100*float64(monthly)/float64(schedules))
	fmt.Fprintf(w, "  verified over 6 months before %s: %s, over 12 months: %s\n", refDay.Format("2006-01-02"), pct(old6), pct(old12))
	if g.renamed > 0 {
		fmt.Fprintf(w, "  names made unique with a place prefix: %d\n", g.renamed)
	}
	ids := make([]string, 0, len(primary))
	for id := range primary {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		parts = append(parts, fmt.Sprintf("%s %d/%d", id, primary[id], anyKind[id]))
	}
	fmt.Fprintf(w, "  kinds (primary/any): %s\n", strings.Join(parts, ", "))
}
