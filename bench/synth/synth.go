// Package synth generates a seeded, realistic synthetic directory of
// services across England, for benchmarks at 10,000 to 500,000 services.
//
// A [Generator] makes the i-th service on demand: the same seed and i
// always give the same [directory.Service], and services are independent
// of each other, so benchmarks can generate in parallel and regenerate
// service i to edit it. Places follow population (postcode districts
// weighted by their number of postcodes), and names, descriptions, times,
// prices and the mix of kinds of support follow real social-prescribing
// listings.
//
// Everything is invented except the district centroids, which come from
// OS Code-Point Open (see data/geo/SOURCES.md for the attribution lines).
// Phone numbers are in Ofcom's drama ranges and web and email addresses
// use the reserved example.org domain, so no generated contact reaches
// anyone.
package synth

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/linkway/linkway/directory"
)

// refDate is the fixed "today" of the generated directory: LastVerified
// dates fall in the 24 months before it. It is not time.Now, so that a
// seed gives the same directory whenever it runs.
var refDate = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Shares of services by how they are delivered, and of the other traits
// the package documents.
const (
	onlineShare     = 0.10 // online only: one virtual location
	phoneShare      = 0.08 // by phone only: no location
	twoVenueShare   = 0.15 // of services at a venue
	monthlyShare    = 0.12
	freeShare       = 0.65
	ageLimitShare   = 0.30
	otherLangShare  = 0.15
	secondTermShare = 0.40
	jitterKm        = 1.5
)

// Organisations are dealt out in blocks: every block of orgBlock
// consecutive services belongs to orgsPerBlock organisations of random
// sizes, about one organisation per three services.
const (
	orgBlock     = 12
	orgsPerBlock = 4
)

// Salts keep the random streams of blocks and organisations apart from
// those of services with the same index.
const (
	blockSalt = 0x9e3779b97f4a7c15
	orgSalt   = 0xc2b2ae3d27d4eb4f
)

// mode is how a service is delivered.
type mode uint8

const (
	atVenue mode = iota
	byPhone
	online
	nModes
)

// Generator makes services deterministically from a seed. It is safe for
// concurrent use, and must not be copied.
type Generator struct {
	seed     int64
	outcodes []Outcode
	cum      []uint64 // running total of outcode weights
	district []district

	kinds  []kind
	byMode [nModes]picker // over kinds

	orgNames, orgDescs, venues []pattern
	placeSlugs                 []string
	langs                      []lang
	langPick                   picker

	// freeRest is the chance that a service of a kind that may charge is
	// free, such that freeShare of all services are.
	freeRest float64
	// ageLimitRest is the chance that a service other than a youth
	// service has an age limit, such that ageLimitShare of all services
	// do: youth services always have one.
	ageLimitRest float64

	texts sync.Pool // of *text, reused from one service to the next
}

// district is what a Generator derives from one outcode.
type district struct {
	place  int     // index into places
	cosLat float64 // to turn km east into degrees of longitude
	phone  string  // landline prefix
}

// kind is one kind of support with its vocabulary.
type kind struct {
	term      directory.Term
	names     []pattern
	sentences []string
	words     []string
	who       string
	when      when
	free      bool
	related   []int // indexes into Generator.kinds
}

type lang struct {
	directory.Language
	interpretation string
}

// pattern is a text with an optional "{Place}" in it, split once in New.
type pattern struct {
	pre, post         string
	hasPlace          bool
	preSlug, postSlug string // pre and post as they go into a domain name
}

func newPattern(s string) pattern {
	pre, post, ok := strings.Cut(s, "{Place}")
	return pattern{pre: pre, post: post, hasPlace: ok, preSlug: slug(pre), postSlug: slug(post)}
}

// slug keeps the lower-cased letters and digits of s.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

// picker draws an index with probability proportional to its weight.
type picker []float64 // running totals

func newPicker(weights []float64) picker {
	p := make(picker, len(weights))
	t := 0.0
	for i, w := range weights {
		t += w
		p[i] = t
	}
	return p
}

func (p picker) total() float64 { return p[len(p)-1] }

// share returns index i's chance of being picked.
func (p picker) share(i int) float64 {
	w := p[i]
	if i > 0 {
		w -= p[i-1]
	}
	return w / p.total()
}

// pick returns the first index whose running total is above a uniform
// draw below the total, so an index of weight 0 is never picked.
func (p picker) pick(r *rng) int {
	x := r.Float64() * p.total()
	lo, hi := 0, len(p)-1
	for lo < hi {
		if mid := int(uint(lo+hi) >> 1); p[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// New returns a generator. outcodes is the postcode district centroid CSV:
// either the full shared file (outcode, postcode_count, latitude,
// longitude, country_code…), of which it keeps the English rows weighted
// by postcode_count, or the compact file (outcode, latitude, longitude),
// plain or gzipped, whose English districts all weigh 1. kinds are the
// taxonomy terms services are filed under; those New has no vocabulary for
// are described from their names.
func New(seed int64, outcodes io.Reader, kinds []directory.Term) (*Generator, error) {
	ocs, err := readOutcodes(outcodes)
	if err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		return nil, errors.New("synth: no kinds of support")
	}
	g := &Generator{seed: seed, outcodes: ocs}

	var total uint64
	g.cum = make([]uint64, len(ocs))
	g.district = make([]district, len(ocs))
	for i, oc := range ocs {
		total += uint64(oc.Weight)
		g.cum[i] = total
		h := fnv.New32a()
		h.Write([]byte(oc.Code))
		g.district[i] = district{
			place:  int(h.Sum32() % uint32(len(places))),
			cosLat: math.Cos(oc.Point.Lat() * math.Pi / 180),
			phone:  phonePrefix(oc.Code),
		}
	}
	if total == 0 {
		return nil, errors.New("synth: outcodes: every district has weight 0")
	}
	g.placeSlugs = make([]string, len(places))
	for i, p := range places {
		g.placeSlugs[i] = slug(p)
	}

	index := map[string]int{}
	var weights [nModes][]float64
	for _, t := range kinds {
		if strings.TrimSpace(t.ID) == "" {
			return nil, errors.New("synth: a kind of support has no id")
		}
		if _, dup := index[t.ID]; dup {
			return nil, fmt.Errorf("synth: kind of support %q listed twice", t.ID)
		}
		index[t.ID] = len(g.kinds)
		txt, ok := kindTexts[t.ID]
		if !ok {
			name := cmp.Or(t.Name, t.ID)
			txt = kindText{
				venue:     1,
				names:     []string{"{Place} " + name, name + " Group"},
				sentences: []string{name + " support for people in the area.", t.Description},
				words:     []string{strings.ToLower(name)},
			}
			if t.Description == "" {
				txt.sentences[1] = "Support is friendly and informal."
			}
		}
		k := kind{term: t, sentences: txt.sentences, words: txt.words, who: txt.who, when: txt.when, free: txt.free}
		for _, n := range txt.names {
			k.names = append(k.names, newPattern(n))
		}
		g.kinds = append(g.kinds, k)
		weights[atVenue] = append(weights[atVenue], txt.venue)
		weights[byPhone] = append(weights[byPhone], txt.phone)
		weights[online] = append(weights[online], txt.online)
	}
	for i := range g.kinds {
		for _, id := range kindTexts[g.kinds[i].term.ID].related {
			if j, ok := index[id]; ok {
				g.kinds[i].related = append(g.kinds[i].related, j)
			}
		}
	}
	for m := range nModes {
		g.byMode[m] = newPicker(weights[m])
	}
	// A taxonomy with nothing offered by phone or online still needs
	// those services filed somewhere.
	for _, m := range []mode{byPhone, online} {
		if g.byMode[m].total() == 0 {
			g.byMode[m] = g.byMode[atVenue]
		}
	}
	if g.byMode[atVenue].total() == 0 {
		return nil, errors.New("synth: no kind of support can be offered at a venue")
	}
	// Some kinds always have an age limit or are always free; the rest
	// make up the overall shares.
	youth, free := 0.0, 0.0
	for j, k := range g.kinds {
		for m, share := range [nModes]float64{1 - onlineShare - phoneShare, phoneShare, onlineShare} {
			p := share * g.byMode[m].share(j)
			if k.term.ID == youthKind {
				youth += p
			}
			if k.free {
				free += p
			}
		}
	}
	g.ageLimitRest = max(0, (ageLimitShare-youth)/(1-youth))
	g.freeRest = max(0, (freeShare-free)/(1-free))

	for _, s := range orgNames {
		g.orgNames = append(g.orgNames, newPattern(s))
	}
	for _, s := range orgDescriptions {
		g.orgDescs = append(g.orgDescs, newPattern(s))
	}
	for _, s := range venueNames {
		g.venues = append(g.venues, newPattern(s))
	}
	lw := make([]float64, len(otherLanguages))
	for i, l := range otherLanguages {
		g.langs = append(g.langs, lang{
			Language:       directory.Language{Name: l.name, Code: l.code},
			interpretation: "Volunteers speak " + l.name + ".",
		})
		lw[i] = float64(l.weight)
	}
	g.langPick = newPicker(lw)
	return g, nil
}

// phonePrefix returns the drama-range landline prefix for a district.
func phonePrefix(code string) string {
	n := 0
	for n < len(code) && code[n] >= 'A' && code[n] <= 'Z' {
		n++
	}
	if p, ok := phonePrefixes[code[:n]]; ok {
		return p
	}
	return otherPhonePrefix
}

// Outcodes returns the English postcode districts with their centroids and
// weights, sorted by code, for choosing query locations.
func (g *Generator) Outcodes() []Outcode { return slices.Clone(g.outcodes) }

// QueryWords returns words and phrases people type when looking for the
// kind of support with the given id, for building query mixes. It returns
// nil for an id the generator was not given.
func (g *Generator) QueryWords(kindID string) []string {
	for _, k := range g.kinds {
		if k.term.ID == kindID {
			return slices.Clone(k.words)
		}
	}
	return nil
}

// outcode draws a district, weighted by its number of postcodes.
func (g *Generator) outcode(r *rng) int {
	x := r.Uint64N(g.cum[len(g.cum)-1])
	i, _ := slices.BinarySearch(g.cum, x+1) // the first running total above x
	return i
}

// point returns a point within jitterKm of district oc's centroid, spread
// evenly over the disc and rounded to six places (about 10 cm) as feeds
// write them.
func (g *Generator) point(r *rng, oc int) *orb.Point {
	d := jitterKm * math.Sqrt(r.Float64())
	sin, cos := math.Sincos(2 * math.Pi * r.Float64())
	c := g.outcodes[oc].Point
	const kmPerDegree = 111.32
	lat := c.Lat() + d*cos/kmPerDegree
	lon := c.Lon() + d*sin/(kmPerDegree*g.district[oc].cosLat)
	return &orb.Point{math.Round(lon*1e6) / 1e6, math.Round(lat*1e6) / 1e6}
}

func (g *Generator) place(oc int) string { return places[g.district[oc].place] }
