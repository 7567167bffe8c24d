package casework

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// Dates typed by people, in one box: ISO (2026-03-31, the API's
// contract) or as people in the UK write them (31/03/2026, 31 March 2026).
// The web layer's three-box date input ends in [DateOf] too.

// MonthByName knows the months written in full or cut short, the way
// people write them ("Sept" too).
var MonthByName = func() map[string]time.Month {
	m := map[string]time.Month{"sept": time.September}
	for mo := time.January; mo <= time.December; mo++ {
		full := strings.ToLower(mo.String())
		m[full], m[full[:3]] = mo, mo
	}
	return m
}()

var (
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	// ukDate is day, month and year in figures, apart by a slash, dot,
	// dash or space: 4/3/1950, 04.03.1950, 4 3 1950.
	ukDate = regexp.MustCompile(`^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d+)$`)
	// wordDate is a day, a month's name and a year: 4 March 1950,
	// 4th Mar 1950, 4 March, 1950.
	wordDate = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d+)$`)
	// monthFirstWordDate is the month's name first, as in the US (March 4,
	// 1950): with the month in words it cannot be misread.
	monthFirstWordDate = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$`)
)

// ParseDate reads one written date for the named field: ISO (2026-03-31),
// or day, month, year as people in the UK write it (31/03/2026,
// 31 March 2026, 31 Mar 2026). "" is the zero time. Month-first (US)
// dates in figures are not guessed at: 03/04/2026 is 3 April; with the
// month in words either order is clear (March 4, 1950).
func ParseDate(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if m := isoDate.FindStringSubmatch(v); m != nil {
		return DateOf(field, field, m[3], m[2], m[1])
	}
	if m := ukDate.FindStringSubmatch(v); m != nil {
		return DateOf(field, field, m[1], m[2], m[3])
	}
	if m := wordDate.FindStringSubmatch(v); m != nil {
		mo, ok := MonthByName[strings.ToLower(m[2])]
		if !ok {
			return time.Time{}, notADate(field)
		}
		return DateOf(field, field, m[1], strconv.Itoa(int(mo)), m[3])
	}
	if m := monthFirstWordDate.FindStringSubmatch(v); m != nil {
		mo, ok := MonthByName[strings.ToLower(m[1])]
		if !ok {
			return time.Time{}, notADate(field)
		}
		return DateOf(field, field, m[2], strconv.Itoa(int(mo)), m[3])
	}
	return time.Time{}, notADate(field)
}

// notADate refuses what cannot be read as a date, with an example a
// person can copy: a past one for a birth date, as nobody is born in the
// future.
func notADate(field string) error {
	example := "27/3/2027 or 27 March 2027"
	if strings.Contains(field, "birth") {
		example = "27/3/1950 or 27 March 1950"
	}
	return directory.Errorf(directory.Invalid, "%s: must be a real date, written like %s", field, example)
}

// DateOf checks the day, month and year (in figures) make a real date.
// A two-digit year is refused rather than guessed: 50 could be 1950 or
// 2050, and for a birth date the guess matters. yearField names the box
// a wrong year is in.
func DateOf(field, yearField, day, month, year string) (time.Time, error) {
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	if errD != nil || errM != nil || errY != nil {
		return time.Time{}, directory.Errorf(directory.Invalid, "%s: must be a real date", field)
	}
	if len(year) != 4 {
		return time.Time{}, directory.Errorf(directory.Invalid, "%s: must include the year in full, with 4 numbers, like %s", yearField, yearExample(field))
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, directory.Errorf(directory.Invalid, "%s: must be a real date", field)
	}
	return t, nil
}

func yearExample(field string) string {
	if strings.Contains(field, "birth") {
		return "1950"
	}
	return "2027"
}
