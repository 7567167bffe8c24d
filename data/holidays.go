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
	names, err := BankHolidayNames(fsys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(names))
	for d := range names {
		out[d] = true
	}
	return out, nil
}

// BankHolidayNames reads bank-holidays.json as each date ("YYYY-MM-DD")
// with the holiday's name ("Christmas Day"), so that a session falling
// on one can say which.
func BankHolidayNames(fsys fs.FS) (map[string]string, error) {
	b, err := fs.ReadFile(fsys, "bank-holidays.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Holidays []struct {
			Date  string `json:"date"`
			Title string `json:"title"`
		} `json:"england-and-wales"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("data: bank-holidays.json: %w", err)
	}
	out := make(map[string]string, len(doc.Holidays))
	for _, h := range doc.Holidays {
		t, err := time.Parse(time.DateOnly, h.Date)
		if err != nil || t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			return nil, fmt.Errorf("data: bank-holidays.json: %q is not a weekday date", h.Date)
		}
		if h.Title == "" {
			return nil, fmt.Errorf("data: bank-holidays.json: %s has no name", h.Date)
		}
		out[h.Date] = h.Title
	}
	return out, nil
}
