package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

var dayOrder = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

var dayNames = map[string]string{
	"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
	"FR": "Friday", "SA": "Saturday", "SU": "Sunday",
}

var ordinalNames = map[string]string{"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}

func (g *generator) makeSchedule(ks *kindSpec, mode string, ids idMaker, key, attending string, r *rand.Rand) directory.Schedule {
	slots := ks.Slots
	if len(ks.PhoneSlots) > 0 && (mode == modePhone || mode == modeOnline && strings.Contains("hel dom deb ben hou", ks.Code)) {
		slots = ks.PhoneSlots
	}
	slot := slots[r.IntN(len(slots))]
	days, times, ok := strings.Cut(slot, "@")
	if !ok {
		days, times = "*", slot
	}
	if days == "*" {
		allowed := strings.Fields(ks.Days)
		days = allowed[r.IntN(len(allowed))]
		// Now and then a group meets twice a week.
		if mode != modePhone && r.Float64() < 0.07 {
			other := allowed[r.IntN(len(allowed))]
			if other != days {
				days = joinDays(days, other)
			}
		}
	}
	opens, closes, _ := strings.Cut(times, "-")
	sch := directory.Schedule{
		ID:            ids.id(strings.Split(key, "/")...),
		Freq:          directory.Weekly,
		ByDay:         days,
		Opens:         opens,
		Closes:        closes,
		AttendingType: attending,
	}
	if !strings.Contains(days, ",") && mode != modePhone && !is24h(opens, closes) && r.Float64() < ks.Monthly {
		ord := []string{"1", "1", "2", "2", "3", "4", "-1", "-1"}[r.IntN(8)]
		sch.Freq = directory.Monthly
		sch.ByDay = ord + days
	}
	sch.Description = scheduleText(sch.Freq, sch.ByDay, opens, closes)
	return sch
}

func joinDays(a, b string) string {
	var out []string
	for _, d := range dayOrder {
		if d == a || d == b {
			out = append(out, d)
		}
	}
	return strings.Join(out, ",")
}

// firstDay returns the first day code in a byday value ("1TH" gives "TH").
func firstDay(byday string) string {
	d, _, _ := strings.Cut(byday, ",")
	return strings.TrimLeft(d, "-0123456789")
}

func splitOrdinal(byday string) (ord, day string) {
	day = strings.TrimLeft(byday, "-0123456789")
	return byday[:len(byday)-len(day)], day
}

// clock12 writes "10:00" as "10am", "13:30" as "1.30pm", "12:00" as "12 noon".
func clock12(hm string) string {
	h, _ := strconv.Atoi(hm[:2])
	mi := hm[3:5]
	switch {
	case h == 12 && mi == "00":
		return "12 noon"
	case h == 0 && mi == "00":
		return "midnight"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
		if h > 12 {
			h -= 12
		}
	}
	if mi == "00" {
		return fmt.Sprintf("%d%s", h, suffix)
	}
	return fmt.Sprintf("%d.%s%s", h, mi, suffix)
}

func plural(day string) string { return dayNames[day] + "s" }

func listWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func is24h(opens, closes string) bool { return opens == "00:00" && closes == "23:59" }

func scheduleText(freq directory.Frequency, byday, opens, closes string) string {
	hours := clock12(opens) + " to " + clock12(closes)
	if freq == directory.Monthly {
		ord, day := splitOrdinal(byday)
		o := ordinalNames[ord]
		return strings.ToUpper(o[:1]) + o[1:] + " " + dayNames[day] + " of the month " + hours
	}
	days := strings.Split(byday, ",")
	switch {
	case len(days) == 7 && is24h(opens, closes):
		return "24 hours a day, every day"
	case len(days) == 7:
		return "Every day " + hours
	case byday == "MO,TU,WE,TH,FR":
		return "Monday to Friday " + hours
	case byday == "MO,TU,WE,TH":
		return "Monday to Thursday " + hours
	}
	var ps []string
	for _, d := range days {
		ps = append(ps, plural(d))
	}
	return listWords(ps) + " " + hours
}

func partOfDay(opens string) string {
	switch {
	case opens < "11:30":
		return "morning"
	case opens < "12:30":
		return "lunchtime"
	case opens < "17:00":
		return "afternoon"
	}
	return "evening"
}

// whenPhrase says when a service runs, for use inside a sentence.
func whenPhrase(s directory.Schedule, mode string) string {
	opens, closes := s.Opens, s.Closes
	hours := "from " + clock12(opens) + " to " + clock12(closes)
	if s.Freq == directory.Monthly {
		ord, day := splitOrdinal(s.ByDay)
		return "on the " + ordinalNames[ord] + " " + dayNames[day] + " of every month"
	}
	days := strings.Split(s.ByDay, ",")
	switch {
	case len(days) == 7 && is24h(opens, closes):
		return "day or night, every day of the year"
	case len(days) == 7:
		return "every day " + hours
	case s.ByDay == "MO,TU,WE,TH,FR":
		return "on weekdays " + hours
	case len(days) == 1 && mode != modePhone:
		return "every " + dayNames[days[0]] + " " + partOfDay(opens)
	}
	var ps []string
	for _, d := range days {
		ps = append(ps, plural(d))
	}
	if mode == modePhone {
		return "on " + listWords(ps) + " " + hours
	}
	return "on " + listWords(ps)
}
