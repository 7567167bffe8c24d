package casework

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
)

// CaseloadSort is the order of a caseload list.
type CaseloadSort string

// The caseload's orders. Every one breaks ties by name, so a page never
// shuffles between two loads.
const (
	SortName        CaseloadSort = "name"         // A to Z
	SortReviewDue   CaseloadSort = "review"       // soonest review first; none set last
	SortLastContact CaseloadSort = "last_contact" // longest since a contact first; never contacted at the top
	SortStatus      CaseloadSort = "status"       // new, active, on hold, discharged
	SortNewest      CaseloadSort = "newest"       // most recently added first
)

// CaseloadSorts lists every order, as the caseload's form offers them.
var CaseloadSorts = []CaseloadSort{SortName, SortReviewDue, SortLastContact, SortStatus, SortNewest}

// ReviewDue filters a caseload by the date of each plan's review.
type ReviewDue string

const (
	ReviewAny     ReviewDue = ""
	ReviewOverdue ReviewDue = "overdue" // review date before today
	ReviewSoon    ReviewDue = "soon"    // review date today or within ReviewSoonDays
)

// ReviewSoonDays is how far ahead "due soon" looks.
const ReviewSoonDays = 14

// CaseloadSearch is what a link worker typed in the caseload's search
// box, read as exactly one of a name, an NHS number or a date of birth.
type CaseloadSearch struct {
	NameWords   []string  // folded with [FoldName]; each must appear in the name
	NHSNumber   string    // ten digits
	DateOfBirth time.Time // a date, in UTC
}

// IsZero reports whether nothing is searched for.
func (s CaseloadSearch) IsZero() bool {
	return len(s.NameWords) == 0 && s.NHSNumber == "" && s.DateOfBirth.IsZero()
}

// Kind names what is searched for, for the audit log: never the words.
func (s CaseloadSearch) Kind() string {
	switch {
	case s.NHSNumber != "":
		return "nhs number"
	case !s.DateOfBirth.IsZero():
		return "date of birth"
	case len(s.NameWords) > 0:
		return "name"
	}
	return "none"
}

// MaxCaseloadSearch is the longest search, in characters: longer than
// any name, and it bounds what a session keeps.
const MaxCaseloadSearch = 200

// msgSearchHelp is what a search that is neither a name, an NHS number
// nor a date says.
const msgSearchHelp = "q: search by a name, a 10-digit NHS number or a date of birth such as 04/03/1950 or 4 March 1950"

// ParseCaseloadSearch reads the caseload's search box. Ten digits (with
// or without spaces or hyphens) are an NHS number and must pass its
// check digit; anything else with a digit must be a date of birth;
// anything without digits is a name. A two-digit year is refused rather
// than guessed: 04/03/50 could be 1950 or 2050 to a parser, and a wrong
// guess finds the wrong person. Errors are Invalid, for the field "q".
func ParseCaseloadSearch(q string) (CaseloadSearch, error) {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > MaxCaseloadSearch {
		return CaseloadSearch{}, directory.Errorf(directory.Invalid, "q: a search has at most %d characters", MaxCaseloadSearch)
	}
	if !strings.ContainsFunc(q, unicode.IsDigit) {
		return CaseloadSearch{NameWords: strings.Fields(FoldName(q))}, nil
	}
	if digits := strings.NewReplacer(" ", "", "-", "").Replace(q); len(digits) == 10 && strings.Trim(digits, "0123456789") == "" {
		n, err := NormalizeNHSNumber(digits)
		if err != nil {
			return CaseloadSearch{}, directory.Errorf(directory.Invalid, "q: that looks like an NHS number, but %s", strings.TrimPrefix(err.Error(), "nhs_number: "))
		}
		return CaseloadSearch{NHSNumber: n}, nil
	}
	if dob, err := ParseDate("q", q); err == nil {
		return CaseloadSearch{DateOfBirth: dob}, nil
	}
	return CaseloadSearch{}, directory.Errorf(directory.Invalid, "%s", msgSearchHelp)
}

// FoldName is a name as the caseload search compares it: lower case,
// Latin letters without their accents (so "Zoe" finds "Zoë" and "Chloé"),
// dropping combining accents, and single spaces. Letters outside that table are kept as they are.
func FoldName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.Join(strings.Fields(name), " ")) {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent, as in a decomposed "é"
		}
		if plain, ok := unaccented[r]; ok {
			b.WriteString(plain)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unaccented maps the accented lower-case Latin letters common in names
// on UK registers to their plain letters. The standard library has no
// Unicode decomposition, and a table this size is cheaper than a new
// dependency for it.
var unaccented = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭį", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
