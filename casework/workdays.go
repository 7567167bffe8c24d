package casework

import (
	"time"

	"github.com/linkway/linkway/directory"
)

// WorkingDaysBetween counts the working days after a's date up to and
// including b's date: Monday to Friday, less any date ("YYYY-MM-DD") in
// holidays. So from one Monday to the next is 5, and the same day is 0.
// It returns 0 when b is on or before a's date.
//
// Dates are read in each time's own location. Pass times in UK local
// time (Europe/London) when holidays are UK bank holidays; this package
// loads no time zone data.
func WorkingDaysBetween(a, b time.Time, holidays map[string]bool) int {
	n := 0
	end := directory.Day(b)
	for d := directory.Day(a).AddDate(0, 0, 1); !d.After(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if holidays[d.Format(time.DateOnly)] {
			continue
		}
		n++
	}
	return n
}
