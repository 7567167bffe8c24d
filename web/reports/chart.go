package reports

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/linkway/linkway/reports"
)

// Bar chart geometry in viewBox units. The SVG has no fixed size, so it
// scales to its container on a phone or a desktop; labels sit above
// their bars rather than beside them, so long ones still fit.
const (
	barChartW   = 400
	barLeft     = 8
	barRight    = 330 // room after the longest bar for its figure
	barRowH     = 42
	barH        = 16
	barTop      = 8
	barColour   = "#1d70b8" // GOV.UK blue, 5.2:1 on white
	barText     = "#0b0c0c"
	barAxisLine = "#505a5f"
)

// BarChart draws the chart column of t as horizontal bars, one per row
// except the totals and summary figures, drawn on the server so it needs no JavaScript. The
// table beside it is the accessible alternative: the SVG has a title
// and a description saying so, and every bar is labelled with its
// figure. A withheld figure has no bar, only its "<5" or "too few".
// Negative figures (a fall in a mean score) are drawn left of zero.
func BarChart(t reports.Table) template.HTML {
	if t.Chart < 0 || t.Chart >= len(t.Columns) {
		return ""
	}
	type bar struct {
		label, text string
		v           float64
		drawn       bool
	}
	var bars []bar
	lo, hi := 0.0, 0.0
	for _, r := range t.Rows {
		if r.Total || r.Summary || t.Chart >= len(r.Cells) {
			continue
		}
		c := r.Cells[t.Chart]
		b := bar{label: r.Label, text: c.String()}
		if v, ok := value(c); ok && !c.Suppressed {
			b.v, b.drawn = v, true
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		bars = append(bars, b)
	}
	if len(bars) == 0 {
		return ""
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	x := func(v float64) float64 { return barLeft + (v-lo)/span*(barRight-barLeft) }
	height := barTop + len(bars)*barRowH + 4
	id := "chart-" + t.ID
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bar-chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif" font-size="13">`,
		barChartW, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, esc(t.Caption+": "+t.Columns[t.Chart]))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, esc(fmt.Sprintf("Bar chart of %s by %s, %d bars. The table beside it gives the same figures.",
		strings.ToLower(t.Columns[t.Chart]), strings.ToLower(t.RowHead), len(bars))))
	zero := x(0)
	for i, br := range bars {
		y := barTop + i*barRowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s</text>`, barLeft, y+12, barText, esc(br.label))
		by := y + 18
		end := zero
		if br.drawn {
			left, w := math.Min(zero, x(br.v)), math.Abs(x(br.v)-zero)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`, left, by, w, barH, barColour)
			end = math.Max(zero, x(br.v))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="%s">%s</text>`, end+6, by+12, barText, esc(br.text))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="1"/>`, zero, barTop+14, zero, height-4, barAxisLine)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// value reads a cell as a number: its count, or the number its text
// starts with ("+1.5", "62%").
func value(c reports.Cell) (float64, bool) {
	if c.IsCount() {
		return float64(c.N), true
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(c.Text, "%"), 64)
	return v, err == nil
}

func esc(s string) string { return template.HTMLEscapeString(s) }
