package public

import (
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
)

// TestNextSessionOnABankHoliday: a group that meets on the last Friday
// of the month has its December 2026 session on Christmas Day. The card
// says so, by the holiday's name, so nobody turns up to a locked hall;
// the session after it, in January, is an ordinary day.
func TestNextSessionOnABankHoliday(t *testing.T) {
	names, err := data.BankHolidayNames(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	holiday := func(t time.Time) string { return names[t.Format(time.DateOnly)] }
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	svc := &directory.Service{ID: "craft", Name: "Craft afternoon", Schedules: []directory.Schedule{
		{Freq: directory.Monthly, ByDay: "-1FR", Opens: "13:00", Closes: "15:00"},
	}}

	card := newServiceCard(svc, time.Date(2026, 12, 8, 9, 0, 0, 0, london), holiday)
	const want = "Friday 25 December, 13:00 (Christmas Day, a bank holiday: check it is on)"
	if card.NextSession != want {
		t.Errorf("next session = %q, want %q", card.NextSession, want)
	}
	card = newServiceCard(svc, time.Date(2026, 12, 26, 9, 0, 0, 0, london), holiday)
	if card.NextSession != "Friday 29 January, 13:00" {
		t.Errorf("after Christmas, next session = %q, want Friday 29 January, 13:00 and no holiday", card.NextSession)
	}
	// Without the list of bank holidays the date is shown plainly.
	card = newServiceCard(svc, time.Date(2026, 12, 8, 9, 0, 0, 0, london), func(time.Time) string { return "" })
	if strings.Contains(card.NextSession, "bank holiday") || !strings.HasPrefix(card.NextSession, "Friday 25 December") {
		t.Errorf("with no holidays known, next session = %q", card.NextSession)
	}
}
