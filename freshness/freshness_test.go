package freshness

import (
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

func TestOfAndCheckedAgo(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		verified time.Time
		want     Level
		words    string
	}{
		{time.Time{}, NeverChecked, "never checked"},
		{now, Fresh, "checked 0 months ago"},
		{now.AddDate(0, -1, 0), Fresh, "checked 1 month ago"},
		{now.AddDate(0, -6, 1), Fresh, "checked 5 months ago"},
		{now.AddDate(0, -6, 0), Stale, "checked 6 months ago"},
		{now.AddDate(0, -12, 1), Stale, "checked 11 months ago"},
		{now.AddDate(0, -12, 0), VeryStale, "checked 12 months ago"},
		{now.AddDate(-3, 0, 0), VeryStale, "checked 36 months ago"},
	}
	for _, tt := range tests {
		s := &directory.Service{LastVerified: tt.verified}
		if got := Of(s, now); got != tt.want {
			t.Errorf("Of(verified %s) = %v, want %v", tt.verified.Format(time.DateOnly), got, tt.want)
		}
		if got := CheckedAgo(s, now); got != tt.words {
			t.Errorf("CheckedAgo(verified %s) = %q, want %q", tt.verified.Format(time.DateOnly), got, tt.words)
		}
	}
}
