package hsds

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// Values as feeds write them, read tolerantly and shared by every reader.
// Each Record method below returns the value Linkway keeps and, when the
// value was normalised from a form the standard does not use or could
// not be used at all, adds a warning to the record saying what was done.

// clockValue reads a time of day and returns it as HH:MM. It reads the
// forms HSDS allows ("10:00", "10:00:00", "12:00:00.000Z", "09:00-05:00"),
// which are standard, and forms people write ("9:00am", "12pm", "9.30
// pm", "0930", "noon"), which are not. The zone is dropped: directories
// are local and show times as listed.
func clockValue(s string) (v string, standard, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "":
		return "", true, true
	case "noon", "midday":
		return "12:00", false, true
	case "midnight":
		return "00:00", false, true
	}
	if h, m, ok := meridiemClock(t); ok {
		return fmt.Sprintf("%02d:%02d", h, m), false, true
	}
	if before, _, note := strings.Cut(t, "("); note && strings.TrimSpace(before) != "" {
		// A note after the time, as in "12:00pm (dispensing)": the time is
		// read, and the warning shows the note.
		if v, _, ok := clockValue(before); ok {
			return v, false, true
		}
	}
	if len(t) == 4 && allDigits(t) { // "0930"
		h, _ := strconv.Atoi(t[:2])
		m, _ := strconv.Atoi(t[2:])
		if h < 24 && m < 60 || h == 24 && m == 0 {
			return fmt.Sprintf("%02d:%02d", h, m), false, true
		}
		return "", false, false
	}
	// A zone: "Z", "+01:00", "-0500". It never starts the text.
	if i := strings.IndexAny(t, "z+-"); i > 0 {
		t = t[:i]
	}
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false, false
	}
	if len(parts) == 3 {
		// Seconds, maybe with a fraction ("00.000"), are dropped.
		sec, frac, _ := strings.Cut(parts[2], ".")
		if len(sec) != 2 || !allDigits(sec) || !allDigits(frac) {
			return "", false, false
		}
	}
	if len(parts[0]) < 1 || len(parts[0]) > 2 || len(parts[1]) != 2 || !allDigits(parts[0]) || !allDigits(parts[1]) {
		return "", false, false
	}
	h, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	if h > 24 || m > 59 || h == 24 && m > 0 {
		return "", false, false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true, true
}

// meridiemClock reads a 12-hour time: "9am", "9:30 pm", "9.30p.m.", "12pm".
func meridiemClock(t string) (h, m int, ok bool) {
	var pm bool
	switch {
	case strings.HasSuffix(t, "am"), strings.HasSuffix(t, "a.m."), strings.HasSuffix(t, "a.m"):
		t = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(t, "."), "m"), ".")
	case strings.HasSuffix(t, "pm"), strings.HasSuffix(t, "p.m."), strings.HasSuffix(t, "p.m"):
		t = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(t, "."), "m"), ".")
		pm = true
	case len(t) > 1 && t[len(t)-2] >= '0' && t[len(t)-2] <= '9' && (t[len(t)-1] == 'a' || t[len(t)-1] == 'p'):
		// "9:00a", "5:30p", as some exports shorten them.
		pm = t[len(t)-1] == 'p'
	default:
		return 0, 0, false
	}
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "a"), "p"))
	hs, ms, found := strings.Cut(t, ":")
	if !found {
		hs, ms, found = strings.Cut(t, ".")
	}
	if !found && (len(t) == 3 || len(t) == 4) && allDigits(t) {
		hs, ms, found = t[:len(t)-2], t[len(t)-2:], true // "830am"
	}
	if !found {
		ms = "00"
	}
	if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 || !allDigits(hs) || !allDigits(ms) {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	if h < 1 || h > 12 || m > 59 {
		return 0, 0, false
	}
	if h == 12 {
		h = 0
	}
	if pm {
		h += 12
	}
	return h, m, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Clock returns s as HH:MM, for field. A time in a form HSDS does not use
// is read with a warning; one that cannot be read is dropped with one.
func (r *Record) Clock(field, s string) string {
	v, standard, ok := clockValue(s)
	switch {
	case !ok:
		r.Warn(field, s, "dropped: not a time of day")
	case !standard:
		r.Warn(field, s, "read as "+v)
	}
	return v
}

// dayCodes are the iCal weekday codes, Monday first, as people count a
// week.
var dayCodes = [7]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// dayIndex returns the position in dayCodes of a day code or English day
// name ("TU", "Tue", "tuesday").
func dayIndex(s string) (int, bool) {
	d, ok := directory.ParseWeekday(s)
	if !ok {
		return 0, false
	}
	return (int(d) + 6) % 7, true
}

// dayGroups are the words feeds use for several days at once.
var dayGroups = map[string][]string{
	"WEEKDAYS": dayCodes[:5], "WEEKDAY": dayCodes[:5],
	"WEEKENDS": dayCodes[5:], "WEEKEND": dayCodes[5:],
	"DAILY": dayCodes[:], "EVERY DAY": dayCodes[:], "EVERYDAY": dayCodes[:], "ALL": dayCodes[:], "7 DAYS": dayCodes[:],
}

// byDayValue reads a BYDAY list and returns it as iCal codes, such as
// "MO,WE" or "1TH,-1FR". It reads iCal lists, which are standard, and
// forms people write, which are not: day names ("Monday, Wednesday"),
// ranges ("MO-FR", "Mon–Fri", "Monday to Friday") and words ("weekdays",
// "weekends", "daily").
func byDayValue(s string) (v string, standard, ok bool) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "" {
		return "", true, true
	}
	standard = true
	var out []string
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '&' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, "AND ") {
			part, standard = strings.TrimSpace(part[4:]), false
		}
		if g, found := dayGroups[part]; found {
			out, standard = append(out, g...), false
			continue
		}
		if from, to, found := dayRange(part); found {
			for i := from; ; i = (i + 1) % 7 {
				out = append(out, dayCodes[i])
				if i == to {
					break
				}
			}
			standard = false
			continue
		}
		rules, err := directory.ParseByDay(part)
		if err != nil || len(rules) != 1 {
			return "", false, false
		}
		code := dayCodes[(int(rules[0].Day)+6)%7]
		if rules[0].Ordinal != 0 {
			code = strconv.Itoa(rules[0].Ordinal) + code
		}
		if code != strings.TrimPrefix(part, "+") {
			standard = false // a day name, not its code
		}
		out = append(out, code)
	}
	if len(out) == 0 {
		return "", false, false
	}
	return strings.Join(out, ","), standard, true
}

// dayRange reads "MO-FR", "Mon – Fri" or "MONDAY TO FRIDAY" as positions
// in dayCodes.
func dayRange(s string) (from, to int, ok bool) {
	for _, sep := range []string{"-", "–", "—", " TO ", " THRU ", " THROUGH "} {
		a, b, found := strings.Cut(s, sep)
		if !found || strings.TrimSpace(a) == "" {
			continue
		}
		from, okA := dayIndex(strings.TrimSpace(a))
		to, okB := dayIndex(strings.TrimSpace(b))
		if okA && okB {
			return from, to, true
		}
	}
	return 0, 0, false
}

// ByDay returns s as an iCal BYDAY list, for field. A list in a form
// iCal does not use is read with a warning; one that cannot be read is
// dropped with one.
func (r *Record) ByDay(field, s string) string {
	v, standard, ok := byDayValue(s)
	switch {
	case !ok:
		r.Warn(field, s, "dropped: not a list of days like MO,WE")
	case !standard:
		r.Warn(field, s, "read as "+v)
	}
	return v
}

// Frequency returns s as a schedule frequency, for field, with the
// schedule's days: HSDS has only WEEKLY and MONTHLY, so a DAILY schedule
// is read as weekly on byDay, or on every day when it names none.
func (r *Record) Frequency(field, s, byDay string) (directory.Frequency, string) {
	switch f := directory.Frequency(strings.ToUpper(strings.TrimSpace(s))); f {
	case "", directory.Weekly, directory.Monthly:
		return f, byDay
	case "DAILY":
		if byDay == "" {
			byDay = strings.Join(dayCodes[:], ",")
		}
		r.Warn(field, s, "read as WEEKLY on "+byDay)
		return directory.Weekly, byDay
	}
	r.Warn(field, s, "dropped: HSDS schedules are WEEKLY or MONTHLY")
	return "", byDay
}

// The ages a listing may give; one outside is taken for a mistake.
const (
	minAge = 0
	maxAge = 130
)

// Ages returns a service's age bounds. HSDS ages are numbers, so a bound
// may be fractional (4.5): the minimum is rounded down and the maximum up,
// with a warning, so that no one the service is for is left out. A bound
// outside 0–130 is dropped with a warning, and so are both when the
// minimum is above the maximum, since which one is wrong cannot be told.
func (r *Record) Ages(minField string, lo *float64, maxField string, hi *float64) (minimum, maximum *int) {
	bound := func(field string, v *float64, round func(float64) float64, how string) *int {
		if v == nil {
			return nil
		}
		f := *v
		if f < minAge || f > maxAge {
			r.Warn(field, strconv.FormatFloat(f, 'f', -1, 64), fmt.Sprintf("dropped: not an age between %d and %d", minAge, maxAge))
			return nil
		}
		if f != math.Trunc(f) {
			r.Warn(field, strconv.FormatFloat(f, 'f', -1, 64), fmt.Sprintf("rounded %s to %g", how, round(f)))
			f = round(f)
		}
		n := int(f)
		return &n
	}
	minimum = bound(minField, lo, math.Floor, "down")
	maximum = bound(maxField, hi, math.Ceil, "up")
	if minimum != nil && maximum != nil && *minimum > *maximum {
		r.Warn(minField+", "+maxField, fmt.Sprintf("%d, %d", *minimum, *maximum), "both dropped: the minimum age is above the maximum")
		return nil, nil
	}
	return minimum, maximum
}

// dateLayouts are the date forms read, RFC 3339 and its date first.
var dateLayouts = []string{time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05Z07:00"}

// dateValue reads a date or a date and time. RFC 3339 allows its "T" and
// "Z" in lower case, so the text is read in upper case.
func dateValue(s string) (time.Time, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// Date returns s as a time, for field; a value that is not a date is
// dropped with a warning.
func (r *Record) Date(field, s string) time.Time {
	if strings.TrimSpace(s) == "" {
		return time.Time{}
	}
	t, ok := dateValue(s)
	if !ok {
		r.Warn(field, s, "dropped: not a date like 2025-03-31")
	}
	return t
}

// Point returns a location's position from its latitude and longitude,
// for field (the location's path). A position that cannot be right is
// dropped with a warning: one coordinate without the other, one off the
// Earth, or 0, 0 (a feed's placeholder in the Gulf of Guinea).
func (r *Record) Point(field string, lat, lon *float64) *orb.Point {
	switch {
	case lat == nil && lon == nil:
		return nil
	case lat == nil:
		r.Warn(join(field, "longitude"), strconv.FormatFloat(*lon, 'f', -1, 64), "dropped: a longitude without a latitude; no map point")
		return nil
	case lon == nil:
		r.Warn(join(field, "latitude"), strconv.FormatFloat(*lat, 'f', -1, 64), "dropped: a latitude without a longitude; no map point")
		return nil
	}
	value := fmt.Sprintf("%g, %g", *lat, *lon)
	switch {
	case *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180:
		r.Warn(join(field, "latitude, longitude"), value, "dropped: not a place on Earth; no map point")
		return nil
	case *lat == 0 && *lon == 0:
		r.Warn(join(field, "latitude, longitude"), value, "dropped: both 0, a placeholder; no map point")
		return nil
	}
	return &orb.Point{*lon, *lat}
}

// Weekday returns the "weekday" of an HSDS 1.x/2.0 regular schedule as an
// iCal day code, for field. Feeds write it as a day name ("Monday"), a
// code ("MO") or a number; numbers follow ISO 8601, 1 = Monday to
// 7 = Sunday, and 0 is read as Sunday, as systems that count from Sunday
// write it. A value that is none of these is dropped with a warning.
func (r *Record) Weekday(field, s string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return ""
	}
	if n, err := strconv.Atoi(t); err == nil && n >= 0 && n <= 7 {
		return dayCodes[(n+6)%7]
	}
	if i, ok := dayIndex(t); ok {
		return dayCodes[i]
	}
	r.Warn(field, s, "dropped: not a day of the week")
	return ""
}

// DateOnly returns s as YYYY-MM-DD, the form schedules compare
// (valid_from, valid_to), for field. A date and time keeps its date as
// written; a value that is not a date is dropped with a warning.
func (r *Record) DateOnly(field, s string) string {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "" {
		return ""
	}
	for _, layout := range dateLayouts {
		if v, err := time.Parse(layout, t); err == nil {
			return v.Format(time.DateOnly)
		}
	}
	r.Warn(field, s, "dropped: not a date like 2025-03-31")
	return ""
}
