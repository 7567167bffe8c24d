package data

import "testing"

func TestBankHolidays(t *testing.T) {
	h, err := BankHolidays(FS)
	if err != nil {
		t.Fatal(err)
	}
	// Christmas 2026 falls on a Friday, Boxing Day on a Saturday: the
	// substitute is Monday 28 December.
	for _, d := range []string{"2026-12-25", "2026-12-28", "2027-03-26", "2027-03-29"} {
		if !h[d] {
			t.Errorf("%s is not a bank holiday here", d)
		}
	}
	if h["2026-12-26"] || h["2026-11-25"] {
		t.Error("a Saturday or an ordinary day counted as a bank holiday")
	}
}
