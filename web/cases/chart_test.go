package cases

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
)

func chartScores() []casework.ONS4 {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	// Out of order on purpose: the chart sorts by date.
	return []casework.ONS4{
		{Date: day(6, 2), Stage: casework.StageDischarge, Life: 7, Worthwhile: 6, Happy: 7, Anxious: 3},
		{Date: day(3, 3), Stage: casework.StageStart, Life: 3, Worthwhile: 4, Happy: 2, Anxious: 8},
		{Date: day(4, 14), Stage: casework.StageReview, Life: 5, Worthwhile: 5, Happy: 4, Anxious: 6},
	}
}

func TestChartTooFewScores(t *testing.T) {
	if got := ons4Chart(nil); got != "" {
		t.Errorf("ons4Chart(nil) = %q, want empty", got)
	}
	if got := ons4Chart(chartScores()[:1]); got != "" {
		t.Errorf("ons4Chart(one score) = %q, want empty", got)
	}
}

func TestChartContent(t *testing.T) {
	svg := string(ons4Chart(chartScores()))
	for _, want := range []string{
		`role="img"`,
		`viewBox="0 0 `,
		`<title id="ons4-title">`,
		"<desc id=\"ons4-desc\">First scores, on 3 March 2025: life satisfaction 3, worthwhile 4, happy 2, anxious 8. " +
			"Latest scores, on 2 June 2025: life satisfaction 7, worthwhile 6, happy 7, anxious 3. " +
			"Each is out of 10; for anxious, lower is better.</desc>",
		">Life satisfaction<", ">Worthwhile<", ">Happy<", ">Anxious (lower is better)<",
		">3 Mar 2025<", ">2 Jun 2025<",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Contains(svg, `width="`+"4") || strings.Contains(svg, "height=\"270\"") {
		t.Error("chart has a fixed size; it should scale by its viewBox")
	}
	if n := strings.Count(svg, "<polyline"); n != len(casework.Questions) {
		t.Errorf("chart has %d polylines, want one per question (%d)", n, len(casework.Questions))
	}
}

// TestChartWellFormed parses the chart as XML: any unescaped text or
// stray markup would break it. It also checks each line has a point per
// score and its own dash pattern, and that nothing active is present.
func TestChartWellFormed(t *testing.T) {
	scores := chartScores()
	d := xml.NewDecoder(strings.NewReader(string(ons4Chart(scores))))
	dashes := map[string]bool{}
	lines := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "script", "foreignObject", "a", "image", "use", "style":
			t.Errorf("chart contains <%s>", el.Name.Local)
		case "polyline":
			lines++
			var points, dash string
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "points":
					points = a.Value
				case "stroke-dasharray":
					dash = a.Value
				}
			}
			if n := len(strings.Fields(points)); n != len(scores) {
				t.Errorf("polyline has %d points, want %d", n, len(scores))
			}
			dashes[dash] = true
		}
		for _, a := range el.Attr {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || a.Name.Local == "style" || a.Name.Local == "href" {
				t.Errorf("<%s> has attribute %s", el.Name.Local, a.Name.Local)
			}
		}
	}
	if lines != 4 || len(dashes) != 4 {
		t.Errorf("%d lines with %d distinct dash patterns, want 4 and 4", lines, len(dashes))
	}
}

// TestChartOrder checks the oldest score is drawn on the left: the first
// point of the life-satisfaction line is its start score, 3.
func TestChartOrder(t *testing.T) {
	svg := string(ons4Chart(chartScores()))
	i := strings.Index(svg, "<polyline")
	j := strings.Index(svg[i:], `points="`) + i + len(`points="`)
	first := strings.Fields(svg[j:])[0]
	_, y, _ := strings.Cut(first, ",")
	if want := strconv.FormatFloat(chartY(3), 'f', 1, 64); y != want {
		t.Errorf("first point y = %s, want %s (score 3)", y, want)
	}
}

// TestChartContrast checks every line colour against white with the
// WCAG relative-luminance formula: graphics need 3:1.
func TestChartContrast(t *testing.T) {
	lum := func(hex string) float64 {
		v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
		if err != nil || len(hex) != 7 {
			t.Fatalf("bad colour %q", hex)
		}
		ch := func(c uint64) float64 {
			s := float64(c) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(v>>16) + 0.7152*ch(v>>8&0xff) + 0.0722*ch(v&0xff)
	}
	if len(ons4Series) != len(casework.Questions) {
		t.Fatalf("%d series for %d questions", len(ons4Series), len(casework.Questions))
	}
	shapes := map[string]bool{}
	for _, sr := range ons4Series {
		if ratio := 1.05 / (lum(sr.colour) + 0.05); ratio < 3 {
			t.Errorf("%s has contrast %.2f:1 against white, want at least 3:1", sr.colour, ratio)
		}
		shapes[sr.shape] = true
	}
	if len(shapes) != len(ons4Series) {
		t.Errorf("series share point shapes: %v", shapes)
	}
}

func TestChartClampsBadScores(t *testing.T) {
	s := chartScores()
	s[0].Life, s[1].Anxious = 99, -5
	svg := string(ons4Chart(s))
	for rest := svg; ; {
		i := strings.Index(rest, "<polyline")
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.Index(rest, `points="`) + len(`points="`)
		k := strings.IndexByte(rest[j:], '"') + j
		for _, pt := range strings.Fields(rest[j:k]) {
			_, ys, _ := strings.Cut(pt, ",")
			if y, err := strconv.ParseFloat(ys, 64); err != nil || y < plotT || y > plotB {
				t.Errorf("point %s is outside the plot (y %d..%d)", pt, plotT, plotB)
			}
		}
		rest = rest[k:]
	}
}
