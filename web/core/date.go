package core

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
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
// clients and scripts do, is read as one date in any form [casework.ParseDate]
// takes. All boxes empty is the zero time and no error: whether the date
// is required is the caller's rule.
func FormDate(r *http.Request, name string) (DateField, time.Time, error) {
	f := r.PostForm
	_, hasMonth := f[name+"-month"]
	_, hasYear := f[name+"-year"]
	if !hasMonth && !hasYear {
		whole := strings.TrimSpace(f.Get(name))
		t, err := casework.ParseDate(name, whole)
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
	if mo, ok := casework.MonthByName[strings.ToLower(strings.TrimSuffix(month, "."))]; ok {
		month = strconv.Itoa(int(mo)) // "March" or "Mar" in the month box is clear enough
	}
	return casework.DateOf(name, name+"-year", d.Day, month, d.Year)
}
