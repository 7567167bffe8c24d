package synth

import (
	"strconv"
	"time"

	"github.com/linkway/linkway/directory"
)

// build is the making of one service: its random stream, the buffer its
// strings are written to and the service so far.
type build struct {
	g  *Generator
	r  rng
	t  *text
	i  int
	s  *directory.Service
	id span // the service id in t
}

// Service returns the i-th service (i >= 0). The same seed and i always
// give the same service, and no call depends on another, so services can
// be generated in parallel and service i regenerated on its own.
//
// The strings of one service share one backing array; changing a field
// replaces its string and leaves the others as they were.
func (g *Generator) Service(i int) *directory.Service {
	if i < 0 {
		panic("synth: negative service index " + strconv.Itoa(i))
	}
	t, _ := g.texts.Get().(*text)
	if t == nil {
		t = &text{buf: make([]byte, 0, 2048), refs: make([]textRef, 0, 64)}
	}
	b := build{g: g, r: newRNG(uint64(g.seed), uint64(i)), t: t, i: i, s: &directory.Service{}}
	b.service()
	t.flush()
	g.texts.Put(t)
	return b.s
}

func (b *build) service() {
	g, r, t, s := b.g, &b.r, b.t, b.s
	o := b.organization()
	s.Organization = o.Organization
	b.id = t.str("svc-").num(b.i, 7).to(&s.ID)

	m := atVenue
	switch u := r.Float64(); {
	case u < onlineShare:
		m = online
	case u < onlineShare+phoneShare:
		m = byPhone
	}
	primary := g.byMode[m].pick(r)
	k := &g.kinds[primary]
	second := -1
	if len(g.kinds) > 1 && r.Float64() < secondTermShare {
		second = g.secondKind(r, primary)
	}
	s.Terms = make([]directory.Term, 1, 2)
	s.Terms[0] = k.term
	if second >= 0 {
		s.Terms = append(s.Terms, g.kinds[second].term)
	}

	// Most services run in their organisation's home district; the rest
	// are outreach elsewhere.
	oc := o.home
	if m == atVenue && r.Float64() < 0.2 {
		oc = g.outcode(r)
	}
	t.fill(k.names[r.IntN(len(k.names))], g.place(oc)).to(&s.Name)
	b.description(m, k, second)
	if r.Float64() < 0.6 {
		t.again(o.site).byte('/').str(k.term.ID).to(&s.URL)
	}
	if r.Float64() < 0.5 {
		t.alias(&s.Email, o.email)
	}

	monthly := m != byPhone && r.Float64() < monthlyShare
	switch m {
	case atVenue:
		n := 1
		if r.Float64() < twoVenueShare {
			n = 2
		}
		s.Locations = make([]directory.ServiceAtLocation, n)
		for j := range n {
			b.venue(&s.Locations[j], j, oc, k.when, monthly)
		}
	case online:
		s.Locations = make([]directory.ServiceAtLocation, 1)
		b.virtual(&s.Locations[0], o, k.when, monthly)
	case byPhone:
		s.Schedules = make([]directory.Schedule, 1)
		b.helplineHours(&s.Schedules[0])
	}
	if m == byPhone || r.Float64() < 0.7 {
		b.phone(m, oc)
	}

	b.status(m)
	b.eligibility(k)
	b.areas(m)
	b.cost(k.free || r.Float64() < g.freeRest)
	b.languages()
	b.verified(o)
}

// org is an organisation with the district it is based in.
type org struct {
	*directory.Organization
	home        int
	site, email span
}

// organization returns the organisation that runs the service. Everything
// about it comes from its own index, so every service it runs carries an
// identical copy.
func (b *build) organization() org {
	g := b.g
	block := b.i / orgBlock
	pos := b.i % orgBlock
	br := newRNG(uint64(g.seed)^blockSalt, uint64(block))
	// orgsPerBlock-1 distinct cuts in 1..orgBlock-1 split the block
	// into organisations of one or more services.
	var cuts uint32
	for n := 0; n < orgsPerBlock-1; {
		c := 1 + br.IntN(orgBlock-1)
		if cuts&(1<<c) == 0 {
			cuts |= 1 << c
			n++
		}
	}
	k := 0
	for c := 1; c <= pos; c++ {
		if cuts&(1<<c) != 0 {
			k++
		}
	}
	n := block*orgsPerBlock + k

	r := newRNG(uint64(g.seed)^orgSalt, uint64(n))
	o := org{Organization: &directory.Organization{}, home: g.outcode(&r)}
	pl := g.district[o.home].place
	name := g.orgNames[r.IntN(len(g.orgNames))]
	desc := g.orgDescs[r.IntN(len(g.orgDescs))]

	t := b.t
	t.str("org-").num(n, 6).to(&o.ID)
	t.fill(name, places[pl]).to(&o.Name)
	t.fill(desc, places[pl]).to(&o.Description)
	const scheme = "https://www."
	t.str(scheme).str(name.preSlug)
	if name.hasPlace {
		t.str(g.placeSlugs[pl]).str(name.postSlug)
	}
	o.site = t.str(".example.org").to(&o.Website)
	domain := span{o.site.from + len(scheme), o.site.to}
	o.email = t.str("hello@").again(domain).to(&o.Email)
	return o
}

// secondKind returns a kind to list after primary: usually one often
// found alongside it, else one drawn as for a venue.
func (g *Generator) secondKind(r *rng, primary int) int {
	if rel := g.kinds[primary].related; len(rel) > 0 && r.Float64() < 0.7 {
		return rel[r.IntN(len(rel))]
	}
	if g.byMode[atVenue].share(primary) == 1 {
		// The only kind offered at venues: take any other.
		j := r.IntN(len(g.kinds) - 1)
		if j >= primary {
			j++
		}
		return j
	}
	for {
		if j := g.byMode[atVenue].pick(r); j != primary {
			return j
		}
	}
}

// description joins two to four sentences about the kind of support (one
// of them about the second kind, when there is one) and up to two that
// any listing might carry.
func (b *build) description(m mode, k *kind, second int) {
	r, t := &b.r, b.t
	sep := false
	add := func(s string) {
		if sep {
			t.byte(' ')
		}
		t.str(s)
		sep = true
	}
	n := 2 + r.IntN(3)
	own := n
	if second >= 0 && n > 2 {
		own--
	}
	var idx [16]int
	pool := idx[:min(len(k.sentences), len(idx))]
	for j := range pool {
		pool[j] = j
	}
	for j := 0; j < own && j < len(pool); j++ {
		x := j + r.IntN(len(pool)-j)
		pool[j], pool[x] = pool[x], pool[j]
		add(k.sentences[pool[j]])
	}
	if own < n {
		ss := b.g.kinds[second].sentences
		add(ss[r.IntN(len(ss))])
	}
	generic := anySentences
	if m == atVenue {
		generic = venueSentences
	}
	switch u := r.Float64(); {
	case u < 0.25:
	case u < 0.75:
		add(generic[r.IntN(len(generic))])
	default:
		a := r.IntN(len(generic))
		add(generic[a])
		add(generic[(a+1+r.IntN(len(generic)-1))%len(generic)])
	}
	t.to(&b.s.Description)
}

// The inward code's letters leave out C, I, K, M, O and V.
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

// locationIDs writes the ids of the service's j-th location and its
// service-at-location record: "loc-%07d-%d" and "sal-%07d-%d".
func (b *build) locationIDs(sal *directory.ServiceAtLocation, j int) (loc, at span) {
	loc = b.t.str("loc-").num(b.i, 7).byte('-').num(j, 1).to(&sal.Location.ID)
	at = b.t.str("sal-").num(b.i, 7).byte('-').num(j, 1).to(&sal.ID)
	return loc, at
}

// venue fills in the service's j-th place of delivery, in district oc.
func (b *build) venue(sal *directory.ServiceAtLocation, j, oc int, w when, monthly bool) {
	g, r, t := b.g, &b.r, b.t
	locID, salID := b.locationIDs(sal, j)
	place := g.place(oc)
	loc := &sal.Location
	loc.Type = directory.Physical
	t.fill(g.venues[r.IntN(len(g.venues))], place).to(&loc.Name)
	loc.Point = g.point(r, oc)

	loc.Addresses = make([]directory.Address, 1)
	a := &loc.Addresses[0]
	t.again(locID).str("-address-0").to(&a.ID)
	t.num(1+r.IntN(180), 1).byte(' ').str(streets[r.IntN(len(streets))]).to(&a.Address1)
	t.str(g.outcodes[oc].Code).byte(' ').byte(byte('0' + r.IntN(10))).
		byte(inwardLetters[r.IntN(len(inwardLetters))]).byte(inwardLetters[r.IntN(len(inwardLetters))]).
		to(&a.PostalCode)
	a.City, a.Country, a.Type = place, "GB", "physical"

	if r.Float64() < 0.4 {
		loc.Transportation = transport[r.IntN(len(transport))]
	}
	b.accessibility(loc, locID)
	b.sessions(&sal.Schedules, salID, w, monthly, "in person")
}

var transport = []string{
	"Bus stop outside.", "Five minutes' walk from the station.", "Free car park at the back.",
	"Buses stop on the main road, two minutes away.", "Limited on-street parking.",
}

// accessibility describes a venue's access: most venues are accessible,
// older halls not.
func (b *build) accessibility(loc *directory.Location, locID span) {
	r := &b.r
	var have [4]bool // wheelchair, step-free, hearing loop, accessible toilet
	have[0] = r.Float64() < 0.7
	have[1] = have[0] && r.Float64() < 0.9 || !have[0] && r.Float64() < 0.2
	have[2] = r.Float64() < 0.3
	have[3] = have[0] && r.Float64() < 0.8 || !have[0] && r.Float64() < 0.15
	n := 0
	for _, h := range have {
		if h {
			n++
		}
	}
	loc.Accessibility = make([]directory.Accessibility, max(n, 1))
	if n == 0 {
		loc.Accessibility[0] = directory.Accessibility{
			Description: "Steps at the main entrance and no lift",
			Details:     "Please call ahead and we will do our best to help.",
		}
	}
	j := 0
	for f, h := range have {
		if !h {
			continue
		}
		a := &loc.Accessibility[j]
		a.Description = accessFeatures[f]
		if f == 1 {
			a.Details = stepFree[r.IntN(len(stepFree))]
		}
		j++
	}
	for j := range loc.Accessibility {
		b.t.again(locID).str("-access-").num(j, 1).to(&loc.Accessibility[j].ID)
	}
}

var (
	accessFeatures = [4]string{"Wheelchair accessible", "Step-free access", "Hearing loop", "Accessible toilet"}
	stepFree       = []string{"", "Ramp at the side entrance.", "Lift to all floors.", "Level entrance from the car park."}
	virtualNames   = []string{"Online (Zoom)", "Online (Microsoft Teams)", "Online, through our website", "Online video group"}
)

// virtual fills in the online place of an online-only service.
func (b *build) virtual(sal *directory.ServiceAtLocation, o org, w when, monthly bool) {
	_, salID := b.locationIDs(sal, 0)
	sal.Location.Type = directory.Virtual
	sal.Location.Name = virtualNames[b.r.IntN(len(virtualNames))]
	b.t.again(o.site).str("/online").to(&sal.Location.URL)
	b.sessions(&sal.Schedules, salID, w, monthly, "online")
}

// Start times (minutes after midnight) by the part of the day a group
// meets, and session lengths.
var (
	starts = [...][]int{
		anytime:  {570, 600, 630, 660, 810, 840, 1080, 1110, 1140},
		mornings: {540, 570, 600, 600, 630, 660},
		middays:  {690, 720, 720, 750},
		daytime:  {570, 600, 630, 660, 780, 810, 840},
		evenings: {960, 1050, 1080, 1110, 1140, 1140},
	}
	lengths = []int{60, 90, 120, 120, 150, 180}
)

const lastClose = 21 * 60

// Days of the week as iCal writes them, Monday first, and how often
// groups meet on each.
var (
	dayCodes   = [7]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	dayWeights = picker{17, 37, 57, 77, 91, 98, 100} // running totals of 17, 20, 20, 20, 14, 7, 2
)

// sessions sets one or two weekly sessions, or one monthly session, each
// one to three hours long between 09:00 and 21:00.
func (b *build) sessions(dst *[]directory.Schedule, owner span, w when, monthly bool, attending string) {
	r, t := &b.r, b.t
	n := 1
	if !monthly && r.Float64() < 0.3 {
		n = 2
	}
	*dst = make([]directory.Schedule, n)
	var used uint8 // days already taken, by bit
	for j := range *dst {
		sc := &(*dst)[j]
		day := dayWeights.pick(r)
		for used&(1<<day) != 0 {
			day = dayWeights.pick(r)
		}
		used |= 1 << day
		ss := starts[w]
		open := ss[r.IntN(len(ss))]
		closes := min(open+lengths[r.IntN(len(lengths))], lastClose)
		t.again(owner).str("-schedule-").num(j, 1).to(&sc.ID)
		t.clock(open).to(&sc.Opens)
		t.clock(closes).to(&sc.Closes)
		sc.Freq, sc.Interval, sc.AttendingType = directory.Weekly, 1, attending
		switch {
		case monthly:
			sc.Freq = directory.Monthly
			if ord := 1 + r.IntN(5); ord == 5 { // the last in the month
				t.str("-1")
			} else {
				t.num(ord, 1)
			}
			t.str(dayCodes[day]).to(&sc.ByDay)
		case r.Float64() < 0.25:
			// Twice a week at the same time, the days in week order.
			other := (day + 2 + r.IntN(2)) % 5
			used |= 1 << other
			t.str(dayCodes[min(day, other)]).byte(',').str(dayCodes[max(day, other)]).to(&sc.ByDay)
		default:
			sc.ByDay = dayCodes[day]
		}
	}
}

// helplineHours are office hours, Monday to Friday.
func (b *build) helplineHours(sc *directory.Schedule) {
	b.t.again(b.id).str("-schedule-0").to(&sc.ID)
	sc.Freq, sc.Interval, sc.ByDay = directory.Weekly, 1, "MO,TU,WE,TH,FR"
	sc.Opens, sc.Closes, sc.AttendingType = "09:00", "17:00", "phone"
}

// phone gives the service a number in a drama range: a local one for the
// district, or sometimes a mobile for a group run by volunteers.
func (b *build) phone(m mode, oc int) {
	r, t := &b.r, b.t
	b.s.Phones = make([]directory.Phone, 1)
	p := &b.s.Phones[0]
	prefix, desc := b.g.district[oc].phone, "Enquiries"
	switch {
	case m == byPhone:
		desc = "Helpline"
	case r.Float64() < 0.25:
		prefix, desc = mobilePhonePrefix, "Group organiser"
	}
	t.again(b.id).str("-phone-0").to(&p.ID)
	t.str(prefix).num(r.IntN(1000), 3).to(&p.Number)
	p.Type, p.Description = "voice", desc
}

// Alerts for a temporarily closed service.
var closedAlerts = []string{
	"Closed for refurbishment until further notice.",
	"Taking a summer break; back in September.",
	"Sessions paused while we recruit new volunteers.",
	"Closed while we look for a new venue.",
}

// status sets whether the service runs, whether it is taking people and
// how they get in.
func (b *build) status(m mode) {
	r, t, s := &b.r, b.t, b.s
	switch u := r.Float64(); {
	case u < 0.97:
		s.Status = directory.StatusActive
	case u < 0.985:
		s.Status = directory.StatusTemporarilyClosed
		s.Alert = closedAlerts[r.IntN(len(closedAlerts))]
	case u < 0.995:
		s.Status = directory.StatusInactive
	default:
		s.Status = directory.StatusDefunct
	}
	switch u := r.Float64(); {
	case u < 0.90:
		s.Accepting = directory.CapacityOpen
	case u < 0.97:
		s.Accepting = directory.CapacityWaitingList
		weeks := 2 + r.IntN(11)
		s.TypicalWaitDays = 7 * weeks
		t.str("About ").num(weeks, 1).str(" weeks").to(&s.WaitTime)
	default:
		s.Accepting = directory.CapacityFull
		s.WaitTime = "Not taking new people at the moment."
	}

	routes := [3]directory.ReferralRoute{directory.DropIn, directory.SelfReferral, directory.ProfessionalReferral}
	avail := routes[:]
	if m != atVenue {
		avail = routes[1:] // nobody drops in to a phone line
	}
	n := 1
	switch u := r.Float64(); {
	case u < 0.15 && len(avail) == 3:
		n = 3
	case u < 0.55:
		n = 2
	}
	for a := len(avail) - 1; a > 0; a-- {
		x := r.IntN(a + 1)
		avail[a], avail[x] = avail[x], avail[a]
	}
	s.ReferralRoutes = make([]directory.ReferralRoute, n)
	copy(s.ReferralRoutes, avail)
	for j, rt := range s.ReferralRoutes {
		if j > 0 {
			t.byte(' ')
		}
		t.str(howToJoin(rt))
	}
	t.to(&s.Application)
}

func howToJoin(rt directory.ReferralRoute) string {
	switch rt {
	case directory.DropIn:
		return "Just turn up during opening times."
	case directory.SelfReferral:
		return "Phone or email to book a place, or fill in the form on our website."
	}
	return "Ask your GP, link worker or support worker to refer you."
}

// Age bands a service may be limited to.
var ageBands = [...]struct {
	min, max    int
	eligibility string
}{
	{11, 25, "Young people aged 11 to 25."},
	{18, 0, "Adults aged 18 and over."},
	{50, 0, "People aged 50 and over."},
	{60, 0, "People aged 60 and over."},
}

// youthKind is the kind whose services are always for young people.
const youthKind = "young-people"

// eligibility sets who the service is for: youth services always have an
// age range, and enough of the rest to make ageLimitShare are limited to
// adults or older people.
func (b *build) eligibility(k *kind) {
	r, s := &b.r, b.s
	band := -1
	limited := r.Float64() < b.g.ageLimitRest
	switch {
	case k.term.ID == youthKind:
		band = 0
	case limited && (k.term.ID == "lunch-clubs" || k.term.ID == "befriending"):
		band = 2 + r.IntN(2)
	case limited:
		band = 1 + r.IntN(3)
	}
	if band < 0 {
		s.Eligibility = k.who
		return
	}
	a := ageBands[band]
	lo := a.min
	s.MinimumAge = &lo
	if a.max > 0 {
		hi := a.max
		s.MaximumAge = &hi
	}
	s.Eligibility = a.eligibility
}

// areas says where phone and online services take people from; a venue's
// area is where it is.
func (b *build) areas(m mode) {
	if m == atVenue {
		return
	}
	s := b.s
	s.Areas = make([]directory.ServiceArea, 1)
	a := &s.Areas[0]
	b.t.again(b.id).str("-area-0").to(&a.ID)
	a.Name, a.Description = "England", "Open to people anywhere in England."
	if m == byPhone {
		a.Description = "Calls are taken from anywhere in England."
	}
}

// Prices of paid sessions, in pounds, with their words.
var prices = []struct {
	amount float64
	words  string
}{
	{1, "£1 per session"}, {1.5, "£1.50 per session"}, {2, "£2 per session"}, {2.5, "£2.50 per session"},
	{3, "£3 per session"}, {3, "£3 per session"}, {4, "£4 per session"}, {5, "£5 per session"},
	{5, "£5 per session"}, {6, "£6 per session"}, {8, "£8 per session"}, {10, "£10 per session"},
}

// cost sets the price: nothing, or a small charge per session.
func (b *build) cost(free bool) {
	s := b.s
	s.CostOptions = make([]directory.CostOption, 1)
	c := &s.CostOptions[0]
	b.t.again(b.id).str("-cost-0").to(&c.ID)
	c.Currency, c.Amount = "GBP", new(float64)
	if free {
		c.Option, s.Fees = "Free", "Free"
		return
	}
	p := prices[b.r.IntN(len(prices))]
	*c.Amount = p.amount
	c.Option, c.Description, s.Fees = "Per session", p.words, p.words
}

// languages sets English and, for some services, one other language.
func (b *build) languages() {
	s := b.s
	n := 1
	var other lang
	if b.r.Float64() < otherLangShare {
		n = 2
		other = b.g.langs[b.g.langPick.pick(&b.r)]
	}
	s.Languages = make([]directory.Language, n)
	s.Languages[0] = directory.Language{Name: "English", Code: "en"}
	if n == 2 {
		s.Languages[1] = other.Language
		s.Interpretation = other.interpretation
	}
	for j := range s.Languages {
		b.t.again(b.id).str("-language-").num(j, 1).to(&s.Languages[j].ID)
	}
}

// directoryTeam verifies the listings their providers do not.
const directoryTeam = "listings@linkway.example.org"

// verified dates the listing: checked on a day in the 24 months before
// refDate, and changed then or since.
func (b *build) verified(o org) {
	r, s := &b.r, b.s
	// UTC has no clock changes, so a day is always 24 hours.
	s.LastVerified = refDate.Add(-time.Duration(1+r.IntN(730)) * 24 * time.Hour)
	s.LastModified = s.LastVerified
	if r.Float64() < 0.65 {
		s.LastModified = s.LastVerified.Add(time.Duration(r.Int64N(int64(refDate.Sub(s.LastVerified)/time.Second))) * time.Second)
	}
	s.VerifiedBy = directoryTeam
	if r.Float64() < 0.4 {
		b.t.alias(&s.VerifiedBy, o.email)
	}
}
