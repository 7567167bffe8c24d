package reports

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// SmallNumber is the smallest count shown. Counts from 1 to
// SmallNumber-1 are shown as "<5": with so few people behind a figure,
// someone who knows the area could tell who they are. Zero is shown.
const SmallNumber = 5

// Cell is one figure in a [Table]: a count, or a figure worked out from
// a count of people (a mean, a median, a share) that is withheld when
// fewer than [SmallNumber] people are behind it.
type Cell struct {
	N          int    // the count, or the number of people behind Text
	Text       string // the figure when it is not a count; "" for a count
	Suppressed bool
}

// Count is a cell holding a count.
func Count(n int) Cell { return Cell{N: n} }

// Figure is a cell holding a figure worked out from base people; it is
// withheld when base is below [SmallNumber], even zero (a mean of
// nobody means nothing).
func Figure(text string, base int) Cell {
	return Cell{N: base, Text: text, Suppressed: base < SmallNumber}
}

// IsCount reports whether the cell is a count (rather than a figure
// worked out from one).
func (c Cell) IsCount() bool { return c.Text == "" }

// String is the cell as shown and as written to CSV.
func (c Cell) String() string {
	switch {
	case c.Suppressed && c.IsCount():
		return "<5"
	case c.Suppressed:
		return "too few"
	case c.IsCount():
		return strconv.Itoa(c.N)
	}
	return c.Text
}

// Row is a labelled row of a [Table].
type Row struct {
	Label string
	Cells []Cell
	Total bool // the totals row
	// Summary marks a figure about the whole table (a median) rather than
	// one of its categories: it is not charted.
	Summary bool
}

// Table is one table of a report, shown with a chart beside it and
// downloadable as CSV.
type Table struct {
	ID      string // stable name: the CSV's ?table= and the page anchor
	Caption string
	RowHead string   // heading of the label column
	Columns []string // headings of the value columns
	Rows    []Row
	// RowTotals says each row's last cell is the sum of its other
	// cells; ColTotals says the last row is the sum of the rows above.
	// Suppression uses them to keep suppressed cells from being worked
	// out by subtraction.
	RowTotals, ColTotals bool
	// Chart is the column drawn as bars (-1 for none).
	Chart int
	Note  string // how to read the table, shown under it
}

// Suppress withholds every count from 1 to [SmallNumber]-1 in t
// (primary suppression) and then, wherever a row or column that adds up
// to a total shown has exactly one withheld count, also the next
// smallest count in it (secondary suppression), until none is left that
// subtraction would give away. Zeros stay shown: a zero is nobody.
func Suppress(t *Table) {
	for i := range t.Rows {
		for j := range t.Rows[i].Cells {
			c := &t.Rows[i].Cells[j]
			if c.IsCount() && c.N > 0 && c.N < SmallNumber {
				c.Suppressed = true
			}
		}
	}
	var groups [][]*Cell
	if t.RowTotals {
		for i := range t.Rows {
			var g []*Cell
			for j := range t.Rows[i].Cells {
				g = append(g, &t.Rows[i].Cells[j])
			}
			groups = append(groups, g)
		}
	}
	if t.ColTotals && len(t.Rows) > 0 {
		for j := range t.Rows[0].Cells {
			var g []*Cell
			for i := range t.Rows {
				if j < len(t.Rows[i].Cells) {
					g = append(g, &t.Rows[i].Cells[j])
				}
			}
			groups = append(groups, g)
		}
	}
	// Each pass withholds at least one more cell or stops, so this ends.
	for changed := true; changed; {
		changed = false
		for _, g := range groups {
			if protect(g) {
				changed = true
			}
		}
	}
}

// protect withholds the smallest shown non-zero count in g when g has
// exactly one withheld count, and reports whether it did.
func protect(g []*Cell) bool {
	withheld := 0
	var next *Cell
	for _, c := range g {
		if !c.IsCount() {
			return false // not an additive group
		}
		if c.Suppressed {
			withheld++
			continue
		}
		if c.N > 0 && (next == nil || c.N < next.N) {
			next = c
		}
	}
	if withheld != 1 || next == nil {
		return false
	}
	next.Suppressed = true
	return true
}

// WriteCSV writes t as CSV: a header row, then each row as shown on the
// page, with "<5" where a count is withheld.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{t.RowHead}, t.Columns...)); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec := []string{csvText(r.Label)}
		for _, c := range r.Cells {
			rec = append(rec, c.String())
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvText keeps a label from being read as a formula by a spreadsheet
// (labels such as a practice's name are typed by people).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
