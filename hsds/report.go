package hsds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"

	"github.com/linkway/linkway/directory"
)

// WriteIssues writes issues as a JSON array, one issue a line, so that
// the file reads and greps well and parses whole.
func WriteIssues(w io.Writer, issues []Issue) error {
	iw := NewIssueWriter(w)
	for _, is := range issues {
		iw.Add(is)
	}
	return iw.Close()
}

// IssueWriter writes an import's issues as they are met, in the form
// WriteIssues writes, so that a report of millions of warnings takes no
// memory. Its Add fits [Importer.Sink].
type IssueWriter struct {
	bw  *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
	err error // the first write that failed; later ones are not tried
}

// NewIssueWriter starts a JSON array of issues on w.
func NewIssueWriter(w io.Writer) *IssueWriter {
	iw := &IssueWriter{bw: bufio.NewWriter(w)}
	iw.enc = json.NewEncoder(&iw.buf)
	iw.enc.SetEscapeHTML(false)
	_, iw.err = iw.bw.WriteString("[")
	return iw
}

// Add writes one issue.
func (iw *IssueWriter) Add(is Issue) {
	if iw.err != nil {
		return
	}
	iw.buf.Reset()
	if iw.err = iw.enc.Encode(is); iw.err != nil {
		return
	}
	if iw.n > 0 {
		iw.bw.WriteString(",")
	}
	iw.bw.WriteString("\n")
	_, iw.err = iw.bw.Write(bytes.TrimSuffix(iw.buf.Bytes(), []byte("\n")))
	iw.n++
}

// Close ends the array and flushes it; it returns the first error met.
func (iw *IssueWriter) Close() error {
	if iw.err != nil {
		return iw.err
	}
	if iw.n > 0 {
		iw.bw.WriteString("\n")
	}
	iw.bw.WriteString("]\n")
	return iw.bw.Flush()
}

// Group is a kind of problem in an import report: issues of one level
// about the same field, with the same action once the values in it are
// set aside.
type Group struct {
	Level    Level
	Field    string // the field, list positions dropped: "schedules[].opens_at"
	Action   string // the first issue's action
	Count    int
	Records  int     // how many records have it
	Examples []Issue // the first few
}

// maxExamples is how many issues a group shows.
const maxExamples = 3

var (
	positions = regexp.MustCompile(`\[\d+\]`)
	// Quoted values and numbers in an action vary from issue to issue
	// ("read as 09:00", "read as 10:30"), so they do not split a group.
	varying = regexp.MustCompile(`"[^"]*"|\d+`)
)

// Tally counts an import's issues as they are met: how many errors and
// warnings, and per kind of problem its count and first examples. Its
// memory grows with the kinds of problem, not with the issues, so an
// import of any size can keep one. The zero Tally is ready to use.
type Tally struct {
	Errors, Warnings int
	groups           []*Group
	byKey            map[string]*Group
	lastRecord       map[*Group]int
}

// Add counts one issue.
func (t *Tally) Add(is Issue) {
	if is.Level == Error {
		t.Errors++
	} else {
		t.Warnings++
	}
	if t.byKey == nil {
		t.byKey = map[string]*Group{}
		t.lastRecord = map[*Group]int{}
	}
	field := positions.ReplaceAllString(is.Field, "[]")
	key := string(is.Level) + "\x00" + field + "\x00" + varying.ReplaceAllString(is.Action, "#")
	g := t.byKey[key]
	if g == nil {
		g = &Group{Level: is.Level, Field: field, Action: is.Action}
		t.byKey[key] = g
		t.groups = append(t.groups, g)
		t.lastRecord[g] = -1
	}
	g.Count++
	if t.lastRecord[g] != is.Index {
		g.Records++
		t.lastRecord[g] = is.Index
	}
	if len(g.Examples) < maxExamples {
		g.Examples = append(g.Examples, is)
	}
}

// Total is how many issues were counted.
func (t *Tally) Total() int { return t.Errors + t.Warnings }

// Groups are the kinds of problem met, errors first, then in the order
// each kind was first met.
func (t *Tally) Groups() []Group {
	out := make([]Group, 0, len(t.groups))
	for _, level := range []Level{Error, Warning} {
		for _, g := range t.groups {
			if g.Level == level {
				out = append(out, *g)
			}
		}
	}
	return out
}

// WriteSummary writes the report for a person: how many errors and
// warnings, and each kind of problem with how often it was met and its
// first examples.
func (t *Tally) WriteSummary(w io.Writer) {
	if t.Total() == 0 {
		return
	}
	fmt.Fprintf(w, "%s, %s:\n", howMany(t.Errors, "error"), howMany(t.Warnings, "warning"))
	for _, g := range t.Groups() {
		what := g.Action
		if g.Field != "" {
			what = g.Field + ": " + what
		}
		fmt.Fprintf(w, "  %-7s %6d× %s\n", g.Level, g.Count, what)
		for _, ex := range g.Examples {
			fmt.Fprintf(w, "                  %s\n", exampleText(ex))
		}
		if g.Count > len(g.Examples) {
			fmt.Fprintf(w, "                  … in %s\n", howMany(g.Records, "record"))
		}
	}
}

// Summarize groups issues by kind of problem, errors first, then in the
// order each kind was first met.
func Summarize(issues []Issue) []Group {
	var t Tally
	for _, is := range issues {
		t.Add(is)
	}
	return t.Groups()
}

// WriteSummary writes the summary of issues for a person; see
// [Tally.WriteSummary].
func WriteSummary(w io.Writer, issues []Issue) {
	var t Tally
	for _, is := range issues {
		t.Add(is)
	}
	t.WriteSummary(w)
}

// exampleText names an issue's record and value: `record 3 (id "a"):
// "9:00am" → read as 09:00`.
func exampleText(is Issue) string {
	var where string
	switch {
	case is.Index == 0:
		where = "the document"
	case is.ID == "":
		where = fmt.Sprintf("record %d (no id)", is.Index)
	default:
		where = fmt.Sprintf("record %d (id %s)", is.Index, directory.Quote(is.ID))
	}
	if is.Value == "" {
		return where + ": " + is.Action
	}
	return fmt.Sprintf("%s: %s → %s", where, directory.Quote(is.Value), is.Action)
}

func howMany(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// issueText writes an issue as one line for a person.
func issueText(is Issue) string {
	switch {
	case is.Field == "":
		return is.Action
	case is.Value == "":
		return is.Field + ": " + is.Action
	}
	return fmt.Sprintf("%s: %s: %s", is.Field, directory.Quote(is.Value), is.Action)
}

// Line writes the issue as one line for a person, naming its record.
func (is Issue) Line() string {
	if is.Index == 0 {
		return issueText(is)
	}
	rec := Record{Index: is.Index, ID: is.ID}
	return rec.Label() + ": " + issueText(is)
}
