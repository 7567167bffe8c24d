package reports

import (
	"strings"
	"testing"

	"github.com/linkway/linkway/reports"
)

func TestBarChart(t *testing.T) {
	tb := reports.Table{ID: "t", Caption: "Uptake", RowHead: "Stage", Columns: []string{"Referrals", "Change"}, Chart: 0, Rows: []reports.Row{
		{Label: "Referred", Cells: []reports.Cell{reports.Count(20), reports.Figure("+1.5", 20)}},
		{Label: "Declined <by service>", Cells: []reports.Cell{reports.Count(3), reports.Figure("-2.0", 20)}},
		{Label: "Median", Cells: []reports.Cell{reports.Figure("4", 20), {}}, Summary: true},
		{Label: "All", Cells: []reports.Cell{reports.Count(23), {}}, Total: true},
	}}
	reports.Suppress(&tb)
	svg := string(BarChart(tb))
	for _, want := range []string{
		`role="img" aria-labelledby="chart-t-title chart-t-desc"`,
		`<title id="chart-t-title">Uptake: Referrals</title>`,
		`<desc id="chart-t-desc">Bar chart of referrals by stage, 2 bars. The table beside it gives the same figures.</desc>`,
		`>Declined &lt;by service&gt;</text>`, // labels escaped
		`>&lt;5</text>`,                       // a withheld count is written, not drawn
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<rect"); n != 1 {
		t.Errorf("%d bars drawn, want 1 (the withheld one, the summary and the total are not)", n)
	}
	if strings.Contains(svg, ">Median<") || strings.Contains(svg, ">All<") {
		t.Error("summary or total row charted")
	}

	// A column of changes, one negative, draws that bar left of zero.
	tb.Chart = 1
	svg = string(BarChart(tb))
	if n := strings.Count(svg, "<rect"); n != 2 {
		t.Errorf("%d bars for the changes, want 2", n)
	}
	if BarChart(reports.Table{Chart: -1, Columns: []string{"x"}}) != "" {
		t.Error("a table without a chart column drew one")
	}
}
