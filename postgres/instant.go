package postgres

import "time"

// Times are stored as text in the layouts package sqlite writes, so that
// migrate-store copies rows as they are and both stores read them alike.
const instantLayout = "2006-01-02T15:04:05.000000000Z07:00"

func instantText(t time.Time) string { return t.UTC().Format(instantLayout) }

func parseInstant(s string) time.Time {
	t, _ := time.Parse(instantLayout, s)
	return t
}
