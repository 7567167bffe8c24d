package data

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"time"
)

// BankHolidays reads bank-holidays.json: the dates ("YYYY-MM-DD") on which
// England and Wales do not work, for counting working days.
func BankHolidays(fsys fs.FS) (map[string]bool, error) {
	b, err := fs.ReadFile(fsys, "bank-holidays.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Dates []string `json:"england-and-wales"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("data: bank-holidays.json: %w", err)
	}
	out := make(map[string]bool, len(doc.Dates))
	for _, d := range doc.Dates {
		t, err := time.Parse("2006-01-02", d)
		if err != nil || t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			return nil, fmt.Errorf("data: bank-holidays.json: %q is not a weekday date", d)
		}
		out[d] = true
	}
	return out, nil
}
