package casework

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// The two national SNOMED CT codes for social prescribing link worker
// activity (shared/standards/snomed-social-prescribing.md §1, sources
// [S1] [S2]; data/snomed.json).
const (
	// CodeReferral is "Referral to social prescribing service": the
	// person accepted referral to the link worker.
	CodeReferral = "871731000000106"
	// CodeDeclined is "Social prescribing declined": the person declined
	// referral to the link worker.
	CodeDeclined = "871711000000103"
)

// Code is a SNOMED CT concept id with the term recorded beside it.
type Code struct {
	Code string
	Term string
}

// LoadCodes reads a SNOMED code list in the shape of data/snomed.json
// and returns its codes by id. It refuses the whole list if any entry is
// not marked "verified", is malformed or repeated, or if either of
// [CodeReferral] and [CodeDeclined] is missing: a wrong code in a GP
// record is a clinical error that outlives Linkway, so a doubtful list
// must stop the start-up rather than be half used.
func LoadCodes(r io.Reader) (map[string]Code, error) {
	var doc struct {
		Codes []struct {
			Code   string `json:"code"`
			Term   string `json:"term"`
			Status string `json:"status"`
		} `json:"codes"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("casework: snomed codes: %w", err)
	}
	codes := make(map[string]Code, len(doc.Codes))
	for _, c := range doc.Codes {
		switch {
		case c.Status != "verified":
			return nil, fmt.Errorf("casework: snomed code %q has status %q, not verified", c.Code, c.Status)
		case !isSCTID(c.Code):
			return nil, fmt.Errorf("casework: snomed code %q is not a concept id", c.Code)
		case strings.TrimSpace(c.Term) == "":
			return nil, fmt.Errorf("casework: snomed code %s has no term", c.Code)
		}
		if _, dup := codes[c.Code]; dup {
			return nil, fmt.Errorf("casework: snomed code %s is listed twice", c.Code)
		}
		codes[c.Code] = Code{Code: c.Code, Term: c.Term}
	}
	for _, need := range []string{CodeReferral, CodeDeclined} {
		if _, ok := codes[need]; !ok {
			return nil, fmt.Errorf("casework: snomed codes: %s is missing", need)
		}
	}
	return codes, nil
}

// isSCTID reports whether s looks like a SNOMED CT id: 6 to 18 digits,
// not starting with 0. (The Verhoeff check digit is not checked; the
// list is short and reviewed by hand.)
func isSCTID(s string) bool {
	return len(s) >= 6 && len(s) <= 18 && s[0] != '0' && strings.Trim(s, "0123456789") == ""
}

// EventsForContact returns the coded events that contact c with person p
// adds to the GP record, given whether p's current episode already has
// one. The caller saves them; the person's status is not consulted, so it
// does not matter whether the caller updates it before or after.
//
// The rule, from the national guidance (snomed-social-prescribing.md §1,
// sources [S1] [S2]):
//   - The first contact of an episode records [CodeReferral], dated that
//     contact: the person has accepted referral to the link worker. The
//     code is for the start of an episode only, never for ongoing contacts.
//   - If at that first contact the person declines (c.Declined), it
//     records [CodeDeclined] instead.
//   - Later contacts record nothing. A person who declines after they have
//     accepted is discharged, which has no national code: the accepted
//     referral stands in the record.
//
// It returns nil when the code is not in codes, which [LoadCodes] rules out.
func EventsForContact(p *Person, c *Contact, codes map[string]Code, episodeHasEvent bool) []CodedEvent {
	if episodeHasEvent {
		return nil
	}
	want := CodeReferral
	if c.Declined {
		want = CodeDeclined
	}
	code, ok := codes[want]
	if !ok {
		return nil
	}
	return []CodedEvent{{
		PersonID: p.ID,
		TeamID:   p.TeamID,
		Date:     c.Date,
		Code:     code.Code,
		Term:     code.Term,
		By:       c.By,
	}}
}

// CodedEventRow is one line of the coded-events export a GP practice
// enters into its clinical system.
type CodedEventRow struct {
	NHSNumber string
	Date      time.Time
	Code      string
	Term      string
	Practice  string
}

// CodedEventsCSV writes rows as CSV with the header
// nhs_number,date,code,term,practice and dates as YYYY-MM-DD (empty when
// zero).
//
// The file will be opened in a spreadsheet, which runs a cell starting
// with = + - @ (or a tab or carriage return) as a formula. Such a field
// is written with a leading apostrophe so it shows as text (OWASP's
// advice on CSV injection); none of the fields we write legitimately
// start with those characters.
func CodedEventsCSV(w io.Writer, rows []CodedEventRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"nhs_number", "date", "code", "term", "practice"}); err != nil {
		return fmt.Errorf("casework: coded events csv: %w", err)
	}
	for _, r := range rows {
		date := ""
		if !r.Date.IsZero() {
			date = r.Date.Format(time.DateOnly)
		}
		rec := []string{r.NHSNumber, date, r.Code, r.Term, r.Practice}
		for i, f := range rec {
			rec[i] = defuseFormula(f)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("casework: coded events csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("casework: coded events csv: %w", err)
	}
	return nil
}

// defuseFormula prefixes f with an apostrophe when a spreadsheet would
// read it as a formula.
func defuseFormula(f string) string {
	if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
		return "'" + f
	}
	return f
}
