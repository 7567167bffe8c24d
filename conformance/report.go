package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Status is the outcome of one check.
type Status string

// The outcomes of a check. Only [Fail] makes a feed fail.
const (
	Pass Status = "pass"
	Warn Status = "warn" // passed, with something worth fixing
	Fail Status = "fail"
	Skip Status = "skip" // not run: the endpoint is optional and absent, or the request limit was reached
)

// maxKept is how many failures and warnings a check keeps to show; the
// rest are only counted.
const maxKept = 5

// Result is the outcome of one check of a feed.
type Result struct {
	// Level is 1 for endpoints and paging, 2 for objects against the
	// schemas, as in the ORUK validator.
	Level int    `json:"level"`
	Name  string `json:"name"`
	// Required checks are those Level 1 of the UK profile needs: /,
	// /services and /services/{id}.
	Required bool   `json:"required"`
	Status   Status `json:"status"`
	Note     string `json:"note,omitempty"`
	// Objects is how many objects the check looked at.
	Objects      int       `json:"objects,omitempty"`
	FailureCount int       `json:"failure_count,omitempty"`
	Failures     []Finding `json:"failures,omitempty"` // the first few
	WarningCount int       `json:"warning_count,omitempty"`
	Warnings     []Finding `json:"warnings,omitempty"` // the first few
}

// Finding is one thing wrong: where, and what.
type Finding struct {
	URL     string `json:"url"`
	Path    string `json:"path,omitempty"` // a JSON pointer into the answer
	Message string `json:"message"`
}

func newResult(level int, name string, required bool) Result {
	return Result{Level: level, Name: name, Required: required}
}

func skipped(level int, name, why string) Result {
	return Result{Level: level, Name: name, Status: Skip, Note: why}
}

func (r *Result) fail(url, path, msg string) {
	if msg == errBudget.Error() {
		r.Note = "stopped: " + msg
		r.Status = Skip
		return
	}
	r.FailureCount++
	if len(r.Failures) < maxKept {
		r.Failures = append(r.Failures, Finding{URL: url, Path: path, Message: msg})
	}
}

func (r *Result) warn(url, path, msg string) {
	r.WarningCount++
	if len(r.Warnings) < maxKept {
		r.Warnings = append(r.Warnings, Finding{URL: url, Path: path, Message: msg})
	}
}

// done sets the status from what was found.
func (r *Result) done() Result {
	switch {
	case r.FailureCount > 0:
		r.Status = Fail
	case r.Status == Skip:
	case r.WarningCount > 0:
		r.Status = Warn
	default:
		r.Status = Pass
	}
	return *r
}

// Report is what [Checker.Check] found.
type Report struct {
	URL      string   `json:"url"`
	Passed   bool     `json:"passed"`
	Requests int      `json:"requests"`
	Results  []Result `json:"results"`
}

func (rep *Report) add(rs ...Result) {
	rep.Results = append(rep.Results, rs...)
	rep.Passed = true
	for _, r := range rep.Results {
		if r.Status == Fail || r.Required && r.Status == Skip {
			rep.Passed = false
		}
	}
}

// count returns how many results have status s.
func (rep *Report) count(s Status) int {
	n := 0
	for _, r := range rep.Results {
		if r.Status == s {
			n++
		}
	}
	return n
}

// WriteText writes the report for people: each check with its outcome,
// the first few failures with where they are, and the totals.
func (rep *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Open Referral UK 3.0 conformance of %s\n", rep.URL)
	width := 0
	for _, r := range rep.Results {
		width = max(width, len(r.Name))
	}
	for _, level := range []int{1, 2} {
		if level == 1 {
			b.WriteString("\nLevel 1: endpoints answer JSON and page correctly\n")
		} else {
			b.WriteString("\nLevel 2: every object against the HSDS 3.0 and UK profile schemas\n")
		}
		for _, r := range rep.Results {
			if r.Level != level {
				continue
			}
			var notes []string
			if r.Level == 2 && r.Status != Skip {
				notes = append(notes, count(r.Objects, "object"))
			} else if r.Note != "" {
				notes = append(notes, r.Note)
			}
			if r.FailureCount > 0 {
				notes = append(notes, count(r.FailureCount, "failure"))
			}
			if r.WarningCount > 0 {
				notes = append(notes, count(r.WarningCount, "warning"))
			}
			fmt.Fprintf(&b, "  %-4s  %-*s  %s\n", strings.ToUpper(string(r.Status)), width, r.Name, strings.Join(notes, "; "))
			writeFindings(&b, "", r.Failures, r.FailureCount)
			writeFindings(&b, "warning: ", r.Warnings, r.WarningCount)
		}
	}
	verdict := "PASS"
	if !rep.Passed {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "\n%s: %d passed, %d with warnings, %d failed, %d skipped; %d requests\n",
		verdict, rep.count(Pass), rep.count(Warn), rep.count(Fail), rep.count(Skip), rep.Requests)
	_, err := io.WriteString(w, b.String())
	return err
}

// count says n things: "1 object", "3 objects".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func writeFindings(b *strings.Builder, prefix string, fs []Finding, total int) {
	for _, f := range fs {
		at := f.URL
		if f.Path != "" {
			at += " " + f.Path
		}
		fmt.Fprintf(b, "          %s%s: %s\n", prefix, at, f.Message)
	}
	if total > len(fs) {
		fmt.Fprintf(b, "          ... and %d more\n", total-len(fs))
	}
}

// WriteJSON writes the report for machines.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
