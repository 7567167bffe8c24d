package hsds

import "testing"

// TestClockValue covers the times feeds write, including those the Miami
// 211 export has (9:00a, 830am, a note after the time).
func TestClockValue(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		standard bool
		ok       bool
	}{
		{"10:00", "10:00", true, true},
		{"10:00:00", "10:00", true, true},
		{"12:00:00.000Z", "12:00", true, true},
		{"09:00-05:00", "09:00", true, true},
		{"9:00am", "09:00", false, true},
		{"12pm", "12:00", false, true},
		{"12am", "00:00", false, true},
		{"9.30 p.m.", "21:30", false, true},
		{"0930", "09:30", false, true},
		{"noon", "12:00", false, true},
		{"9:00a", "09:00", false, true},
		{"5:30p", "17:30", false, true},
		{"830am", "08:30", false, true},
		{"1130pm", "23:30", false, true},
		{"12:00pm (dispensing)", "12:00", false, true},
		{"5:00pm (Counter closes at 4:30 pm)", "17:00", false, true},
		{"", "", true, true},
		{"6:300pm", "", false, false},
		{"9:0am", "", false, false},
		{"13pm", "", false, false},
		{"(closed)", "", false, false},
		{"25:00", "", false, false},
		{"a", "", false, false},
	}
	for _, tt := range tests {
		got, standard, ok := clockValue(tt.in)
		if got != tt.want || standard != tt.standard || ok != tt.ok {
			t.Errorf("clockValue(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, standard, ok, tt.want, tt.standard, tt.ok)
		}
	}
}
