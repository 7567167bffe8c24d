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

func TestBankHolidayNames(t *testing.T) {
	names, err := BankHolidayNames(FS)
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]string{"2026-12-25": "Christmas Day", "2028-04-14": "Good Friday", "2028-01-03": "New Year’s Day substitute"} {
		if names[d] != want {
			t.Errorf("%s is %q, want %q", d, names[d], want)
		}
	}
}
