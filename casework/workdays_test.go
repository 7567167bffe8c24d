package casework

import (
	"testing"
	"time"
)

func TestWorkingDaysBetween(t *testing.T) {
	d := func(s string) time.Time {
		t, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	easter := map[string]bool{"2025-04-18": true, "2025-04-21": true}
	christmas := map[string]bool{"2025-12-25": true, "2025-12-26": true, "2026-01-01": true}
	tests := []struct {
		name     string
		a, b     string
		holidays map[string]bool
		want     int
	}{
		{"same day", "2025-06-02 09:00", "2025-06-02 17:00", nil, 0},
		{"Monday to Monday", "2025-06-02 09:00", "2025-06-09 09:00", nil, 5},
		{"Friday to Monday", "2025-06-06 16:00", "2025-06-09 09:00", nil, 1},
		{"Friday to Sunday", "2025-06-06 16:00", "2025-06-08 09:00", nil, 0},
		{"Saturday to Monday", "2025-06-07 10:00", "2025-06-09 09:00", nil, 1},
		{"late Monday to early Tuesday", "2025-06-02 23:00", "2025-06-03 01:00", nil, 1},
		{"over Easter, not knowing it", "2025-04-17 09:00", "2025-04-22 09:00", nil, 3},
		{"over Easter", "2025-04-17 09:00", "2025-04-22 09:00", easter, 1},
		{"holiday on a weekend counts once", "2025-06-06 09:00", "2025-06-09 09:00", map[string]bool{"2025-06-07": true}, 1},
		{"over Christmas and New Year", "2025-12-22 09:00", "2026-01-05 09:00", christmas, 7},
		{"four weeks", "2025-03-03 09:00", "2025-03-31 09:00", nil, 20},
		{"backwards", "2025-06-09 09:00", "2025-06-02 09:00", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBetween(d(tt.a), d(tt.b), tt.holidays); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestWorkingDaysLocation checks that dates are read in each time's own
// location: 00:30 on a Tuesday in London is still Monday in UTC.
func TestWorkingDaysLocation(t *testing.T) {
	bst := time.FixedZone("BST", 3600)
	mon := time.Date(2025, 6, 2, 9, 0, 0, 0, bst)
	tueEarly := time.Date(2025, 6, 3, 0, 30, 0, 0, bst)
	if got := WorkingDaysBetween(mon, tueEarly, nil); got != 1 {
		t.Errorf("in BST = %d, want 1", got)
	}
	if got := WorkingDaysBetween(mon.UTC(), tueEarly.UTC(), nil); got != 0 {
		t.Errorf("in UTC = %d, want 0", got)
	}
}
