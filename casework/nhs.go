package casework

import (
	"strings"

	"github.com/linkway/linkway/directory"
)

// The messages a link worker sees for a mistyped NHS number. They are
// shared by [NormalizeNHSNumber] and [Person.Validate], which names the
// field itself.
const (
	msgNHSLength = "an NHS number has 10 digits"
	msgNHSCheck  = "the check digit does not match; please check the number"
)

// NormalizeNHSNumber returns s as ten digits with no spaces or hyphens,
// or an error of kind Invalid when s is not a well-formed NHS number.
//
// The last digit is a modulus 11 check digit: the first nine digits are
// weighted 10 down to 2 and summed, and the check digit is 11 minus the
// sum mod 11, with 11 read as 0. A result of 10 means no number with
// those nine digits was ever issued. The check catches every single
// mistyped digit and most swapped pairs, which is why we insist on it
// before a number goes into the GP export.
func NormalizeNHSNumber(s string) (string, error) {
	n, problem := normalizeNHS(s)
	if problem != "" {
		return "", directory.Errorf(directory.Invalid, "nhs_number: %s", problem)
	}
	return n, nil
}

// normalizeNHS is [NormalizeNHSNumber] returning the problem, if any, as
// a message for the nhs_number field.
func normalizeNHS(s string) (digits, problem string) {
	digits = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	switch {
	case len(digits) != 10 || strings.Trim(digits, "0123456789") != "":
		return "", msgNHSLength
	case !nhsCheckDigitOK(digits):
		return "", msgNHSCheck
	}
	return digits, ""
}

// nhsCheckDigitOK reports whether the tenth digit of the ten ASCII digits
// in d is the modulus 11 check digit of the first nine.
func nhsCheckDigitOK(d string) bool {
	sum := 0
	for i := range 9 {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(d[9]-'0') == check
}

// FormatNHSNumber writes a normalised NHS number in the 3-3-4 groups
// people read it in ("943 476 5919"). Anything that is not ten digits
// is returned unchanged, so a display never hides what was stored.
func FormatNHSNumber(s string) string {
	if len(s) != 10 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}
