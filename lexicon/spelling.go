package lexicon

import "strings"

// usToUK folds US spellings and words to the UK ones, so that a listing
// and a person who spell differently meet. Both the listings and the
// person's words go through the same fold, so a fold only has to be
// consistent, not perfect English.
var usToUK = pairs(`
counseling counselling counselor counsellor counselors counsellors counseled counselled
program programme programs programmes
center centre centers centres theater theatre theaters theatres liter litre liters litres fiber fibre
neighbor neighbour neighbors neighbours neighborhood neighbourhood neighborhoods neighbourhoods
color colour colors colours behavior behaviour behaviors behaviours behavioral behavioural
favorite favourite favorites favourites honor honour humor humour labor labour harbor harbour
rumor rumour savior saviour vapor vapour endeavor endeavour
pediatric paediatric pediatrics paediatrics pediatrician paediatrician orthopedic orthopaedic
gynecology gynaecology gynecologist gynaecologist anemia anaemia anesthesia anaesthesia
diarrhea diarrhoea estrogen oestrogen fetal foetal hemophilia haemophilia leukemia leukaemia
edema oedema esophagus oesophagus
license licence licenses licences defense defence offense offence
aging ageing gray grey mold mould molds moulds moldy mouldy plow plough
enroll enrol enrollment enrolment enrolls enrols fulfill fulfil jewelry jewellery
catalog catalogue dialog dialogue analog analogue
mom mum moms mums mommy mummy diaper nappy diapers nappies stroller pushchair strollers pushchairs
pacifier dummy kindergarten nursery preschool nursery
`)

// fold rules for regular spelling differences, applied when a word is
// not in usToUK: organize → organise, analyze → analyse, traveling →
// travelling.
var suffixes = []struct{ us, uk string }{
	{"ization", "isation"}, {"izations", "isations"}, {"izing", "ising"}, {"ized", "ised"}, {"izes", "ises"},
	{"izer", "iser"}, {"izers", "isers"}, {"ize", "ise"},
	{"yzing", "ysing"}, {"yzed", "ysed"}, {"yzes", "yses"}, {"yze", "yse"},
	{"eling", "elling"}, {"eled", "elled"}, {"eler", "eller"}, {"elers", "ellers"},
}

// UK returns the UK spelling of w (lower case), or w.
func UK(w string) string {
	if uk, ok := usToUK[w]; ok {
		return uk
	}
	for _, s := range suffixes {
		stem, ok := strings.CutSuffix(w, s.us)
		// A short stem is a word of its own ("size", "prize"); a vowel
		// before "eling" is another word ("feeling", "peeling").
		if !ok || len(stem) < 3 || (strings.HasPrefix(s.us, "el") && isVowel(stem[len(stem)-1])) {
			continue
		}
		if strings.HasPrefix(s.us, "el") && stem[len(stem)-1] == 'l' {
			continue // already doubled
		}
		return stem + s.uk
	}
	return w
}

func isVowel(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }

// synonyms are phrases that name the same thing in the US and the UK, or
// in everyday and official words. Each line is one set.
var synonyms = groups(`
food bank|food pantry|food shelf|food cupboard
charity shop|thrift store|thrift shop|op shop
childcare|day care|daycare|child care
solicitor|attorney|lawyer|legal aid
gp|doctor|family doctor|primary care physician
chemist|pharmacy|drugstore
council housing|social housing|public housing
mobile phone|cell phone|cellphone
job centre|jobcentre|unemployment office
benefits|welfare|public assistance
rubbish|trash|garbage
holiday|vacation
car boot sale|yard sale|garage sale
a and e|emergency room
high street|main street
`)

// Synonyms returns the phrases that mean the same as a phrase found in
// words (lower case, in order), for searching alongside them: "food
// pantry" gives "food bank" and its other names.
func Synonyms(ws []string) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for i := range ws {
		for _, g := range synonyms {
			for _, p := range g {
				if i+len(p) > len(ws) || !equal(ws[i:i+len(p)], p) {
					continue
				}
				for _, q := range g {
					key := strings.Join(q, " ")
					if !equal(q, p) && !seen[key] {
						seen[key] = true
						out = append(out, q)
					}
				}
			}
		}
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func pairs(s string) map[string]string {
	f := strings.Fields(s)
	m := make(map[string]string, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		m[f[i]] = f[i+1]
	}
	return m
}

func groups(s string) [][][]string {
	var out [][][]string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var g [][]string
		for _, p := range strings.Split(line, "|") {
			g = append(g, strings.Fields(p))
		}
		out = append(out, g)
	}
	return out
}
