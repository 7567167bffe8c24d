package directory

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Frequency is how often a schedule repeats (iCal FREQ).
type Frequency string

// Supported frequencies. HSDS allows only these two.
const (
	Weekly  Frequency = "WEEKLY"
	Monthly Frequency = "MONTHLY"
)

// Clock is a time of day in minutes after midnight. The zero Clock is
// midnight; use [Schedule.HasTimes] to know whether a schedule states times.
type Clock int

// ParseClock reads a time of day as feeds write it: "HH:MM" or "HH:MM:SS",
// optionally followed by a zone ("Z", "+01:00", "+0100"). The zone is
// dropped: Linkway's directories are local and show times as listed.
func ParseClock(s string) (Clock, error) {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, "Z+-"); i > 0 {
		t = t[:i]
	}
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%s is not a time of day like 10:30", Quote(s))
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) != 2 && !(i == 0 && len(p) == 1) {
			return 0, fmt.Errorf("%s is not a time of day like 10:30", Quote(s))
		}
		n[i] = v
	}
	if n[0] > 24 || n[1] > 59 || n[2] > 59 || n[0] == 24 && (n[1] > 0 || n[2] > 0) {
		return 0, fmt.Errorf("%s is not a time of day like 10:30", Quote(s))
	}
	return Clock(n[0]*60 + n[1]), nil
}

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Weekday codes as iCal writes them, indexed by time.Weekday.
var icalDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// DayRule is one BYDAY entry: a weekday and, for monthly schedules, which
// occurrence in the month (1 = first, -1 = last, 0 = every).
type DayRule struct {
	Day     time.Weekday
	Ordinal int
}

// ParseByDay reads an iCal BYDAY list such as "MO,WE" or "1TH,-1FR".
// Feeds also write full English day names, which are accepted.
func ParseByDay(s string) ([]DayRule, error) {
	var rules []DayRule
	for _, f := range strings.Split(s, ",") {
		f = strings.ToUpper(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		i := 0
		for i < len(f) && (f[i] == '-' || f[i] == '+' || f[i] >= '0' && f[i] <= '9') {
			i++
		}
		ord := 0
		if i > 0 {
			v, err := strconv.Atoi(f[:i])
			if err != nil || v == 0 || v < -5 || v > 5 {
				return nil, fmt.Errorf("%s is not a day like MO or 1TH", Quote(f))
			}
			ord = v
		}
		d, ok := ParseWeekday(f[i:])
		if !ok {
			return nil, fmt.Errorf("%s is not a day like MO or 1TH", Quote(f))
		}
		rules = append(rules, DayRule{Day: d, Ordinal: ord})
	}
	return rules, nil
}

// ParseWeekday reads an iCal day code ("TU") or an English day name or
// its common abbreviation ("Tuesday", "tue"), in any case.
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 {
		return 0, false
	}
	for d, code := range icalDays {
		name := strings.ToUpper(time.Weekday(d).String())
		if s == code || s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
			return time.Weekday(d), true
		}
	}
	return 0, false
}

// Schedule is when a service happens, in the iCal terms HSDS uses.
type Schedule struct {
	ID            string
	Freq          Frequency
	Interval      int
	ByDay         string
	ByMonthDay    string
	Opens         string // as listed, normalised to HH:MM
	Closes        string
	ValidFrom     string
	ValidTo       string
	DTStart       string
	Description   string
	AttendingType string
	Notes         string
}

// HasTimes reports whether the schedule states opening and closing times.
func (s *Schedule) HasTimes() bool { return s.Opens != "" && s.Closes != "" }

// Days returns the parsed BYDAY rules, ignoring a malformed list (it was
// validated on the way in).
func (s *Schedule) Days() []DayRule {
	r, _ := ParseByDay(s.ByDay)
	return r
}

// Window returns the opening and closing clock times; ok is false when
// the schedule states none.
func (s *Schedule) Window() (opens, closes Clock, ok bool) {
	if !s.HasTimes() {
		return 0, 0, false
	}
	o, err1 := ParseClock(s.Opens)
	c, err2 := ParseClock(s.Closes)
	return o, c, err1 == nil && err2 == nil
}

// OccursOn reports whether the schedule has a session on date d.
func (s *Schedule) OccursOn(d time.Time) bool {
	if s.ValidFrom != "" && d.Format(time.DateOnly) < s.ValidFrom {
		return false
	}
	if s.ValidTo != "" && d.Format(time.DateOnly) > s.ValidTo {
		return false
	}
	for _, r := range s.Days() {
		if r.Day != d.Weekday() {
			continue
		}
		if s.Freq != Monthly || r.Ordinal == 0 {
			return true
		}
		if r.Ordinal > 0 && (d.Day()-1)/7+1 == r.Ordinal {
			return true
		}
		if r.Ordinal < 0 {
			daysLeft := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, d.Location()).Day() - d.Day()
			if daysLeft/7+1 == -r.Ordinal {
				return true
			}
		}
	}
	return false
}

// Next returns the start of the next session at or after now, looking up
// to 62 days ahead; ok is false when there is none or the schedule states
// no days.
func (s *Schedule) Next(now time.Time) (time.Time, bool) {
	opens, closes, timed := s.Window()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	for i := 0; i <= 62; i++ {
		d := day.AddDate(0, 0, i)
		if !s.OccursOn(d) {
			continue
		}
		start := d.Add(time.Duration(opens) * time.Minute)
		if i == 0 && timed && now.After(d.Add(time.Duration(closes)*time.Minute)) {
			continue
		}
		return start, true
	}
	return time.Time{}, false
}

// NextSession returns the start of the service's next session at or
// after now, across its service-wide and per-location schedules; ok is
// false when none of them has one (see [Schedule.Next]).
func (s *Service) NextSession(now time.Time) (next time.Time, ok bool) {
	consider := func(scs []Schedule) {
		for i := range scs {
			if t, found := scs[i].Next(now); found && (!ok || t.Before(next)) {
				next, ok = t, true
			}
		}
	}
	consider(s.Schedules)
	for _, sal := range s.Locations {
		consider(sal.Schedules)
	}
	return next, ok
}

// Summary describes the schedule in plain English, such as
// "Tuesdays 10:00–12:00" or "first Thursday of the month 18:30–20:00".
func (s *Schedule) Summary() string {
	var days []string
	for _, r := range s.Days() {
		name := r.Day.String()
		switch {
		case s.Freq == Monthly && r.Ordinal != 0:
			days = append(days, ordinalWord(r.Ordinal)+" "+name+" of the month")
		default:
			days = append(days, name+"s")
		}
	}
	out := joinEnglish(days)
	if s.Freq == Weekly && s.Interval > 1 {
		out = fmt.Sprintf("every %d weeks on %s", s.Interval, strings.Join(days, ", "))
	}
	if o, c, ok := s.Window(); ok {
		if out != "" {
			out += " "
		}
		out += o.String() + "–" + c.String()
	}
	if out == "" {
		return s.Description
	}
	return out
}

func ordinalWord(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	case -1:
		return "last"
	}
	return fmt.Sprintf("%d", n)
}

func joinEnglish(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
