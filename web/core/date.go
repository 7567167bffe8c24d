package core

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// Dates reach us in two ways. Forms use the GOV.UK date input pattern:
// three boxes, day, month and year, posted as NAME, NAME-month and
// NAME-year (the day box keeps the field's own name, so an error about
// the whole date links to the first box). Filters and the JSON API take
// one string, which may be ISO (2026-03-31, the API's contract) or how
// people in the UK write dates (31/03/2026, 31 March 2026).

// DateField is a date as typed into the three boxes, kept as typed so a
// refused form shows it again.
type DateField struct {
	Day, Month, Year string
}

// DateFieldOf splits t into the three boxes; the zero time leaves them
// empty.
func DateFieldOf(t time.Time) DateField {
	if t.IsZero() {
		return DateField{}
	}
	return DateField{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
}

// TypedDate writes t as a person in the UK types a date into one box,
// 31/3/2026, for a filter that shows back the dates it used.
func TypedDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2/1/2006")
}

// FormDate reads the date posted for name by the date input pattern. A
// form that posts name alone (no NAME-month or NAME-year), as older
// clients and scripts do, is read as one date in any form [ParseDay]
// takes. All boxes empty is the zero time and no error: whether the date
// is required is the caller's rule.
func FormDate(r *http.Request, name string) (DateField, time.Time, error) {
	f := r.PostForm
	_, hasMonth := f[name+"-month"]
	_, hasYear := f[name+"-year"]
	if !hasMonth && !hasYear {
		whole := strings.TrimSpace(f.Get(name))
		t, err := ParseDay(name, whole)
		if err != nil {
			return DateField{Day: whole}, t, err
		}
		return DateFieldOf(t), t, nil
	}
	in := DateField{Day: strings.TrimSpace(f.Get(name)), Month: strings.TrimSpace(f.Get(name + "-month")), Year: strings.TrimSpace(f.Get(name + "-year"))}
	t, err := in.Time(name)
	return in, t, err
}

// Time reads the three boxes as a date for the field name. The error's
// field is name+"-month" or name+"-year" when only that box is wrong, and
// name otherwise, so a form can mark the box (or all three) and link to
// it.
func (d DateField) Time(name string) (time.Time, error) {
	if d == (DateField{}) {
		return time.Time{}, nil
	}
	var missing []string
	for _, p := range []struct{ part, value string }{{"day", d.Day}, {"month", d.Month}, {"year", d.Year}} {
		if p.value == "" {
			missing = append(missing, p.part)
		}
	}
	if len(missing) > 0 {
		field := name
		if len(missing) == 1 && missing[0] != "day" {
			field = name + "-" + missing[0]
		}
		return time.Time{}, directory.Errorf(directory.Invalid, "%s: must include a %s", field, strings.Join(missing, " and a "))
	}
	month := d.Month
	if mo, ok := monthByName[strings.ToLower(strings.TrimSuffix(month, "."))]; ok {
		month = strconv.Itoa(int(mo)) // "March" or "Mar" in the month box is clear enough
	}
	return dateOf(name, name+"-year", d.Day, month, d.Year)
}

// monthByName knows the months written in full or cut short, the way
// people write them ("Sept" too).
var monthByName = func() map[string]time.Month {
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
)

// ParseDay reads one written date for the named field: ISO (2026-03-31),
// or day, month, year as people in the UK write it (31/03/2026,
// 31 March 2026, 31 Mar 2026). "" is the zero time. Month-first (US)
// dates are not guessed at: 03/04/2026 is 3 April.
func ParseDay(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if m := isoDate.FindStringSubmatch(v); m != nil {
		return dateOf(field, field, m[3], m[2], m[1])
	}
	if m := ukDate.FindStringSubmatch(v); m != nil {
		return dateOf(field, field, m[1], m[2], m[3])
	}
	if m := wordDate.FindStringSubmatch(v); m != nil {
		mo, ok := monthByName[strings.ToLower(m[2])]
		if !ok {
			return time.Time{}, notADate(field)
		}
		return dateOf(field, field, m[1], strconv.Itoa(int(mo)), m[3])
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

// dateOf checks the day, month and year (in figures) make a real date.
// A two-digit year is refused rather than guessed: 50 could be 1950 or
// 2050, and for a birth date the guess matters. yearField names the box
// a wrong year is in.
func dateOf(field, yearField, day, month, year string) (time.Time, error) {
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
