package hsds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/linkway/linkway/hsds"
)

// TestImportSinkStreamsIssues: with a Sink, every issue goes to it as it
// is met, in the same order and form as an import without one keeps
// them, and the report keeps only their tally, which summarises them as
// the issues themselves would.
func TestImportSinkStreamsIssues(t *testing.T) {
	var feed strings.Builder
	feed.WriteString("[")
	for i := range 40 {
		if i > 0 {
			feed.WriteString(",")
		}
		fmt.Fprintf(&feed, `{"id": "s%d", "name": "Lunch %d", "status": "active", "minimum_age": 4.5,
			"schedules": [{"byday": "MO", "opens_at": "9:00am", "closes_at": "12pm"}]}`, i, i)
	}
	feed.WriteString("]")

	kept, err := importInTx(context.Background(), mustOpenDB(t), &hsds.Importer{}, strings.NewReader(feed.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Issues) != 120 || kept.Tally.Total() != 120 {
		t.Fatalf("without a sink: %d issues kept, %d counted; want 120", len(kept.Issues), kept.Tally.Total())
	}

	var file bytes.Buffer
	w := hsds.NewIssueWriter(&file)
	streamed, err := importInTx(context.Background(), mustOpenDB(t), &hsds.Importer{Sink: w.Add}, strings.NewReader(feed.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(streamed.Issues) != 0 {
		t.Errorf("with a sink the report still keeps %d issues", len(streamed.Issues))
	}
	var back []hsds.Issue
	if err := json.Unmarshal(file.Bytes(), &back); err != nil {
		t.Fatalf("the streamed report is not JSON: %v\n%s", err, file.String())
	}
	if len(back) != len(kept.Issues) {
		t.Fatalf("streamed %d issues, want %d", len(back), len(kept.Issues))
	}
	for i := range back {
		if back[i] != kept.Issues[i] {
			t.Errorf("issue %d streamed as %+v, kept as %+v", i, back[i], kept.Issues[i])
		}
	}
	var fromTally, fromIssues bytes.Buffer
	streamed.Tally.WriteSummary(&fromTally)
	hsds.WriteSummary(&fromIssues, kept.Issues)
	if fromTally.String() != fromIssues.String() || !strings.Contains(fromTally.String(), "0 errors, 120 warnings:") {
		t.Errorf("summary from the tally:\n%s\nfrom the issues:\n%s", fromTally.String(), fromIssues.String())
	}
	if g := streamed.Tally.Groups(); len(g) != 3 || g[0].Count != 40 || g[0].Records != 40 || len(g[0].Examples) != 3 {
		t.Errorf("groups = %+v", g)
	}
}
