package casework

import (
	"slices"
	"testing"
)

func TestRates(t *testing.T) {
	tests := []struct {
		name string
		u    UptakeCounts
		want Rates
	}{
		{"nothing", UptakeCounts{}, Rates{Suppressed: true}},
		{"four referred", UptakeCounts{Referred: 4, Accepted: 4, Attended: 4, DaysToFirstAttendance: []float64{1, 2, 3, 4}},
			Rates{Suppressed: true}},
		{"five referred, too few attended for a median", UptakeCounts{Referred: 5, Accepted: 4, Attended: 2, DaysToFirstAttendance: []float64{3, 9}},
			Rates{AcceptanceRate: 0.8, AttendanceRate: 0.4}},
		{"odd number of attendances", UptakeCounts{Referred: 10, Accepted: 6, Attended: 5, Declined: 2, DaysToFirstAttendance: []float64{30, 2, 7, 180, 5}},
			Rates{AcceptanceRate: 0.6, AttendanceRate: 0.5, MedianDaysToFirstAttendance: 7, HasMedian: true}},
		{"even number of attendances", UptakeCounts{Referred: 8, Accepted: 8, Attended: 6, DaysToFirstAttendance: []float64{10, 1, 4, 6, 2, 20}},
			Rates{AcceptanceRate: 1, AttendanceRate: 0.75, MedianDaysToFirstAttendance: 5, HasMedian: true}},
		{"none accepted", UptakeCounts{Referred: 5, Declined: 5}, Rates{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days := slices.Clone(tt.u.DaysToFirstAttendance)
			if got := tt.u.Rates(); got != tt.want {
				t.Errorf("Rates() = %+v, want %+v", got, tt.want)
			}
			if !slices.Equal(days, tt.u.DaysToFirstAttendance) {
				t.Error("Rates() reordered the caller's slice")
			}
		})
	}
}
