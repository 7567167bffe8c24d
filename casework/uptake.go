package casework

import "slices"

// SmallNumber is the count below which uptake figures are suppressed.
// With fewer than five people behind a figure, someone who knows the
// area could work out who they are.
const SmallNumber = 5

// UptakeCounts are the referrals a team made to services over a period,
// by what became of them, for an uptake report.
type UptakeCounts struct {
	Referred int
	Accepted int
	Attended int
	Declined int
	// DaysToFirstAttendance holds, for each referral that was attended,
	// the days from referral to first attendance.
	DaysToFirstAttendance []float64
}

// Rates are the uptake figures shown from [UptakeCounts]. When Suppressed
// is true the rates are zero and must not be shown, only "fewer than 5".
type Rates struct {
	Suppressed     bool    // fewer than SmallNumber referrals
	AcceptanceRate float64 // accepted / referred, 0 to 1
	AttendanceRate float64 // attended / referred, 0 to 1
	// MedianDaysToFirstAttendance is only set when HasMedian: there must
	// be at least SmallNumber attendances behind it, for the same reason.
	MedianDaysToFirstAttendance float64
	HasMedian                   bool
}

// Rates returns u's acceptance and attendance rates, and the median days
// to first attendance, suppressing any figure resting on fewer than
// [SmallNumber] people. The median, not the mean, because one person who
// waited six months for a place would otherwise set the figure.
func (u UptakeCounts) Rates() Rates {
	if u.Referred < SmallNumber {
		return Rates{Suppressed: true}
	}
	r := Rates{
		AcceptanceRate: float64(u.Accepted) / float64(u.Referred),
		AttendanceRate: float64(u.Attended) / float64(u.Referred),
	}
	if n := len(u.DaysToFirstAttendance); n >= SmallNumber {
		d := slices.Sorted(slices.Values(u.DaysToFirstAttendance))
		r.MedianDaysToFirstAttendance = d[n/2]
		if n%2 == 0 {
			r.MedianDaysToFirstAttendance = (d[n/2-1] + d[n/2]) / 2
		}
		r.HasMedian = true
	}
	return r
}
