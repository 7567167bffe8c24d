// Package reports works out the scheme's figures for admins and
// commissioners: referrals in, people supported and their contacts,
// referrals out and what became of them, waiting lists, wellbeing
// change, unmet need, and the SNOMED coded-event returns for GP
// practices. Every figure is an aggregate, and every count from 1 to 4
// is suppressed, with the cells that would let it be worked back out.
//
// The counting is done by the store through [Source], in SQL; what is
// here is pure: it turns those counts into [Table]s.
package reports

import (
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// Filter chooses what a report counts. Every field but the dates may be
// empty (or 0), meaning all.
type Filter struct {
	From, To   time.Time // dates (midnight UTC), both inclusive
	TeamID     string    // a team or PCN
	Practice   string    // a GP practice, as recorded on people
	LinkWorker int64     // a link worker's user id
	Kind       string    // a kind of support (taxonomy term id)
	Area       string    // a postcode district, such as "LS7"
}

// MaxSpan is the longest period one report covers.
const MaxSpan = 20 * 366 * 24 * time.Hour

// Check returns an Invalid error when the filter cannot be counted, in
// words for the person who chose it.
func (f Filter) Check() error {
	switch {
	case f.From.IsZero() || f.To.IsZero():
		return directory.Errorf(directory.Invalid, "from and to: give both dates")
	case f.To.Before(f.From):
		return directory.Errorf(directory.Invalid, "to: the end date must be on or after the start date")
	case f.To.Sub(f.From) > MaxSpan:
		return directory.Errorf(directory.Invalid, "from: a report covers at most 20 years")
	}
	return nil
}

// District returns the postcode district (outward code) of a postcode,
// in capitals without spaces: "ls7 3ab" gives "LS7", and a district on
// its own is returned as it is. The inward code is always three
// characters, which is how the store finds the district too.
func District(postcode string) string {
	pc := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(postcode), " ", ""))
	if len(pc) > 4 {
		return pc[:len(pc)-3]
	}
	return pc
}
