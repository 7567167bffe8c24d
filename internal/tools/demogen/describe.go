package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

func isOnlineName(n string) bool {
	l := strings.ToLower(n)
	for _, w := range []string{"online", "zoom", "virtual", "video", "webchat", "web chat", "at home", "from home"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func isPhoneName(n string) bool {
	if isOnlineName(n) {
		return false
	}
	l := strings.ToLower(n)
	for _, w := range []string{"line", "phone", "call", "text", "post"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func (g *generator) pickName(ks *kindSpec, mode, place, org, culture string, first directory.Schedule, r *rand.Rand) (string, error) {
	singleDay := !strings.Contains(first.ByDay, ",")
	day := dayNames[firstDay(first.ByDay)]
	render := func(t string) string {
		return strings.NewReplacer("{P}", place, "{D}", day, "{O}", org).Replace(t)
	}
	pool := ks.Names
	if mode == modeOnline || mode == modePhone {
		var want []string
		for _, n := range ks.RemoteNames {
			_, plain := splitTag(n)
			if (mode == modePhone) == isPhoneName(render(plain)) {
				want = append(want, n)
			}
		}
		if len(want) == 0 {
			return "", fmt.Errorf("kind %s has no %s names", ks.ID, mode)
		}
		pool = want
	}
	// Try the least-used patterns first, in random order, so that names
	// spread evenly over a kind's patterns.
	order := r.Perm(len(pool))
	sort.SliceStable(order, func(i, j int) bool {
		return g.tplUse[ks.Code+pool[order[i]]] < g.tplUse[ks.Code+pool[order[j]]]
	})
	var fallback string
	for _, oi := range order {
		raw := pool[oi]
		t := raw
		if strings.Contains(t, "{D}") && !singleDay {
			continue
		}
		if d := dayInName(t); d != "" && d != firstDay(first.ByDay) {
			continue
		}
		// "[c:a,b]" limits a pattern to organisations from those
		// communities, "[o:a,b]" to organisations whose name has a or b.
		if strings.HasPrefix(t, "[c:") || strings.HasPrefix(t, "[o:") {
			end := strings.Index(t, "]")
			in := culture
			if t[1] == 'o' {
				in = org
			}
			fits := false
			for _, c := range strings.Split(t[3:end], ",") {
				fits = fits || in != "" && strings.Contains(in, c)
			}
			if !fits {
				continue
			}
			t = t[end+1:]
		}
		n := render(t)
		if fallback == "" {
			fallback = n
		}
		if !g.names[n] {
			g.names[n] = true
			g.tplUse[ks.Code+raw]++
			return n, nil
		}
	}
	// Every pattern is taken: put the place in front, as real groups do.
	var cands []string
	if !strings.HasPrefix(fallback, place) {
		cands = append(cands, place+" "+fallback)
	}
	cands = append(cands, fallback+" ("+org+")")
	for _, n := range cands {
		if !g.names[n] {
			g.names[n] = true
			g.renamed++
			return n, nil
		}
	}
	return "", fmt.Errorf("no unique name for %s in %s", ks.ID, place)
}

// dayInName returns the day code of a weekday written into a name pattern,
// such as "Friday Night Project", or "".
func dayInName(t string) string {
	for code, d := range dayNames {
		if strings.Contains(t, d) {
			return code
		}
	}
	return ""
}

var bookingWords = []string{"turn up", "no need to book", "don't need to book", "just come along"}
var freeWords = []string{"it's free", "always free", "costs nothing", "free and confidential", "it costs you nothing"}

// sentenceCtx is what a sentence from a bank must fit.
type sentenceCtx struct {
	mode, name           string
	hasVenue, hasCulture bool
	free, dropIn         bool
}

// splitTag separates a sentence's tag from its text. "t:" and "o:" mark
// phone-only and online-only sentences; "[a,b]" marks a sentence that only
// fits a service whose name contains a or b.
func splitTag(s string) (tag, text string) {
	switch {
	case strings.HasPrefix(s, "t:"), strings.HasPrefix(s, "o:"):
		return s[:2], s[2:]
	case strings.HasPrefix(s, "["):
		if i := strings.Index(s, "]"); i > 0 {
			return s[:i+1], s[i+1:]
		}
	}
	return "", s
}

func usable(s string, c sentenceCtx) bool {
	tag, s := splitTag(s)
	switch {
	case tag == "t:" && c.mode != modePhone, tag == "o:" && c.mode != modeOnline:
		return false
	case strings.HasPrefix(tag, "["):
		name := strings.ToLower(c.name)
		hit := false
		for _, kw := range strings.Split(tag[1:len(tag)-1], ",") {
			hit = hit || strings.Contains(name, kw)
		}
		if !hit {
			return false
		}
	}
	free, dropIn := c.free, c.dropIn
	l := strings.ToLower(s)
	if !c.hasVenue && strings.Contains(s, "{venue}") {
		return false
	}
	if !c.hasCulture && strings.Contains(s, "{culture}") {
		return false
	}
	if !dropIn {
		for _, w := range bookingWords {
			if strings.Contains(l, w) {
				return false
			}
		}
	}
	if !free {
		for _, w := range freeWords {
			if strings.Contains(l, w) {
				return false
			}
		}
	}
	return true
}

func pickFrom(bank []string, n int, ok func(string) bool, r *rand.Rand) []string {
	var cand []string
	for _, s := range bank {
		if ok(s) {
			cand = append(cand, s)
		}
	}
	r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	if n > len(cand) {
		n = len(cand)
	}
	out := cand[:n]
	for i, x := range out {
		_, out[i] = splitTag(x)
	}
	return out
}

func (g *generator) pickDescription(ks *kindSpec, mode, name string, fill *strings.Replacer, hasVenue, hasCulture, free bool, routes []string, r *rand.Rand) (string, error) {
	dropIn := false
	for _, x := range routes {
		if x == "drop-in" {
			dropIn = true
		}
	}
	c := sentenceCtx{mode: mode, name: name, hasVenue: hasVenue, hasCulture: hasCulture, free: free, dropIn: dropIn}
	ok := func(s string) bool { return usable(s, c) }
	remote := mode == modeOnline || mode == modePhone
	openers, details, closers := ks.Openers, ks.Details, append(append([]string{}, ks.Closers...), g.prose.Closers...)
	if remote {
		openers, details, closers = ks.RemoteOpeners, ks.RemoteDetails, g.prose.RemoteClosers
	}
	for try := 0; try < 40; try++ {
		var parts []string
		parts = append(parts, pickFrom(openers, 1, ok, r)...)
		nd := 1
		if r.Float64() < 0.6 {
			nd = 2
		}
		parts = append(parts, pickFrom(details, nd, ok, r)...)
		if r.Float64() < 0.85 {
			parts = append(parts, pickFrom(closers, 1, ok, r)...)
		}
		if mode == modeMixed {
			parts = append(parts, g.prose.HybridSentences[r.IntN(len(g.prose.HybridSentences))])
		}
		if len(parts) < 2 {
			continue
		}
		d := fill.Replace(strings.Join(parts, " "))
		if n := sentences(d); n > 5 {
			continue
		}
		if !g.descs[d] {
			g.descs[d] = true
			return d, nil
		}
	}
	return "", fmt.Errorf("no unique description for a %s service", ks.ID)
}

func pickRoutes(ks *kindSpec, mode string, r *rand.Rand) []string {
	have := map[string]bool{}
	for _, x := range ks.Routes {
		have[x] = true
	}
	for _, x := range ks.ExtraRoutes {
		if r.Float64() < 0.5 {
			have[x] = true
		}
	}
	if mode == modePhone || mode == modeOnline && r.Float64() < 0.6 {
		delete(have, "drop-in")
	}
	if mode != modeInPerson && !have["drop-in"] {
		have["self-referral"] = true
	}
	var out []string
	for _, x := range []string{"self-referral", "professional-referral", "drop-in"} {
		if have[x] {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		out = []string{"self-referral"}
	}
	return out
}

func pickAges(ks *kindSpec, r *rand.Rand) (int, int) {
	a := ks.Ages[r.IntN(len(ks.Ages))]
	if a == "" {
		return 0, 0
	}
	lo, hi, _ := strings.Cut(a, "-")
	min, _ := strconv.Atoi(lo)
	max, _ := strconv.Atoi(hi)
	return min, max
}

func pickCost(ks *kindSpec, r *rand.Rand) (bool, directory.CostOption) {
	if r.Float64() < ks.Free || len(ks.Charges) == 0 {
		d := []string{"Free", "Free", "Free", "Free of charge", "Free; donations welcome"}[r.IntN(5)]
		return true, directory.CostOption{Option: "Free", Amount: amount(0), Currency: "GBP", Description: d}
	}
	if r.Float64() < ks.PayWhatYouCan {
		return true, directory.CostOption{Option: "Pay what you can", Amount: amount(0), Currency: "GBP", Description: "Pay what you can"}
	}
	c := ks.Charges[r.IntN(len(ks.Charges))]
	return false, directory.CostOption{Option: c.Option, Amount: amount(c.Amount), Currency: "GBP", Description: c.Description}
}

func eligibility(ks *kindSpec, min, max int, culture string, fill *strings.Replacer, r *rand.Rand) string {
	var who []string
	for _, w := range ks.Who {
		if culture == "" && strings.Contains(w, "{culture}") {
			continue
		}
		if strings.HasPrefix(w, "*") {
			if min > 0 {
				continue
			}
			w = w[1:]
		}
		who = append(who, w)
	}
	w := fill.Replace(who[r.IntN(len(who))])
	if ks.Code == "you" || min == 0 {
		return w
	}
	var age string
	switch {
	case max > 0:
		age = fmt.Sprintf("Aged %d to %d.", min, max)
	case min == 18:
		age = []string{"Adults aged 18 and over.", "Open to anyone aged 18 or over."}[r.IntN(2)]
	default:
		age = []string{"Aged %d and over.", "For people aged %d or over."}[r.IntN(2)]
		age = fmt.Sprintf(age, min)
	}
	return age + " " + w
}

func applicationProcess(routes []string, mode, phone, email string, first directory.Schedule, r *rand.Rand) string {
	var parts []string
	dropIn := false
	for _, rt := range routes {
		dropIn = dropIn || rt == "drop-in"
	}
	// Say how to just turn up before how to get in touch.
	for _, rt := range []string{"drop-in", "self-referral", "professional-referral"} {
		if !slices.Contains(routes, rt) {
			continue
		}
		var bank []string
		switch rt {
		case "drop-in":
			if mode == modeOnline {
				bank = []string{"Use the joining link on our website; there's no need to book.", "Just click the link on our website at the start time."}
			} else {
				bank = []string{"Just come along; there's no need to book.", "Drop in at any time during the session.", "Come along on the day; you don't need to book or be referred."}
			}
		case "self-referral":
			switch {
			case mode == modePhone:
				bank = []string{"Call " + phone + " " + whenPhrase(first, mode) + ".", "Ring " + phone + "; if the line is busy, leave a message and we'll call you back."}
			case dropIn:
				bank = []string{"If you'd like to ask anything first, ring " + phone + " or email " + email + ".", "You can also ring " + phone + " beforehand and we'll look out for you.", "Questions? Email " + email + " and we'll get back to you."}
			default:
				bank = []string{"Ring " + phone + " or email " + email + " to book a place.", "Contact us by phone or email and we'll arrange a first chat.", "Call " + phone + " and we'll talk you through how it works.", "Email " + email + " with your name and phone number and we'll get back to you within a week."}
			}
		case "professional-referral":
			bank = []string{"GPs, social prescribing link workers and other professionals can refer by email to " + email + ", with the person's consent.", "Link workers can refer using our short referral form; ask us for a copy.", "Professionals can refer by phone or email; please tell us about any access needs."}
		}
		parts = append(parts, bank[r.IntN(len(bank))])
	}
	return strings.Join(parts, " ")
}

func langNote(code string, r *rand.Rand) string {
	if code == "bfi" {
		return "British Sign Language (sgn-GB); Deaf-led sessions"
	}
	return []string{"Spoken by some of our staff and volunteers.", "Volunteers who speak it come to most sessions.", "Available at every session."}[r.IntN(3)]
}

func interpretation(langs []string, r *rand.Rand) string {
	return fmt.Sprintf([]string{"Staff and volunteers speak %s.", "Our volunteers speak %s, and other interpreters can be arranged with notice.", "Help is available in %s."}[r.IntN(3)], listWords(langs))
}

func orgDescription(o *orgSpec, home *area, svcs []*svcMeta, r *rand.Rand) string {
	seen := map[string]bool{}
	var phrases []string
	for _, m := range svcs {
		if !seen[m.kind.Phrase] {
			seen[m.kind.Phrase] = true
			phrases = append(phrases, m.kind.Phrase)
		}
	}
	what := listWords(phrases)
	year := 1978 + r.IntN(46)
	place := placeName(home, o.Area, true)
	if o.Culture != "" {
		return fmt.Sprintf([]string{
			"%[1]s was started in %[2]d by members of the %[3]s community in %[4]s and is open to everyone. We offer %[5]s.",
			"%[1]s brings together %[3]s families and neighbours in %[4]s. Since %[2]d our volunteers have run %[5]s.",
		}[r.IntN(2)], o.Name, year, o.Culture, place, what)
	}
	switch o.Area {
	case "WY":
		return fmt.Sprintf("%s is a registered charity working across West Yorkshire, set up in %d. We offer %s by phone and online, free and in confidence.", o.Name, year, what)
	case "Leeds":
		return fmt.Sprintf([]string{
			"%[1]s is a Leeds charity founded in %[2]d. We run %[3]s in venues across the city and online.",
			"%[1]s has worked across Leeds since %[2]d, offering %[3]s with the help of trained volunteers.",
			"Founded in %[2]d, %[1]s offers %[3]s to people all over Leeds.",
		}[r.IntN(3)], o.Name, year, what)
	}
	tpl := []string{
		"%[1]s is a small volunteer-led charity in %[3]s, set up by local residents in %[2]d. We run %[4]s.",
		"%[1]s is a community organisation serving %[3]s and the surrounding streets. Our volunteers run %[4]s.",
		"Founded in %[2]d, %[1]s brings neighbours together in %[3]s through %[4]s.",
		"%[1]s is a friendly, grassroots group based in %[3]s. Everything we do is run by volunteers, including %[4]s.",
		"We are %[1]s, a not-for-profit group supporting people in %[3]s since %[2]d. Our work includes %[4]s.",
		"%[1]s is a community interest company in %[3]s offering %[4]s.",
	}[r.IntN(6)]
	return fmt.Sprintf(tpl, o.Name, year, place, what)
}
