package directory

import (
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		ok   bool
	}{
		{"10:00", 600, true}, {"10:00:00", 600, true}, {"9:30", 570, true}, {"10:00+01:00", 600, true},
		{"10:00:00Z", 600, true}, {"23:59", 1439, true}, {"24:00", 1440, true}, {" 07:05 ", 425, true},
		{"25:00", 0, false}, {"10:60", 0, false}, {"24:30", 0, false}, {"ten", 0, false}, {"10", 0, false}, {"", 0, false}, {"1:2:3:4", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseByDay(t *testing.T) {
	got, err := ParseByDay("MO, 1TH,-1fr,Tuesday")
	if err != nil {
		t.Fatal(err)
	}
	want := []DayRule{{time.Monday, 0}, {time.Thursday, 1}, {time.Friday, -1}, {time.Tuesday, 0}}
	if len(got) != len(want) {
		t.Fatalf("ParseByDay = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rule %d = %v, want %v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"XX", "9MO", "0TU", "M"} {
		if _, err := ParseByDay(bad); err == nil {
			t.Errorf("ParseByDay(%q) accepted", bad)
		}
	}
}

func TestScheduleNextAndSummary(t *testing.T) {
	// Wednesday 25 November 2026, 11:00.
	now := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		s       Schedule
		next    string
		summary string
	}{
		{"weekly later this week", Schedule{Freq: Weekly, ByDay: "FR", Opens: "10:00", Closes: "12:00"}, "2026-11-27 10:00", "Fridays 10:00–12:00"},
		{"running now counts as today", Schedule{Freq: Weekly, ByDay: "WE", Opens: "10:00", Closes: "12:00"}, "2026-11-25 10:00", "Wednesdays 10:00–12:00"},
		{"finished today: next week", Schedule{Freq: Weekly, ByDay: "WE", Opens: "09:00", Closes: "10:00"}, "2026-12-02 09:00", "Wednesdays 09:00–10:00"},
		{"first Thursday of the month", Schedule{Freq: Monthly, ByDay: "1TH", Opens: "18:30", Closes: "20:00"}, "2026-12-03 18:30", "first Thursday of the month 18:30–20:00"},
		{"last Friday of the month", Schedule{Freq: Monthly, ByDay: "-1FR", Opens: "14:00", Closes: "16:00"}, "2026-11-27 14:00", "last Friday of the month 14:00–16:00"},
		{"ended", Schedule{Freq: Weekly, ByDay: "MO", Opens: "10:00", Closes: "11:00", ValidTo: "2026-01-01"}, "", "Mondays 10:00–11:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, ok := tt.s.Next(now)
			got := ""
			if ok {
				got = next.Format("2006-01-02 15:04")
			}
			if got != tt.next {
				t.Errorf("Next() = %q, want %q", got, tt.next)
			}
			if s := tt.s.Summary(); s != tt.summary {
				t.Errorf("Summary() = %q, want %q", s, tt.summary)
			}
		})
	}
}

func TestServiceNextSession(t *testing.T) {
	// Wednesday 25 November 2026, 11:00.
	now := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	friday := Schedule{Freq: Weekly, ByDay: "FR", Opens: "10:00", Closes: "12:00"}
	thursday := Schedule{Freq: Weekly, ByDay: "TH", Opens: "18:00", Closes: "19:00"}
	ended := Schedule{Freq: Weekly, ByDay: "WE", Opens: "10:00", Closes: "12:00", ValidTo: "2026-01-01"}
	tests := []struct {
		name string
		s    Service
		want string
	}{
		{"no schedules", Service{}, ""},
		{"only ended schedules", Service{Schedules: []Schedule{ended}}, ""},
		{"service-wide", Service{Schedules: []Schedule{ended, friday}}, "2026-11-27 10:00"},
		{"a location's session comes first", Service{
			Schedules: []Schedule{friday},
			Locations: []ServiceAtLocation{{Schedules: []Schedule{ended}}, {Schedules: []Schedule{thursday}}},
		}, "2026-11-26 18:00"},
		{"only at a location", Service{Locations: []ServiceAtLocation{{Schedules: []Schedule{friday, thursday}}}}, "2026-11-26 18:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, ok := tt.s.NextSession(now)
			got := ""
			if ok {
				got = next.Format("2006-01-02 15:04")
			}
			if got != tt.want {
				t.Errorf("NextSession() = %q (ok %v), want %q", got, ok, tt.want)
			}
		})
	}
}
