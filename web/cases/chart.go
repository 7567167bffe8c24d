package cases

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
)

// chartSeries is how one ONS4 question is drawn. Colour alone must never
// tell the lines apart (WCAG 1.4.1), so each also has its own dash
// pattern and point shape, and the legend shows all three. Every colour
// has at least 3:1 contrast against white (WCAG 1.4.11).
type chartSeries struct {
	colour string
	dash   string // stroke-dasharray; "" for a solid line
	shape  string // circle, square, triangle, diamond
}

// ons4Series is in the order of [casework.Questions].
var ons4Series = []chartSeries{
	{colour: "#1d70b8", dash: "", shape: "circle"},          // blue, 5.2:1
	{colour: "#00703c", dash: "8 4", shape: "square"},       // green, 6.2:1
	{colour: "#4c2c92", dash: "2 3", shape: "triangle"},     // purple, 10.1:1
	{colour: "#d4351c", dash: "10 3 2 3", shape: "diamond"}, // red, 4.9:1
}

// Chart geometry in viewBox units. The SVG has no fixed size, so it
// scales to the width of its container, phone or desktop.
const (
	chartW, chartH    = 400, 270
	plotL, plotR      = 34, 388 // left and right of the plot area
	plotT, plotB      = 62, 236 // top (score 10) and bottom (score 0)
	chartDate         = "2 Jan 2006"
	chartDescDate     = "2 January 2006"
	chartPointRadius  = 4.0
	chartLegendColumn = 190
)

// ons4Chart draws a person's ONS4 wellbeing scores over time as a small
// SVG line chart: one line per question, scores 0 to 10 up the side and
// the scores in the order taken along the bottom. It is drawn on the
// server so it works without JavaScript. Screen readers get the title and
// a description giving the first and latest scores in words. With fewer
// than two sets of scores there is no change to show, and it returns "".
//
// scores may come in any order; they are drawn oldest first.
func ons4Chart(scores []casework.ONS4) template.HTML {
	if len(scores) < 2 {
		return ""
	}
	s := make([]casework.ONS4, len(scores))
	copy(s, scores)
	// Insertion sort keeps equal dates in the order given; the list is a
	// handful of reviews.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Date.Before(s[j-1].Date); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="ons4-title ons4-desc" font-family="sans-serif" font-size="13">`, chartW, chartH)
	fmt.Fprintf(&b, `<title id="ons4-title">%s</title>`, chartEsc("Wellbeing scores (ONS4) over time"))
	fmt.Fprintf(&b, `<desc id="ons4-desc">%s</desc>`, chartEsc(ons4ChartSummary(s[0], s[len(s)-1])))

	// Legend: two columns, a sample of each line with its point and name.
	for i, q := range casework.Questions {
		x := 8 + (i%2)*chartLegendColumn
		y := 14 + (i/2)*20
		sr := ons4Series[i]
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.5"%s/>`,
			x, y, x+28, y, sr.colour, chartDash(sr.dash))
		b.WriteString(chartPoint(sr, float64(x+14), float64(y)))
		label := q.Label
		if q.LowerIsBetter {
			label += " (lower is better)"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#0b0c0c">%s</text>`, x+34, y+4, chartEsc(label))
	}

	// Gridlines and the score axis.
	for v := 0; v <= casework.MaxScore; v += 2 {
		y := chartY(v)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#b1b4b6" stroke-width="1"/>`, plotL, y, plotR, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" fill="#0b0c0c">%d</text>`, plotL-6, y+4, v)
	}

	// Lines, then points on top of them.
	for i, q := range casework.Questions {
		sr := ons4Series[i]
		pts := make([]string, len(s))
		for j, o := range s {
			pts[j] = fmt.Sprintf("%.1f,%.1f", chartX(j, len(s)), chartY(o.Score(q.Key)))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5"%s points="%s"/>`,
			sr.colour, chartDash(sr.dash), strings.Join(pts, " "))
		for j, o := range s {
			b.WriteString(chartPoint(sr, chartX(j, len(s)), chartY(o.Score(q.Key))))
		}
	}

	// Dates of the first and latest scores; the ones between would
	// collide on a phone.
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#0b0c0c">%s</text>`, plotL, chartH-10, chartEsc(s[0].Date.Format(chartDate)))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#0b0c0c">%s</text>`, plotR, chartH-10, chartEsc(s[len(s)-1].Date.Format(chartDate)))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ons4ChartSummary says in words what the chart shows, for its <desc>.
func ons4ChartSummary(first, last casework.ONS4) string {
	scores := func(o casework.ONS4) string {
		parts := make([]string, len(casework.Questions))
		for i, q := range casework.Questions {
			parts[i] = fmt.Sprintf("%s %d", strings.ToLower(q.Label), o.Score(q.Key))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("First scores, on %s: %s. Latest scores, on %s: %s. Each is out of 10; for anxious, lower is better.",
		chartDay(first.Date), scores(first), chartDay(last.Date), scores(last))
}

func chartDay(t time.Time) string {
	if t.IsZero() {
		return "an unknown date"
	}
	return t.Format(chartDescDate)
}

// chartX spreads n points evenly across the plot, in date order rather
// than to a time scale: reviews are irregular, and even spacing keeps
// close ones readable.
func chartX(i, n int) float64 {
	return plotL + 12 + float64(i)*float64(plotR-plotL-24)/float64(n-1)
}

// chartY places a score, clamped to the scale so a bad value cannot draw
// outside the chart.
func chartY(v int) float64 {
	v = max(0, min(casework.MaxScore, v))
	return plotB - float64(v)*float64(plotB-plotT)/casework.MaxScore
}

// chartPoint draws one point in the series' shape, centred on x, y.
func chartPoint(sr chartSeries, x, y float64) string {
	r := chartPointRadius
	switch sr.shape {
	case "square":
		return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x-r, y-r, 2*r, 2*r, sr.colour)
	case "triangle":
		return fmt.Sprintf(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>`, x, y-r-1, x+r+1, y+r, x-r-1, y+r, sr.colour)
	case "diamond":
		return fmt.Sprintf(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>`, x, y-r-1, x+r+1, y, x, y+r+1, x-r-1, y, sr.colour)
	}
	return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>`, x, y, r, sr.colour)
}

func chartDash(dash string) string {
	if dash == "" {
		return ""
	}
	return fmt.Sprintf(` stroke-dasharray="%s"`, dash)
}

// chartEsc escapes text for an SVG element or attribute inside HTML.
func chartEsc(s string) string { return template.HTMLEscapeString(s) }
