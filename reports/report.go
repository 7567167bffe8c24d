package reports

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/linkway/linkway/directory"
)

// Report is every table of the scheme's report for one filter, in the
// order the page shows them.
type Report struct {
	Filter Filter
	Tables []Table
}

// Table returns the table with the given id.
func (r *Report) Table(id string) (Table, bool) {
	for _, t := range r.Tables {
		if t.ID == id {
			return t, true
		}
	}
	return Table{}, false
}

// Builder makes reports from the store's counts.
type Builder struct {
	Source Source
	// Reach answers, for unmet need, whether a kind of support is within
	// reach of an area. Without it, unmet need is not worked out.
	Reach Reach
	// KindNames names the kinds of support by id; an id not in it is
	// shown as it is.
	KindNames map[string]string
}

// Sources are where referrals to the scheme come from, in the order
// shown; the values are those of casework.Person.ReferralSource.
var Sources = []struct{ Value, Label string }{
	{"gp", "GP practice"}, {"self", "Self-referral"}, {"agency", "Another agency"}, {"other", "Other"}, {"", "Not recorded"},
}

// DeclineReasons are the reasons a service gives for declining a
// referral (web/orgs offers them), as they begin its note.
var DeclineReasons = []string{"Full", "Not suitable for their needs", "Outside our area", "Could not contact them", "Other"}

// TableIDs are the ids of the report's tables, in the order shown.
var TableIDs = []string{"intake", "support", "referrals-out", "uptake", "declined", "first-attendance", "waiting", "wellbeing", "wellbeing-by-kind", "unmet-need"}

// Build counts the tables with the given ids for f, or every table when
// none is given; an unknown id is Invalid. Each table is suppressed
// before it is returned.
//
// The store's counts are independent of each other, so they are made at
// once, each on its own connection: on a machine with more than one
// core the report takes about as long as its slowest count.
func (b *Builder) Build(ctx context.Context, f Filter, ids ...string) (*Report, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		ids = TableIDs
	}
	want := map[string]bool{}
	for _, id := range ids {
		if !slices.Contains(TableIDs, id) {
			return nil, directory.Errorf(directory.Invalid, "table: choose one of the report's tables, such as table=intake")
		}
		want[id] = true
	}
	needed := func(ids ...string) bool { return slices.ContainsFunc(ids, func(id string) bool { return want[id] }) }

	var (
		intake   []IntakeCount
		contacts []ContactCount
		flows    []ReferralFlow
		reasons  []ReasonCount
		firsts   []ServiceDays
		waits    []ServiceDays
		pairs    []WellbeingPair
		needs    []NeedCount
		wg       sync.WaitGroup
		mu       sync.Mutex
		first    error
	)
	count := func(needed bool, fn func() error) {
		if !needed {
			return
		}
		wg.Go(func() {
			if err := fn(); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		})
	}
	src := b.Source
	count(needed("intake"), func() (err error) { intake, err = src.Intake(ctx, f); return })
	count(needed("support"), func() (err error) { contacts, err = src.ContactsPerPerson(ctx, f); return })
	count(needed("referrals-out", "uptake"), func() (err error) { flows, err = src.ReferralFlows(ctx, f); return })
	count(needed("declined"), func() (err error) { reasons, err = src.DeclineReasons(ctx, f); return })
	count(needed("first-attendance"), func() (err error) { firsts, err = src.FirstAttendances(ctx, f); return })
	count(needed("waiting"), func() (err error) { waits, err = src.Waiting(ctx, f); return })
	count(needed("wellbeing", "wellbeing-by-kind"), func() (err error) { pairs, err = src.WellbeingPairs(ctx, f); return })
	count(needed("unmet-need"), func() (err error) { needs, err = src.Needs(ctx, f); return })
	wg.Wait()
	if first != nil {
		return nil, first
	}

	// Services' kinds, for every service-level figure.
	services := map[string]bool{}
	for _, fl := range flows {
		services[fl.ServiceID] = true
	}
	for _, r := range reasons {
		services[r.ServiceID] = true
	}
	for _, d := range slices.Concat(firsts, waits) {
		services[d.ServiceID] = true
	}
	for _, p := range pairs {
		for _, id := range p.ServiceIDs {
			services[id] = true
		}
	}
	kinds, err := src.ServiceKinds(ctx, slices.Sorted(maps.Keys(services)))
	if err != nil {
		return nil, err
	}
	k := kindOf{kinds: kinds, names: b.KindNames, only: f.Kind}

	rep := &Report{Filter: f}
	for _, id := range TableIDs {
		if !want[id] {
			continue
		}
		var t Table
		switch id {
		case "intake":
			t = IntakeTable(intake)
		case "support":
			t = SupportTable(contacts)
		case "referrals-out":
			t = ReferralsOutTable(flows, k)
		case "uptake":
			t = FunnelTable(flows, k)
		case "declined":
			t = DeclineTable(reasons, k)
		case "first-attendance":
			t = FirstAttendanceTable(firsts, k)
		case "waiting":
			t = WaitingTable(waits, k)
		case "wellbeing":
			t = WellbeingTable(pairs)
		case "wellbeing-by-kind":
			t = WellbeingByKindTable(pairs, k)
		case "unmet-need":
			if t, err = b.unmetNeed(ctx, needs, f.Kind); err != nil {
				return nil, err
			}
		}
		Suppress(&t)
		rep.Tables = append(rep.Tables, t)
	}
	return rep, nil
}

// kindOf finds a service's kind of support for the service-level
// tables, and applies the filter's kind.
type kindOf struct {
	kinds map[string][]string
	names map[string]string
	only  string // the filter's kind; "" for all
}

// primary is the label of the service's primary kind, under which its
// referrals are counted once, so that rows add up.
func (k kindOf) primary(serviceID string) string {
	ids := k.kinds[serviceID]
	if len(ids) == 0 {
		return "Kind not known"
	}
	return k.name(ids[0])
}

func (k kindOf) name(id string) string {
	if n, ok := k.names[id]; ok {
		return n
	}
	return id
}

// keep reports whether the service is of the filter's kind.
func (k kindOf) keep(serviceID string) bool {
	return k.only == "" || slices.Contains(k.kinds[serviceID], k.only)
}

// IntakeTable is the referrals into the scheme by reason (rows) and
// source (columns), with totals. A reason written the same way for at
// least [SmallNumber] people is a row of its own; the rest are "Other
// reasons", so that no reason written for one person is ever shown.
func IntakeTable(counts []IntakeCount) Table {
	byReason := map[string]int{}
	for _, c := range counts {
		byReason[c.Reason] += c.People
	}
	label := func(reason string) string {
		switch {
		case reason == "":
			return "Not recorded"
		case byReason[reason] < SmallNumber:
			return "Other reasons"
		}
		return strings.ToUpper(reason[:1]) + reason[1:]
	}
	col := map[string]int{}
	t := Table{ID: "intake", Caption: "Referrals into the scheme, by reason and source", RowHead: "Reason",
		RowTotals: true, ColTotals: true, Chart: len(Sources)}
	for i, s := range Sources {
		col[s.Value] = i
		t.Columns = append(t.Columns, s.Label)
	}
	t.Columns = append(t.Columns, "All sources")
	rows := map[string][]int{}
	for _, c := range counts {
		l := label(c.Reason)
		if rows[l] == nil {
			rows[l] = make([]int, len(Sources))
		}
		i, ok := col[c.Source]
		if !ok {
			i = col["other"]
		}
		rows[l][i] += c.People
	}
	order := slices.SortedFunc(maps.Keys(rows), func(a, b string) int {
		// Named reasons by size, then the catch-alls last.
		ra, rb := catchAll(a), catchAll(b)
		if ra != rb {
			return cmp.Compare(ra, rb)
		}
		if d := cmp.Compare(sum(rows[b]), sum(rows[a])); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	total := make([]int, len(Sources))
	for _, l := range order {
		t.Rows = append(t.Rows, countRow(l, rows[l], true))
		for i, n := range rows[l] {
			total[i] += n
		}
	}
	t.Rows = append(t.Rows, totalRow(countRow("All reasons", total, true)))
	t.Note = fmt.Sprintf("People referred to the scheme in the period. A reason is shown when at least %d people were referred for it in the same words.", SmallNumber)
	return t
}

func catchAll(label string) int {
	switch label {
	case "Other reasons":
		return 1
	case "Not recorded":
		return 2
	}
	return 0
}

// Bands of contacts per person, against the usual 6 to 12.
var contactBands = []struct {
	Label    string
	Min, Max int
}{
	{"1 to 5 (fewer than usual)", 1, 5},
	{"6 to 12 (usual)", 6, 12},
	{"13 or more (more than usual)", 13, 1 << 30},
}

// SupportTable is the people supported in the period by their number of
// contacts, against the usual 6 to 12, with the median.
func SupportTable(counts []ContactCount) Table {
	t := Table{ID: "support", Caption: "People supported, by contacts per person", RowHead: "Contacts per person",
		Columns: []string{"People"}, ColTotals: true, Chart: 0,
		Note: "People with a contact in the period, by their contacts up to its end. The usual number over a person’s time with a link worker is 6 to 12."}
	var all []float64
	total := 0
	for _, band := range contactBands {
		n := 0
		for _, c := range counts {
			if c.Contacts >= band.Min && c.Contacts <= band.Max {
				n += c.People
			}
		}
		total += n
		t.Rows = append(t.Rows, Row{Label: band.Label, Cells: []Cell{Count(n)}})
	}
	for _, c := range counts {
		for range c.People {
			all = append(all, float64(c.Contacts))
		}
	}
	t.Rows = append(t.Rows, Row{Label: "People supported", Cells: []Cell{Count(total)}, Total: true})
	if q, ok := Quartiles(all); ok {
		t.Rows = append(t.Rows, Row{Label: "Median contacts per person", Cells: []Cell{Figure(num(q[1]), len(all))}, Summary: true})
	} else {
		t.Rows = append(t.Rows, Row{Label: "Median contacts per person", Cells: []Cell{Figure("", len(all))}, Summary: true})
	}
	// The median row is not part of the sum.
	t.ColTotals = false
	totals := t.Rows[:len(contactBands)+1]
	sub := Table{Rows: totals, ColTotals: true}
	Suppress(&sub)
	return t
}

// ReferralsOutTable is the referrals and signposts made to services in
// the period, by the primary kind of support of the service.
func ReferralsOutTable(flows []ReferralFlow, k kindOf) Table {
	t := Table{ID: "referrals-out", Caption: "Referrals out, by kind of support", RowHead: "Kind of support",
		Columns: []string{"Referrals", "Signposts", "All"}, RowTotals: true, ColTotals: true, Chart: 2,
		Note: "Each service is counted under its main kind of support."}
	rows := map[string][]int{}
	for _, fl := range flows {
		if !k.keep(fl.ServiceID) {
			continue
		}
		l := k.primary(fl.ServiceID)
		if rows[l] == nil {
			rows[l] = make([]int, 2)
		}
		if fl.Signpost {
			rows[l][1] += fl.Made
		} else {
			rows[l][0] += fl.Made
		}
	}
	return byLabel(t, rows, "All kinds")
}

// FunnelTable is what became of the referrals (not signposts) made in
// the period, by the end of it: each stage counts every referral that
// ever reached it.
func FunnelTable(flows []ReferralFlow, k kindOf) Table {
	var f ReferralFlow
	for _, fl := range flows {
		if fl.Signpost || !k.keep(fl.ServiceID) {
			continue
		}
		f.Made += fl.Made
		f.Accepted += fl.Accepted
		f.Attended += fl.Attended
		f.Continued += fl.Continued
		f.Declined += fl.Declined
		f.NotCome += fl.NotCome
		f.Refused += fl.Refused
		f.Withdrawn += fl.Withdrawn
	}
	share := func(n int) Cell { return shareOf(n, f.Made) }
	t := Table{ID: "uptake", Caption: "Uptake: what became of referrals to services", RowHead: "Stage",
		Columns: []string{"Referrals", "Share of referrals"}, Chart: 0,
		Note: "Referrals made in the period, by how far they got by its end. A referral counts at every stage it reached."}
	for _, s := range []struct {
		label string
		n     int
	}{
		{"Referred", f.Made}, {"Accepted", f.Accepted}, {"Attended at least once", f.Attended}, {"Ongoing or completed", f.Continued},
		{"Declined by the service", f.Declined}, {"Did not attend", f.NotCome}, {"Declined by the person", f.Refused}, {"Withdrawn", f.Withdrawn},
	} {
		t.Rows = append(t.Rows, Row{Label: s.label, Cells: []Cell{Count(s.n), share(s.n)}})
	}
	return t
}

// DeclineTable is the referrals services declined, by the reason they
// chose. Words a service added are never shown.
func DeclineTable(counts []ReasonCount, k kindOf) Table {
	t := Table{ID: "declined", Caption: "Referrals declined by services, by reason", RowHead: "Reason",
		Columns: []string{"Referrals"}, ColTotals: true, Chart: 0,
		Note: "Reasons are those services choose from when declining; a service’s own words are not shown."}
	n := make(map[string]int)
	for _, c := range counts {
		if !k.keep(c.ServiceID) {
			continue
		}
		r := "Other or not given"
		if slices.Contains(DeclineReasons, c.Reason) && c.Reason != "Other" {
			r = c.Reason
		}
		n[r] += c.Referrals
	}
	total := 0
	for _, r := range append(DeclineReasons[:len(DeclineReasons)-1:len(DeclineReasons)-1], "Other or not given") {
		t.Rows = append(t.Rows, Row{Label: r, Cells: []Cell{Count(n[r])}})
		total += n[r]
	}
	t.Rows = append(t.Rows, Row{Label: "All declined", Cells: []Cell{Count(total)}, Total: true})
	return t
}

// FirstAttendanceTable is the days from referral to first attendance:
// median and quartiles, overall and by kind of support.
func FirstAttendanceTable(days []ServiceDays, k kindOf) Table {
	t := Table{ID: "first-attendance", Caption: "Days from referral to first attendance", RowHead: "Kind of support",
		Columns: []string{"Referrals attended", "Lower quartile", "Median", "Upper quartile"}, Chart: 2,
		Note: "Referrals made in the period and attended by its end. Quartiles and medians rest on at least 5 referrals."}
	return daysTable(t, days, k, "All kinds")
}

// WaitingTable is the referrals on a waiting list at the end of the
// period, by kind of support, with how long they had waited.
func WaitingTable(days []ServiceDays, k kindOf) Table {
	t := Table{ID: "waiting", Caption: "Waiting lists at the end of the period", RowHead: "Kind of support",
		Columns: []string{"Referrals waiting", "Lower quartile (days)", "Median (days)", "Upper quartile (days)"}, Chart: 0,
		Note: "Referrals on a service’s waiting list on the last day of the period, and the days since each was made."}
	return daysTable(t, days, k, "All kinds")
}

func daysTable(t Table, days []ServiceDays, k kindOf, all string) Table {
	by := map[string][]float64{}
	var every []float64
	for _, d := range days {
		if !k.keep(d.ServiceID) {
			continue
		}
		l := k.primary(d.ServiceID)
		by[l] = append(by[l], d.Days)
		every = append(every, d.Days)
	}
	row := func(label string, v []float64) Row {
		r := Row{Label: label, Cells: []Cell{Count(len(v))}}
		q, _ := Quartiles(v)
		for _, x := range q {
			text := num(x)
			if len(v) == 0 {
				text = ""
			}
			r.Cells = append(r.Cells, Figure(text, len(v)))
		}
		return r
	}
	for _, l := range slices.Sorted(maps.Keys(by)) {
		t.Rows = append(t.Rows, row(l, by[l]))
	}
	r := row(all, every)
	r.Total = true
	t.Rows = append(t.Rows, r)
	// The counts add up down the first column.
	sub := Table{Rows: t.Rows, ColTotals: true}
	Suppress(&sub)
	return t
}

// Questions are the ONS4 questions, in the order of [Scores].
var Questions = []struct {
	Label         string
	LowerIsBetter bool
}{
	{"Life satisfaction", false}, {"Worthwhile", false}, {"Happiness", false}, {"Anxiety", true},
}

// WellbeingTable is the change in ONS4 scores from each person's first
// to their latest, per question: the mean change and the share who
// improved (for anxiety, a lower score is an improvement).
func WellbeingTable(pairs []WellbeingPair) Table {
	t := Table{ID: "wellbeing", Caption: "Wellbeing (ONS4): change from first to latest scores", RowHead: "Question",
		Columns: []string{"People", "Mean first score", "Mean latest score", "Mean change", "Improved", "Share improved"}, Chart: 3,
		Note: "People with scores at least twice, the latest in the period. Scores are out of 10; for anxiety, lower is better and a fall is an improvement."}
	for qi, q := range Questions {
		n, first, latest, improved := 0, 0, 0, 0
		for _, p := range pairs {
			n++
			first += p.First[qi]
			latest += p.Latest[qi]
			if better(q.LowerIsBetter, p.First[qi], p.Latest[qi]) {
				improved++
			}
		}
		r := Row{Label: q.Label, Cells: []Cell{Count(n)}}
		mean := func(s int) string {
			if n == 0 {
				return ""
			}
			return fmt.Sprintf("%.1f", float64(s)/float64(n))
		}
		r.Cells = append(r.Cells, Figure(mean(first), n), Figure(mean(latest), n), Figure(signed(first, latest, n), n), Count(improved), shareOf(improved, n))
		t.Rows = append(t.Rows, r)
	}
	return t
}

// WellbeingByKindTable is the mean change in each ONS4 score by the
// kinds of support of the services people were referred to. Someone
// referred to several kinds counts under each, so rows do not add up.
func WellbeingByKindTable(pairs []WellbeingPair, k kindOf) Table {
	t := Table{ID: "wellbeing-by-kind", Caption: "Wellbeing change by kind of support referred to", RowHead: "Kind of support",
		Columns: []string{"People", "Life satisfaction", "Worthwhile", "Happiness", "Anxiety", "Share more satisfied with life"}, Chart: 1,
		Note: "Mean change from first to latest scores. Someone referred to more than one kind of support counts under each."}
	by := map[string][]WellbeingPair{}
	for _, p := range pairs {
		seen := map[string]bool{}
		for _, id := range p.ServiceIDs {
			for _, kid := range k.kinds[id] {
				if (k.only != "" && kid != k.only) || seen[kid] {
					continue
				}
				seen[kid] = true
				by[k.name(kid)] = append(by[k.name(kid)], p)
			}
		}
	}
	for _, l := range slices.Sorted(maps.Keys(by)) {
		ps := by[l]
		n := len(ps)
		r := Row{Label: l, Cells: []Cell{Count(n)}}
		improved := 0
		for qi := range Questions {
			first, latest := 0, 0
			for _, p := range ps {
				first += p.First[qi]
				latest += p.Latest[qi]
			}
			r.Cells = append(r.Cells, Figure(signed(first, latest, n), n))
		}
		for _, p := range ps {
			if p.Latest[0] > p.First[0] {
				improved++
			}
		}
		r.Cells = append(r.Cells, shareOf(improved, n))
		t.Rows = append(t.Rows, r)
	}
	return t
}

func better(lowerIsBetter bool, first, latest int) bool {
	if lowerIsBetter {
		return latest < first
	}
	return latest > first
}

// unmetNeed is the people needing a kind of support that no service
// reaches in their area, by area.
func (b *Builder) unmetNeed(ctx context.Context, needs []NeedCount, only string) (Table, error) {
	t := Table{ID: "unmet-need", Caption: "Unmet need, by area", RowHead: "Postcode district",
		Columns: []string{"Needs named", "Needs with no service in reach"}, ColTotals: true, Chart: 1,
		Note: "People on the caseload in the period, by the kinds of support “what matters” to them names. A need is unmet when no service of that kind is within reach of their postcode district (worked out from today’s directory) and none can be used from home."}
	if b.Reach == nil {
		t.Note = "Unmet need could not be worked out: the directory’s search index is not available."
		return t, nil
	}
	people := map[string]int{}
	unmet := map[string]int{}
	for _, n := range needs {
		if only != "" && n.Kind != only {
			continue
		}
		area := n.Area
		ok, known := true, false
		if area != "" {
			var err error
			if ok, known, err = b.Reach.Reachable(ctx, area, n.Kind); err != nil {
				return t, err
			}
		}
		if !known {
			// No place to measure reach from: counted, never as unmet.
			area, ok = "Postcode not known", true
		}
		people[area] += n.People
		if !ok {
			unmet[area] += n.People
		}
	}
	total := []int{0, 0}
	for _, a := range slices.Sorted(maps.Keys(people)) {
		t.Rows = append(t.Rows, countRow(a, []int{people[a], unmet[a]}, false))
		total[0] += people[a]
		total[1] += unmet[a]
	}
	t.Rows = append(t.Rows, totalRow(countRow("All areas", total, false)))
	return t, nil
}

// CodedReturnsTable is the GP data return: SNOMED CT coded events per
// practice per month.
func CodedReturnsTable(counts []CodedCount) Table {
	t := Table{ID: "gp-returns", Caption: "SNOMED CT coded events per practice per month", RowHead: "Practice",
		Columns: []string{"Month", "SNOMED CT code", "Term", "Events"}, Chart: -1,
		Note: "Counts of the coded events recorded for each practice’s patients, for entry into returns. Counts from 1 to 4 are shown as <5."}
	for _, c := range counts {
		p := c.Practice
		if p == "" {
			p = "Practice not recorded"
		}
		t.Rows = append(t.Rows, Row{Label: p, Cells: []Cell{{Text: c.Month}, {Text: c.Code}, {Text: c.Term}, Count(c.Events)}})
	}
	Suppress(&t)
	return t
}

// byLabel turns counts by label into sorted rows with a total column
// and a total row.
func byLabel(t Table, rows map[string][]int, all string) Table {
	total := []int{}
	for _, l := range slices.Sorted(maps.Keys(rows)) {
		t.Rows = append(t.Rows, countRow(l, rows[l], true))
		for i, n := range rows[l] {
			if i >= len(total) {
				total = append(total, 0)
			}
			total[i] += n
		}
	}
	if len(total) == 0 {
		total = make([]int, len(t.Columns)-1)
	}
	t.Rows = append(t.Rows, totalRow(countRow(all, total, true)))
	return t
}

// countRow is a row of counts, with their sum after them if withTotal.
func countRow(label string, ns []int, withTotal bool) Row {
	r := Row{Label: label}
	for _, n := range ns {
		r.Cells = append(r.Cells, Count(n))
	}
	if withTotal {
		r.Cells = append(r.Cells, Count(sum(ns)))
	}
	return r
}

func totalRow(r Row) Row { r.Total = true; return r }

func sum(ns []int) int {
	s := 0
	for _, n := range ns {
		s += n
	}
	return s
}

func signed(first, latest, n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%+.1f", float64(latest-first)/float64(n))
}

// shareOf is k out of n as a percentage. It is withheld with too few
// behind it, and also when k itself would be withheld: 25% of 12 gives
// away a 3.
func shareOf(k, n int) Cell {
	if n == 0 {
		return Figure("", 0)
	}
	c := Figure(fmt.Sprintf("%.0f%%", 100*float64(k)/float64(n)), n)
	if k > 0 && k < SmallNumber {
		c.Suppressed = true
	}
	return c
}

func num(x float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0")
}

// Quartiles returns the lower quartile, median and upper quartile of v
// (linear interpolation between the closest ranks), and false when v is
// empty.
func Quartiles(v []float64) ([3]float64, bool) {
	if len(v) == 0 {
		return [3]float64{}, false
	}
	s := slices.Sorted(slices.Values(v))
	at := func(p float64) float64 {
		pos := p * float64(len(s)-1)
		i := int(pos)
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (pos-float64(i))*(s[i+1]-s[i])
	}
	return [3]float64{at(0.25), at(0.5), at(0.75)}, true
}
