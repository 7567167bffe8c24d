package main

import (
	"crypto/sha1"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// uuidFor returns a stable UUID-shaped id (version 5 layout) derived from a
// salted SHA-1 of the record's path.
func uuidFor(parts ...string) string {
	h := sha1.Sum([]byte(idSalt + "\x00" + strings.Join(parts, "\x00")))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// idMaker hands out ids for one organisation's records: UUIDs for most,
// plain numbers for the few feeds that use them.
type idMaker struct {
	numeric bool
	next    *int
	prefix  string
}

func (m idMaker) id(parts ...string) string {
	if m.numeric {
		*m.next += 1 + (*m.next*7)%3
		return strconv.Itoa(*m.next)
	}
	return uuidFor(append([]string{m.prefix}, parts...)...)
}

type venue struct {
	spec venueSpec
	area *area
	pc   *postcode
	loc  *directory.Location
	used int
	orgs map[string]bool
}

// ---------------------------------------------------------------------------
// Generator.

type generator struct {
	prose     *prose
	terms     map[string]*directory.Term
	pcs       *postcodes
	areas     map[string]*area
	areaList  []*area
	venues    []*venue
	kinds     map[string]*kindSpec // by code
	kindsByID map[string]*kindSpec
	numNext   int
	locals    []int // shuffled 0113 496 0xxx line numbers
	frees     []int // shuffled 0808 157 0xxx line numbers
	names     map[string]bool
	tplUse    map[string]int
	descs     map[string]bool
	meta      []*svcMeta
	renamed   int
}

type svcMeta struct {
	svc    *directory.Service
	org    *orgSpec
	orgObj *directory.Organization
	kind   *kindSpec
	mode   string // "in person", "online", "phone", "mixed"
	ids    idMaker
	key    string
	day    string // first day the service meets, "TU"
	venues []*venue
	phone  string
}

const (
	modeInPerson = "in person"
	modeOnline   = "online"
	modePhone    = "phone"
	modeMixed    = "mixed"
)

func rngFor(key string) *rand.Rand {
	h := sha1.Sum([]byte(key))
	var a, b uint64
	for i := 0; i < 8; i++ {
		a = a<<8 | uint64(h[i])
		b = b<<8 | uint64(h[8+i])
	}
	return rand.New(rand.NewPCG(seed1^a, seed2^b))
}

func newGenerator(p *prose, terms map[string]*directory.Term, pcs *postcodes) (*generator, error) {
	g := &generator{
		prose: p, terms: terms, pcs: pcs,
		areas: map[string]*area{}, kinds: map[string]*kindSpec{}, kindsByID: map[string]*kindSpec{},
		names: map[string]bool{}, descs: map[string]bool{}, tplUse: map[string]int{},
		numNext: 10230,
	}
	for _, k := range g.prose.Kinds {
		if _, ok := terms[k.ID]; !ok {
			return nil, fmt.Errorf("kind %q is not in the taxonomy", k.ID)
		}
		g.kinds[k.Code] = k
		g.kindsByID[k.ID] = k
	}
	for id := range terms {
		if g.kindsByID[id] == nil {
			return nil, fmt.Errorf("taxonomy term %q has no kind spec", id)
		}
	}
	r := rngFor("phones")
	g.locals = r.Perm(1000)
	g.frees = r.Perm(1000)

	byOutcode := map[string][]*postcode{}
	for _, pc := range pcs.rows {
		byOutcode[pc.outcode] = append(byOutcode[pc.outcode], pc)
	}
	for i := range p.Areas {
		a := &p.Areas[i]
		var inWard, inSector []*postcode
		for _, pc := range byOutcode[a.Outcode] {
			if pc.ward != a.Ward {
				continue
			}
			inWard = append(inWard, pc)
			for _, s := range strings.Fields(a.Sectors) {
				if pc.sector == a.Outcode+" "+s {
					inSector = append(inSector, pc)
				}
			}
		}
		switch {
		case len(inSector) >= 5:
			a.pool = inSector
		case len(inWard) >= 5:
			a.pool = inWard
		default:
			a.pool = byOutcode[a.Outcode]
		}
		if len(a.pool) == 0 {
			return nil, fmt.Errorf("area %s: no postcodes in %s", a.Name, a.Outcode)
		}
		for _, pc := range a.pool {
			a.lat += pc.lat
			a.lon += pc.lon
		}
		a.lat /= float64(len(a.pool))
		a.lon /= float64(len(a.pool))
		g.areas[a.Name] = a
		g.areaList = append(g.areaList, a)
	}
	used := map[string]bool{}
	for _, vs := range p.Venues {
		a := g.areas[vs.Area]
		if a == nil {
			return nil, fmt.Errorf("venue %s: unknown area %s", vs.Name, vs.Area)
		}
		r := rngFor("venue/" + vs.Name)
		var pc *postcode
		for try := 0; try < 50; try++ {
			c := a.pool[r.IntN(len(a.pool))]
			if !used[c.code] {
				pc = c
				break
			}
		}
		if pc == nil {
			return nil, fmt.Errorf("venue %s: no free postcode in %s", vs.Name, vs.Area)
		}
		used[pc.code] = true
		v := &venue{spec: vs, area: a, pc: pc, orgs: map[string]bool{}}
		v.loc = g.makeLocation(v, r)
		g.venues = append(g.venues, v)
	}
	return g, nil
}

func (g *generator) build() ([]*directory.Service, error) {
	for i := range g.prose.Organisations {
		o := &g.prose.Organisations[i]
		if err := g.buildOrg(o); err != nil {
			return nil, fmt.Errorf("%s: %w", o.Name, err)
		}
	}
	g.assignStatuses()
	g.assignAccepting()
	g.assignVerification()
	g.topUpLanguages()
	out := make([]*directory.Service, len(g.meta))
	for i, m := range g.meta {
		out[i] = m.svc
	}
	return out, nil
}

func (g *generator) localNumber() string {
	if len(g.locals) == 0 {
		panic("out of 0113 496 0xxx numbers")
	}
	n := g.locals[0]
	g.locals = g.locals[1:]
	return fmt.Sprintf("0113 496 0%03d", n)
}

func (g *generator) freephone() string {
	if len(g.frees) == 0 {
		panic("out of 0808 157 0xxx numbers")
	}
	n := g.frees[0]
	g.frees = g.frees[1:]
	return fmt.Sprintf("0808 157 0%03d", n)
}

// placeName is how a service's place reads in a name or a sentence.
func placeName(a *area, orgArea string, inSentence bool) string {
	if a == nil {
		if orgArea == "WY" {
			return "West Yorkshire"
		}
		return "Leeds"
	}
	if a.Name == "City Centre" {
		if inSentence {
			return "Leeds city centre"
		}
		return "Leeds City Centre"
	}
	return a.Name
}

func (g *generator) buildOrg(o *orgSpec) error {
	tokens := strings.Fields(o.Services)
	if len(tokens) < 1 || len(tokens) > 5 {
		return fmt.Errorf("has %d services, want 1 to 5", len(tokens))
	}
	r := rngFor("org/" + o.Name)
	slug := slugify(o.Name)
	ids := idMaker{numeric: o.NumericIDs, next: &g.numNext, prefix: "org/" + slug}
	domain := slug + ".example.org"
	local := []string{"hello", "info", "contact", "admin", "hello", "info"}[r.IntN(6)]
	org := &directory.Organization{
		Name:    o.Name,
		Email:   local + "@" + domain,
		Website: "https://" + domain,
	}
	if o.NumericIDs {
		org.ID = ids.id()
	} else {
		org.ID = uuidFor("organization", o.Name)
	}
	orgPhone := g.localNumber()
	// Each organisation's feed once wrote times in its own style (HH:MM,
	// HH:MM:SS, with a zone); the demo is now written as Linkway exports,
	// with HH:MM. The draw stays so that the organisation's other choices,
	// and so the demo's content, are as they were.
	_ = r.IntN(100)
	var home *area
	if o.Area != "Leeds" && o.Area != "WY" {
		home = g.areas[o.Area]
		if home == nil {
			return fmt.Errorf("unknown area %q", o.Area)
		}
	}
	var built []*svcMeta
	for i, tok := range tokens {
		m, err := g.buildService(o, org, ids, home, orgPhone, i, tok, r)
		if err != nil {
			return fmt.Errorf("service %d (%s): %w", i+1, tok, err)
		}
		built = append(built, m)
		g.meta = append(g.meta, m)
	}
	org.Description = orgDescription(o, home, built, r)
	return nil
}

func (g *generator) buildService(o *orgSpec, org *directory.Organization, ids idMaker, home *area, orgPhone string, idx int, tok string, r *rand.Rand) (*svcMeta, error) {
	kindPart, modeCode, _ := strings.Cut(tok, "@")
	c1, c2, _ := strings.Cut(kindPart, "+")
	ks := g.kinds[c1]
	if ks == nil {
		return nil, fmt.Errorf("unknown kind %q", c1)
	}
	var second *kindSpec
	if c2 != "" {
		if second = g.kinds[c2]; second == nil {
			return nil, fmt.Errorf("unknown kind %q", c2)
		}
	} else if len(ks.Secondary) > 0 && r.Float64() < 0.3 {
		second = g.kindsByID[ks.Secondary[r.IntN(len(ks.Secondary))]]
	}
	nVenues := 0
	mode := modeInPerson
	switch modeCode {
	case "", "p":
		nVenues = 1
		if home != nil && !strings.Contains("she gar bef", ks.Code) && r.Float64() < 0.1 {
			nVenues = 2
		}
	case "p2":
		nVenues = 2
	case "o":
		mode = modeOnline
	case "t":
		mode = modePhone
	case "m":
		mode = modeMixed
		nVenues = 1
	default:
		return nil, fmt.Errorf("unknown mode %q", modeCode)
	}
	if mode != modeInPerson && len(ks.RemoteOpeners) == 0 {
		return nil, fmt.Errorf("kind %s has no remote sentences", ks.ID)
	}
	if mode == modeInPerson && len(ks.Openers) == 0 {
		return nil, fmt.Errorf("kind %s cannot be in person", ks.ID)
	}
	key := fmt.Sprintf("service/%d", idx)
	m := &svcMeta{org: o, orgObj: org, kind: ks, mode: mode, ids: ids, key: key}
	s := &directory.Service{Organization: org, Status: directory.StatusActive}
	m.svc = s
	if o.NumericIDs {
		s.ID = ids.id()
	} else {
		s.ID = ids.id(key)
	}

	// Where.
	for v := 0; v < nVenues; v++ {
		anchorLat, anchorLon := 0.0, 0.0
		switch {
		case home != nil && v == 0:
			anchorLat, anchorLon = home.lat, home.lon
		case v > 0 && home != nil:
			// A second venue for a local group: near the first, elsewhere.
			anchorLat, anchorLon = m.venues[0].pc.lat+0.01*(r.Float64()-0.5), m.venues[0].pc.lon+0.02*(r.Float64()-0.5)
		default:
			a := g.areaList[r.IntN(len(g.areaList))]
			anchorLat, anchorLon = a.lat, a.lon
		}
		ven := g.chooseVenue(ks, o.Name, anchorLat, anchorLon, m.venues, r)
		if ven == nil {
			return nil, fmt.Errorf("no venue for %s", ks.ID)
		}
		ven.used++
		ven.orgs[o.Name] = true
		m.venues = append(m.venues, ven)
	}

	// When.
	attending := "in person"
	switch mode {
	case modeOnline:
		attending = "online"
	case modePhone:
		attending = "phone"
	}
	var first directory.Schedule
	if len(m.venues) > 0 {
		for vi, ven := range m.venues {
			sch := g.makeSchedule(ks, mode, ids, key+fmt.Sprintf("/sal/%d/schedule/0", vi), attending, r)
			if vi == 0 {
				first = sch
			}
			s.Locations = append(s.Locations, directory.ServiceAtLocation{
				ID:        ids.id(key, "sal", strconv.Itoa(vi)),
				Location:  *ven.loc,
				Schedules: []directory.Schedule{sch},
			})
		}
	} else {
		first = g.makeSchedule(ks, mode, ids, key+"/schedule/0", attending, r)
		s.Schedules = []directory.Schedule{first}
	}
	m.day = firstDay(first.ByDay)
	slug := slugify(o.Name)
	if mode == modeOnline || mode == modeMixed {
		platform := []string{"Zoom", "Zoom", "Microsoft Teams", "Google Meet"}[r.IntN(4)]
		virt := directory.Location{
			ID:          ids.id(key, "virtual-location"),
			Type:        directory.Virtual,
			URL:         fmt.Sprintf("https://%s.example.org/join", slug),
			Name:        "Online (" + platform + ")",
			Description: []string{"The joining link is emailed when you book.", "Join from a computer, tablet or smartphone; the link is on our website.", "We send the link by email or text the day before."}[r.IntN(3)],
		}
		sal := directory.ServiceAtLocation{ID: ids.id(key, "sal", "online"), Location: virt}
		if mode == modeMixed {
			online := first
			online.ID = ids.id(key, "sal/online/schedule/0")
			online.AttendingType = "online"
			sal.Schedules = []directory.Schedule{online}
		}
		s.Locations = append(s.Locations, sal)
	}

	// Place used in names and sentences.
	var place *area
	if len(m.venues) > 0 {
		place = m.venues[0].area
	} else {
		place = home
	}
	placeN := placeName(place, o.Area, false)
	placeS := placeName(place, o.Area, true)

	// Contact details.
	if mode == modePhone {
		if o.Area == "WY" || ks.Code == "hel" || ks.Code == "dom" || r.Float64() < 0.3 {
			m.phone = g.freephone()
		} else {
			m.phone = orgPhone
		}
	} else {
		m.phone = orgPhone
	}
	switch {
	case mode == modePhone:
		desc := "Calls cost the same as a local call."
		if strings.HasPrefix(m.phone, "0808") {
			desc = "Free to call from landlines and mobiles."
		}
		s.Phones = []directory.Phone{{ID: ids.id(key, "phone/0"), Number: m.phone, Type: "voice", Description: desc}}
	case r.Float64() < 0.8:
		s.Phones = []directory.Phone{{ID: ids.id(key, "phone/0"), Number: m.phone, Type: "voice"}}
	}
	if r.Float64() < 0.5 {
		s.Email = org.Email
	} else {
		s.Email = ks.Mail + "@" + slug + ".example.org"
	}

	// Who, what it costs, how to get in.
	routes := pickRoutes(ks, mode, r)
	for _, x := range routes {
		s.ReferralRoutes = append(s.ReferralRoutes, directory.ReferralRoute(x))
	}
	s.Accepting = directory.CapacityOpen
	minAge, maxAge := pickAges(ks, r)
	agesText := ""
	if minAge > 0 && maxAge > 0 {
		agesText = fmt.Sprintf("%d to %d", minAge, maxAge)
		s.MinimumAge, s.MaximumAge = &minAge, &maxAge
	} else if minAge > 0 {
		s.MinimumAge = &minAge
	}
	if ks.Code == "you" && agesText == "" {
		agesText = "11 to 25"
	}
	free, cost := pickCost(ks, r)
	if mode == modeOnline || mode == modePhone {
		free, cost = true, directory.CostOption{Option: "Free", Amount: amount(0), Currency: "GBP", Description: "Free"}
	}
	cost.ID = ids.id(key, "cost/0")
	s.CostOptions = []directory.CostOption{cost}

	// Name.
	name, err := g.pickName(ks, mode, placeN, o.Name, o.Culture, first, r)
	if err != nil {
		return nil, err
	}
	s.Name = name
	svcSlug := slugify(name)
	if r.Float64() < 0.85 {
		s.URL = fmt.Sprintf("https://%s.example.org/%s", slug, svcSlug)
	}
	for i := range s.Locations {
		if l := &s.Locations[i].Location; l.Type == directory.Virtual {
			l.URL = fmt.Sprintf("https://%s.example.org/join/%s", slug, svcSlug)
		}
	}

	venueName := ""
	if len(m.venues) > 0 {
		venueName = m.venues[0].spec.Name
	}
	where := "at " + venueName
	switch {
	case mode == modeOnline:
		where = "online"
	case mode == modePhone:
		where = "by phone"
	case len(m.venues) == 2:
		where = "at " + venueName + " and at " + m.venues[1].spec.Name
	}
	fill := strings.NewReplacer(
		"{name}", name, "{org}", o.Name, "{place}", placeS, "{venue}", venueName,
		"{where}", where, "{when}", whenPhrase(first, mode), "{ages}", agesText,
		"{culture}", o.Culture,
	)
	desc, err := g.pickDescription(ks, mode, name, fill, venueName != "", o.Culture != "", free, routes, r)
	if err != nil {
		return nil, err
	}
	s.Description = desc

	// Eligibility in plain words.
	s.Eligibility = eligibility(ks, minAge, maxAge, o.Culture, fill, r)
	s.Application = applicationProcess(routes, mode, m.phone, s.Email, first, r)

	// Languages.
	s.Languages = []directory.Language{{ID: ids.id(key, "language/en"), Name: "English", Code: "en"}}
	var spoken []string
	for _, code := range strings.Fields(o.Languages) {
		s.Languages = append(s.Languages, directory.Language{ID: ids.id(key, "language/"+code), Name: g.prose.Languages[code], Code: code, Note: langNote(code, r)})
		spoken = append(spoken, g.prose.Languages[code])
	}
	if len(spoken) > 0 {
		s.Interpretation = interpretation(spoken, r)
	}

	// Contacts, now and then.
	if mode != modePhone && r.Float64() < 0.12 && len(ks.ContactTitles) > 0 {
		first, last := g.prose.FirstNames[r.IntN(len(g.prose.FirstNames))], g.prose.LastNames[r.IntN(len(g.prose.LastNames))]
		s.Contacts = []directory.Contact{{
			ID:    ids.id(key, "contact/0"),
			Name:  first + " " + last,
			Title: ks.ContactTitles[r.IntN(len(ks.ContactTitles))],
			Email: strings.ToLower(first) + "@" + slug + ".example.org",
		}}
	}

	// Service area for services not tied to a venue.
	if mode != modeInPerson {
		if o.Area == "WY" {
			s.Areas = []directory.ServiceArea{{ID: ids.id(key, "area/0"), Name: "West Yorkshire", Description: "Open to anyone living in Leeds, Bradford, Calderdale, Kirklees or Wakefield."}}
		} else {
			s.Areas = []directory.ServiceArea{{ID: ids.id(key, "area/0"), Name: "Leeds", Description: "Open to anyone living in the Leeds district."}}
		}
	}

	// Kinds of support.
	kinds := []*kindSpec{ks}
	if second != nil && second != ks {
		kinds = append(kinds, second)
	}
	for i, k := range kinds {
		s.Terms = append(s.Terms, *g.terms[k.ID])
		// The links to kinds of support once had ids of their own; hsds
		// now numbers them on export. The id is still drawn, so that the
		// numeric ids after it are as they were.
		_ = ids.id(key, "attribute/"+strconv.Itoa(i))
	}
	return m, nil
}

// chooseVenue picks the best venue for a kind of support near an anchor
// point: the right type of place first, then distance, then spreading use
// and keeping an organisation's groups under one roof.
func (g *generator) chooseVenue(ks *kindSpec, org string, lat, lon float64, exclude []*venue, r *rand.Rand) *venue {
	var best *venue
	bestScore := math.Inf(1)
	for _, v := range g.venues {
		skip := false
		for _, e := range exclude {
			if e == v {
				skip = true
			}
		}
		if skip {
			continue
		}
		rank := strings.Index(ks.VenueTypes, v.spec.Type)
		if rank < 0 && v.orgs[org] {
			// An organisation's own base suits most of what it runs.
			rank = len(ks.VenueTypes)
		}
		if rank < 0 {
			if !strings.Contains("HC", v.spec.Type) || strings.ContainsAny(ks.VenueTypes, "WGP") && !strings.Contains(ks.VenueTypes, "H") {
				continue
			}
			rank = len(ks.VenueTypes) + 1
		}
		d := km(lat, lon, v.pc.lat, v.pc.lon)
		score := float64(rank)*1.2 + d*0.9 + float64(v.used)*0.15 + r.Float64()*0.8
		if v.orgs[org] {
			score -= 1.5
		}
		if score < bestScore {
			best, bestScore = v, score
		}
	}
	return best
}

// amount returns a price for a cost option, which holds it by pointer
// (nil meaning "not stated").
func amount(pounds float64) *float64 { return &pounds }

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const R = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * R * math.Asin(math.Sqrt(a))
}
