package matcher

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/lexicon"
)

// searcher finds candidate services (the search index).
type searcher interface {
	Search(ctx context.Context, q directory.Query) (directory.Result, error)
}

// services loads full listings (the store).
type services interface {
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
}

// Matcher ranks services for a person's profile.
type Matcher struct {
	search   searcher
	services services
	cfg      *Config

	// KindNames names kinds of support in explanations (id → name).
	KindNames map[string]string
	// Uptake, when set, returns how referrals to the given services have
	// gone, and the average uptake score across all services.
	Uptake func(ctx context.Context, ids []string) (map[string]Uptake, float64, error)
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Read, when set, classifies a person's words into kinds of support,
	// whole and a clause at a time (the classifier that gives services
	// their kinds). It orders the kinds of the phrases the concept map
	// read: see reorderKinds.
	Read func(text string) []KindReading
}

// KindReading is a kind of support Read found in a person's words, how
// sure it is, and the words that led to it.
type KindReading struct {
	Kind        string
	Probability float64
	Words       []string
}

// New returns a Matcher over a search index and a store.
func New(search searcher, svc services, cfg *Config) *Matcher {
	return &Matcher{search: search, services: svc, cfg: cfg, KindNames: map[string]string{}, Now: time.Now}
}

// Match is one suggested service with why it was suggested.
type Match struct {
	Service    *directory.Service
	Score      float64
	DistanceKm float64 // -1 when the service has no place or no location was given
	Reasons    []string
	Warnings   []string
	Components map[string]float64
	Next       time.Time // next session, zero when unknown
}

// Relaxation says what easing one hard constraint would give.
type Relaxation struct {
	Constraint string `json:"constraint"`
	Suggestion string `json:"suggestion"`
	More       int    `json:"more"`
}

// Result is the matcher's answer.
type Result struct {
	Matches         []Match
	TotalCandidates int
	Relaxations     []Relaxation
	Understood      []directory.ConceptMatch
}

// nearbyKm bounds the first search for the nearest services of each
// kind asked for; where fewer are close by, the search widens to the
// person's full distance.
const nearbyKm = 4

// group is one thing the person asked for, as kinds of support: a phrase
// read through the concept map, or a need named outright.
type group struct {
	label string // the phrase, or the kind's name
	kinds []string
	// cues are the stems of the words that carry the need (the phrase's
	// meaningful words, a classifier's telling words, the concept's
	// expansions): a listing that uses them is about the need even when
	// its kinds, inferred from its text, say otherwise.
	cues []string
	// weight scales how well a service of the kinds fits: below 1 for a
	// need a classifier inferred rather than one a phrase or the link
	// worker named.
	weight float64
}

// inferredWeight is the weight of a need a classifier read: it is a
// guess from the person's words, so a service of that kind counts for
// less than one of a kind named outright.
const inferredWeight = 0.6

// reading is what the matcher took from the person's words.
type reading struct {
	groups  []group  // the things asked for: phrases read as kinds, and needs
	refused []string // phrases the person turned down
	atHome  bool     // they said getting out is hard
	// words are the person's words that carry meaning, as searched: the
	// only ones a listing may be said to mention.
	words []string
}

// baseQuery puts the profile's hard constraints into a search query.
func (m *Matcher) baseQuery(p *Profile) directory.Query {
	q := directory.Query{
		Accepting: []directory.Capacity{directory.CapacityOpen, directory.CapacityWaitingList},
		Age:       p.Age,
		Free:      p.FreeOnly,
		Remote:    directory.RemoteExcluded,
	}
	if p.OnlineOK {
		q.Remote = directory.RemoteIncluded
	}
	if p.Location != nil {
		q.Near, q.RadiusKm = p.Location, p.Radius()
	}
	return q
}

// Match returns the best services for p, explained.
func (m *Matcher) Match(ctx context.Context, p Profile) (*Result, error) {
	if strings.TrimSpace(p.Priorities) == "" {
		return nil, directory.Errorf(directory.Invalid, "priorities: say what matters to the person")
	}
	now := m.Now()
	base := m.baseQuery(&p)

	q := base
	q.Text, q.BoostKinds, q.Limit, q.Sort = p.Priorities, p.Needs, m.cfg.Candidates, directory.ByScore
	res, err := m.search.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	var groups []group
	var refused []string
	atHome := false
	for _, c := range res.Concepts {
		if c.Negated {
			refused = append(refused, c.Phrase)
			continue
		}
		atHome = atHome || c.AtHome
		if len(c.Kinds) > 0 {
			g := group{label: c.Phrase, kinds: c.Kinds, weight: 1, cues: cueStems(c)}
			if c.Inferred {
				g.weight = inferredWeight
			}
			groups = append(groups, g)
		}
	}
	if m.Read != nil {
		groups = reorderKinds(groups, p.Priorities, m.Read)
	}
	for _, n := range p.Needs {
		groups = append(groups, group{label: m.kindName(n), kinds: []string{n}, weight: 1})
	}
	reading := reading{groups: groups, refused: refused, atHome: atHome, words: res.Words}

	// Words alone may leave out a kind the person asked for; fetch the
	// nearest of each asked-for kind as candidates too.
	text := map[string]float64{}
	dist := map[string]float64{}
	var ids []string
	add := func(h directory.Hit, relevance float64) {
		if _, ok := dist[h.ID]; !ok {
			ids = append(ids, h.ID)
			dist[h.ID] = h.DistanceKm
		}
		text[h.ID] = max(text[h.ID], relevance)
	}
	for _, h := range res.Hits {
		add(h, h.Score)
	}
	total, fromMain := res.Total, len(ids)
	first, err := m.services.ServicesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	// The asks are searched side by side: each is its own index search,
	// and the costliest part of a match, so an ask the main search
	// already answered well is not searched again.
	found := make([]directory.Result, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		if answered(first, g.kinds) {
			continue
		}
		gq := base
		gq.Kinds, gq.Limit = g.kinds, 30
		if p.Location != nil {
			// The nearest of the kind: sorting by distance reads every
			// match's position, so search close by first.
			gq.Sort, gq.RadiusKm = directory.ByDistance, min(gq.RadiusKm, nearbyKm)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[i], errs[i] = m.search.Search(ctx, gq)
			if errs[i] == nil && found[i].Total < 5 && gq.RadiusKm < base.RadiusKm {
				// Few close by: look as far as the person can go.
				gq.RadiusKm = base.RadiusKm
				found[i], errs[i] = m.search.Search(ctx, gq)
			}
		}()
	}
	wg.Wait()
	for i := range groups {
		if errs[i] != nil {
			return nil, errs[i]
		}
		for _, h := range found[i].Hits {
			add(h, 0)
		}
	}
	listings, err := m.services.ServicesByID(ctx, ids[fromMain:])
	if err != nil {
		return nil, err
	}
	var uptake map[string]Uptake
	avgUptake := 0.5
	if m.Uptake != nil {
		if uptake, avgUptake, err = m.Uptake(ctx, ids); err != nil {
			return nil, err
		}
	}

	var cands []*candidate
	for _, id := range ids {
		s, ok := first[id]
		if !ok {
			s, ok = listings[id]
		}
		if !ok {
			continue // withdrawn since the index caught up
		}
		d := dist[id]
		if p.Location != nil {
			d = nearestKm(&p, s)
		}
		if Violation(&p, s, d) != "" {
			continue // the index lagged behind the store: never suggest it
		}
		c := &candidate{s: s, text: text[id], distanceKm: d}
		m.score(c, &p, &reading, uptake[id], avgUptake, now)
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	chosen := m.diversify(cands, groups, p.limit())
	// Diversifying picks which services to suggest, in an order that
	// weighs how much each repeats the ones before; a list shown with its
	// scores reads as ranked by them, so the chosen are shown best score
	// first (as rounded for showing, so equal-looking scores keep the
	// diversified order between them).
	sort.SliceStable(chosen, func(i, j int) bool { return round3(chosen[i].score) > round3(chosen[j].score) })

	out := &Result{TotalCandidates: max(total, len(cands)), Understood: res.Concepts}
	for _, c := range chosen {
		mt := Match{Service: c.s, Score: round3(c.score), DistanceKm: c.distanceKm, Components: c.comp, Reasons: c.reasons, Warnings: c.warnings}
		mt.Next, _ = c.s.NextSession(now)
		out.Matches = append(out.Matches, mt)
	}
	if len(out.Matches) < p.limit() {
		if out.Relaxations, err = m.relaxations(ctx, &p, base, total); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// enoughOfKind is how many services of an asked-for kind the main search
// must have found for that kind not to be searched on its own.
const enoughOfKind = 10

// answered says whether the services found include enough of the kinds.
func answered(found map[string]*directory.Service, kinds []string) bool {
	n := 0
	for _, s := range found {
		if sharesAny(s.KindIDs(), kinds) {
			n++
		}
	}
	return n >= enoughOfKind
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func (m *Matcher) kindName(id string) string {
	if n := m.KindNames[id]; n != "" {
		return n
	}
	return id
}

// nearestKm is the distance from the person to the service's nearest
// place, or -1 when it has none.
func nearestKm(p *Profile, s *directory.Service) float64 {
	best := -1.0
	for _, sal := range s.Locations {
		if pt := sal.Location.PublicPoint(); pt != nil {
			if d := geo.DistanceKm(*p.Location, *pt); best < 0 || d < best {
				best = d
			}
		}
	}
	return best
}

// Violation names the hard constraint s breaks for p, or returns "".
// distanceKm is to the service's nearest place, -1 when it has none.
func Violation(p *Profile, s *directory.Service, distanceKm float64) string {
	switch {
	case s.Status != directory.StatusActive:
		return "not running"
	case s.Accepting == directory.CapacityFull:
		return "full"
	case p.Age != nil && s.MinimumAge != nil && *p.Age < *s.MinimumAge:
		return "too young"
	case p.Age != nil && s.MaximumAge != nil && *p.Age > *s.MaximumAge:
		return "too old"
	case p.FreeOnly && !s.IsFree():
		return "not free"
	}
	inPerson := slices.Contains(s.Attending(), "in_person")
	remote := !inPerson || distanceKm < 0
	switch {
	case remote && !p.OnlineOK && !inPerson:
		return "online or by phone"
	case p.Location != nil && !p.OnlineOK && distanceKm < 0:
		return "no known place"
	case p.Location != nil && distanceKm > p.Radius() && !(p.OnlineOK && hasRemote(s)):
		return "too far"
	}
	return ""
}

func hasRemote(s *directory.Service) bool {
	for _, a := range s.Attending() {
		if a == "online" || a == "phone" {
			return true
		}
	}
	return false
}

// score fills c's components, total, reasons and warnings.
func (m *Matcher) score(c *candidate, p *Profile, r *reading, u Uptake, avgUptake float64, now time.Time) {
	s, groups := c.s, r.groups
	comp := map[string]float64{}
	var reasons, warnings []string

	comp[CText] = c.text
	best, how := 0.0, ""
	terms := s.KindIDs()
	listing := listingWords(s)
	for gi, g := range groups {
		evidence := cueShare(g.cues, listing)
		if fit := g.weight * cueOnlyFit * evidence; fit > best && !sharesAny(terms, g.kinds) {
			// Its kinds miss the need but its own words name it.
			best, how = fit, fmt.Sprintf("matches ‘%s’", g.label)
		}
		for rank, k := range g.kinds {
			pos := slices.Index(terms, k)
			if pos < 0 {
				continue
			}
			// A concept's first kind is its best reading, and a service's
			// first kind is what it mainly is.
			fit := g.weight / (1 + 0.5*float64(rank))
			if pos > 0 {
				fit *= 0.5
			}
			// A kind the classifier inferred counts by how sure it was:
			// a directory's own tags and an admin's say are sure.
			fit *= kindCertainty(s.Kinds[pos])
			// An inferred kind with the need's own words in the listing
			// is surer than one without them.
			if len(g.cues) > 0 && s.Kinds[pos].Source == directory.KindInferred {
				fit *= 1 - cueWeight + cueWeight*evidence
			}
			if fit > best {
				best = fit
				if gi >= len(groups)-len(p.Needs) && g.label == m.kindName(k) {
					how = m.kindName(k) + ", as asked"
				} else {
					how = fmt.Sprintf("matches ‘%s’ → %s", g.label, m.kindName(k))
				}
			}
			c.concepts = append(c.concepts, gi)
		}
	}
	comp[CKind] = best
	if how != "" {
		reasons = append(reasons, how)
	} else if words := mentioned(r.words, s); len(words) > 0 {
		reasons = append(reasons, "mentions "+quoteJoin(words))
	}

	comp[CDistance] = m.cfg.scoreDistance(p, c.distanceKm)
	if r.atHome && hasRemote(s) {
		comp[CDistance] = max(comp[CDistance], m.cfg.AtHomeRemoteDistanceScore)
	}
	switch {
	case c.distanceKm >= 0 && p.Location != nil:
		r := fmt.Sprintf("%.1f km", c.distanceKm)
		if t := travelTime(c.distanceKm, p.Travel); t != "" {
			r += ", " + t
		}
		reasons = append(reasons, r)
	case hasRemote(s) && !slices.Contains(s.Attending(), "in_person"):
		if slices.Contains(s.Attending(), "phone") {
			reasons = append(reasons, "by phone, from home")
		} else {
			reasons = append(reasons, "online, from home")
		}
	}

	sched, sc, w := scoreSchedule(p, s)
	comp[CSchedule] = sched
	switch {
	case sc != nil:
		reasons = append(reasons, fmt.Sprintf("%s, when you are free (%s %s–%s)", sc.Summary(), w.Day, w.From, w.To))
	case len(p.Available) > 0 && sched == 0:
		warnings = append(warnings, "not at a time you said you are free")
	case len(p.Available) > 0:
		warnings = append(warnings, "no times listed: ask when it runs")
	}

	access, met, unknown := scoreAccess(p, s)
	comp[CAccess] = access
	reasons = append(reasons, met...)
	warnings = append(warnings, unknown...)

	lang, name := scoreLanguage(p, s)
	comp[CLanguage] = lang
	if name != "" && !strings.EqualFold(name, "english") && !strings.EqualFold(name, "en") {
		reasons = append(reasons, "in "+name)
	} else if lang < 1 {
		warnings = append(warnings, "no other language listed: ask about interpreters")
	}

	comp[CCost] = scoreCost(s)
	if s.IsFree() {
		reasons = append(reasons, "free")
	}

	comp[CCapacity] = scoreCapacity(s)
	if s.Accepting == directory.CapacityWaitingList {
		wait := "waiting list"
		switch {
		case s.TypicalWaitDays >= 7:
			wait += fmt.Sprintf(" about %s", pluralWeeks((s.TypicalWaitDays+3)/7))
		case s.WaitTime != "":
			wait += " (" + s.WaitTime + ")"
		}
		warnings = append(warnings, wait)
	}

	rec, months := scoreRecency(s, now)
	comp[CRecency] = rec
	switch {
	case months < 0:
		warnings = append(warnings, "never verified: check it is still running")
	case months >= 6:
		warnings = append(warnings, fmt.Sprintf("last verified %d months ago", months))
	}

	comp[CUptake] = m.cfg.scoreUptake(u, avgUptake)

	total, weights := 0.0, 0.0
	for _, name := range Components {
		w := m.cfg.Weights[name]
		total += w * comp[name]
		weights += w
		comp[name] = round3(comp[name])
	}
	c.score = total / weights
	if phrase := refusedBy(r.refused, s); phrase != "" {
		c.score *= m.cfg.RefusedFactor
		warnings = append(warnings, fmt.Sprintf("they said they are not keen on ‘%s’", phrase))
	}
	c.comp, c.reasons, c.warnings = comp, reasons, warnings
}

// cueOnlyFit is the most a listing whose kinds miss a need can fit it
// through its words alone; cueWeight is how much of a kind's fit rests
// on the listing using the need's words.
const (
	cueOnlyFit = 0.6
	cueWeight  = 0.3
)

// cueStems are the stems of the words that carry a need read from the
// person's words.
func cueStems(c directory.ConceptMatch) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range [][]string{strings.Fields(c.Phrase), c.Words, c.Expand} {
		for _, w := range part {
			for _, f := range strings.FieldsFunc(strings.ToLower(w), notLetter) {
				st := stem(f)
				if len(st) < 3 || lexicon.NoSignal(f) || lexicon.Filler(f) || seen[st] {
					continue
				}
				seen[st] = true
				out = append(out, st)
			}
		}
	}
	return out
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// stem is a light stem, enough to meet plurals and -ing forms.
func stem(w string) string {
	for _, suf := range []string{"ing", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// listingWords are the stems of the words of a listing's name,
// description and own taxonomy terms.
func listingWords(s *directory.Service) map[string]bool {
	out := map[string]bool{}
	add := func(text string) {
		for _, f := range strings.FieldsFunc(strings.ToLower(text), notLetter) {
			out[stem(lexicon.UK(f))] = true
		}
	}
	add(s.Name)
	add(s.Description)
	for _, t := range s.Terms {
		add(t.Name)
	}
	return out
}

// cueShare is the share of cues the listing uses, 0 to 1.
func cueShare(cues []string, listing map[string]bool) float64 {
	if len(cues) == 0 {
		return 0
	}
	n := 0
	for _, c := range cues {
		if listing[c] || listing[stem(lexicon.UK(c))] {
			n++
		}
	}
	return float64(n) / float64(len(cues))
}

// kindCertainty is how far a service's kind can be trusted, 0.5 to 1:
// inferred kinds by the classifier's confidence, the rest fully.
func kindCertainty(k directory.ServiceKind) float64 {
	if k.Source != directory.KindInferred {
		return 1
	}
	return 0.5 + 0.5*min(1, max(0, k.Confidence))
}

// refusedBy returns the phrase, of those the person turned down, that the
// service's name says it is ("Tuesday Coffee Morning" for "coffee
// mornings"). The name, not the description: many listings mention a
// cuppa in passing.
func refusedBy(refused []string, s *directory.Service) string {
	name := " " + strings.Join(strings.FieldsFunc(strings.ToLower(s.Name), func(r rune) bool { return !unicode.IsLetter(r) }), " ") + " "
	for _, phrase := range refused {
		singular := strings.TrimSuffix(phrase, "s")
		if strings.Contains(name, " "+phrase+" ") || strings.Contains(name, " "+singular+" ") {
			return phrase
		}
	}
	return ""
}

func pluralWeeks(n int) string {
	if n == 1 {
		return "1 week"
	}
	return fmt.Sprintf("%d weeks", n)
}

// mentioned returns the person's meaningful words that the listing uses,
// as the plainest explanation of a text match. The words come from the
// search, which has already left out those with no signal ("behind",
// "round", "here"): with none left, nothing is said to be mentioned.
func mentioned(words []string, s *directory.Service) []string {
	hay := strings.ToLower(s.Name + " " + s.Description)
	var out []string
	for _, w := range words {
		stem := strings.TrimSuffix(strings.TrimSuffix(w, "s"), "ing")
		if len(stem) >= 4 && strings.Contains(hay, stem) {
			out = append(out, w)
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

func quoteJoin(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "‘" + w + "’"
	}
	return strings.Join(q, ", ")
}
