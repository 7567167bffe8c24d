package reports

import (
	"strings"
	"testing"
)

func counts(rows ...[]int) Table {
	var t Table
	for _, r := range rows {
		t.Rows = append(t.Rows, countRow("r", r, false))
	}
	return t
}

func shown(t Table) [][]string {
	var out [][]string
	for _, r := range t.Rows {
		var row []string
		for _, c := range r.Cells {
			row = append(row, c.String())
		}
		out = append(out, row)
	}
	return out
}

func TestSuppressPrimary(t *testing.T) {
	tb := counts([]int{0, 1, 4, 5, 12})
	Suppress(&tb)
	got := strings.Join(shown(tb)[0], " ")
	if want := "0 <5 <5 5 12"; got != want {
		t.Errorf("Suppress = %q, want %q (1 to 4 withheld, 0 and 5 shown)", got, want)
	}
}

// TestSuppressDerivableCell: a single withheld count in a row that adds
// up to a total shown could be worked out by subtraction (20 - 12 - 5 =
// 3), so the next smallest count in the row is withheld too; and that
// second cell must then not be derivable down its own column.
func TestSuppressDerivableCell(t *testing.T) {
	tb := counts(
		//   a   b   c  total
		[]int{3, 5, 12, 20},
		[]int{9, 7, 6, 22},
		[]int{12, 12, 18, 42}, // totals row
	)
	tb.RowTotals, tb.ColTotals = true, true
	Suppress(&tb)
	got := shown(tb)
	// Row 1: 3 is withheld, then 5 (the next smallest in the row).
	// Column a: 3 is withheld alone, so 9 (next smallest) goes too;
	// column b: 5 is withheld, so 7 goes. Row 2 then has 9 and 7
	// withheld, which protect each other.
	want := [][]string{
		{"<5", "<5", "12", "20"},
		{"<5", "<5", "6", "22"},
		{"12", "12", "18", "42"},
	}
	for i := range want {
		if strings.Join(got[i], " ") != strings.Join(want[i], " ") {
			t.Errorf("row %d = %v, want %v", i, got[i], want[i])
		}
	}
	// No row or column that adds up may be left with exactly one
	// withheld cell.
	for i, r := range tb.Rows {
		if n := withheld(r.Cells); n == 1 {
			t.Errorf("row %d has one withheld cell: derivable", i)
		}
	}
	for j := range tb.Rows[0].Cells {
		var col []Cell
		for _, r := range tb.Rows {
			col = append(col, r.Cells[j])
		}
		if n := withheld(col); n == 1 {
			t.Errorf("column %d has one withheld cell: derivable", j)
		}
	}
}

// TestSuppressWithoutTotals: a table whose rows do not add up has no
// secondary suppression; withholding more would hide figures for
// nothing.
func TestSuppressWithoutTotals(t *testing.T) {
	tb := counts([]int{3, 5, 12})
	Suppress(&tb)
	if got := strings.Join(shown(tb)[0], " "); got != "<5 5 12" {
		t.Errorf("Suppress = %q, want %q", got, "<5 5 12")
	}
}

func withheld(cs []Cell) int {
	n := 0
	for _, c := range cs {
		if c.Suppressed {
			n++
		}
	}
	return n
}

func TestShareOfHidesSmallCounts(t *testing.T) {
	for _, tt := range []struct {
		k, n int
		want string
	}{
		{3, 12, "too few"}, // 25% of 12 gives away 3
		{6, 12, "50%"},
		{0, 12, "0%"},
		{2, 4, "too few"},
	} {
		if got := shareOf(tt.k, tt.n).String(); got != tt.want {
			t.Errorf("shareOf(%d, %d) = %q, want %q", tt.k, tt.n, got, tt.want)
		}
	}
}

func TestQuartiles(t *testing.T) {
	q, ok := Quartiles([]float64{7, 1, 3, 5, 9})
	if !ok || q != [3]float64{3, 5, 7} {
		t.Errorf("Quartiles = %v, %v; want [3 5 7]", q, ok)
	}
	q, _ = Quartiles([]float64{1, 2, 3, 4})
	if q != [3]float64{1.75, 2.5, 3.25} {
		t.Errorf("Quartiles(1..4) = %v, want [1.75 2.5 3.25]", q)
	}
}

func TestWriteCSVWithholdsAndDefusesFormulas(t *testing.T) {
	tb := Table{RowHead: "Practice", Columns: []string{"Events"}, Rows: []Row{
		countRow("=HYPERLINK(\"x\")", []int{3}, false), countRow("Oak Surgery", []int{8}, false)}}
	Suppress(&tb)
	var b strings.Builder
	if err := tb.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "Practice,Events\n\"'=HYPERLINK(\"\"x\"\")\",<5\nOak Surgery,8\n"
	if b.String() != want {
		t.Errorf("CSV =\n%s\nwant\n%s", b.String(), want)
	}
}
