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
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	bw.WriteString("[")
	for i, is := range issues {
		buf.Reset()
		if err := enc.Encode(is); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	if len(issues) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
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

// Summarize groups issues by kind of problem, errors first, then in the
// order each kind was first met.
func Summarize(issues []Issue) []Group {
	var groups []*Group
	byKey := map[string]*Group{}
	lastRecord := map[string]int{}
	for _, is := range issues {
		field := positions.ReplaceAllString(is.Field, "[]")
		key := string(is.Level) + "\x00" + field + "\x00" + varying.ReplaceAllString(is.Action, "#")
		g := byKey[key]
		if g == nil {
			g = &Group{Level: is.Level, Field: field, Action: is.Action}
			byKey[key] = g
			groups = append(groups, g)
			lastRecord[key] = -1
		}
		g.Count++
		if lastRecord[key] != is.Index {
			g.Records++
			lastRecord[key] = is.Index
		}
		if len(g.Examples) < maxExamples {
			g.Examples = append(g.Examples, is)
		}
	}
	out := make([]Group, 0, len(groups))
	for _, level := range []Level{Error, Warning} {
		for _, g := range groups {
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
func WriteSummary(w io.Writer, issues []Issue) {
	if len(issues) == 0 {
		return
	}
	var errs, warns int
	for _, is := range issues {
		if is.Level == Error {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintf(w, "%s, %s:\n", howMany(errs, "error"), howMany(warns, "warning"))
	for _, g := range Summarize(issues) {
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
