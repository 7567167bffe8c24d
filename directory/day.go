package directory

import "time"

// Day returns the calendar date of t, as read in t's own location, at
// midnight UTC: how Linkway keeps dates (a listing's last check, a
// person's date of birth, a contact). Comparing days rather than
// instants means a person born today is not "in the future" just after
// midnight in London, when UTC is still yesterday.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
